"""Proposals from the index alone (what a fresh `briefing propose` reads) are the proposals from
the whole corpus (docs/proposals.md, "Speed")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted(p.stem for p in (ROOT / "content" / "sources").glob("*.yaml"))
HIDDEN = ["2022-kabinetsreactie-aiv-cavv-autonome-wapensystemen", "2021-03-22-antwoorden-motie-koopmans"]


def _both(kb, source_id: str) -> tuple[list[dict], list[dict]]:
    from briefing_tui.proposals import propose

    from_index = propose(kb, source_id)
    from_corpus = propose(kb, source_id, corpus=kb.corpus)
    assert (from_index.known, from_index.rejected, from_index.unverifiable) == (
        from_corpus.known, from_corpus.rejected, from_corpus.unverifiable)
    return [c.to_json() for c in from_index.candidates], [c.to_json() for c in from_corpus.candidates]


def test_every_shipped_source_proposes_the_same_from_the_index_as_from_the_corpus(real_engine):
    assert SEEDS
    for sid in SEEDS:
        index_side, corpus_side = _both(real_engine, sid)
        assert index_side == corpus_side, sid


@pytest.mark.parametrize("source_id", HIDDEN)
def test_a_source_whose_statements_are_hidden_proposes_the_same_from_the_index(tmp_path, source_id):
    """With its statements hidden, a seed letter proposes many statements and relations: the
    chains, areas and topics read from the index must be those of the corpus."""
    from briefing_tui.proposals.evaluate import hide_source
    from briefing_tui.store import KnowledgeBase
    from briefing_tui.workspace import Workspace

    hide_source(ROOT / "content", tmp_path / "content", source_id)
    ws = Workspace(tmp_path / "content", tmp_path / "briefings", tmp_path / "cache")
    with KnowledgeBase.open(ws) as kb:
        index_side, corpus_side = _both(kb, source_id)
    assert len(index_side) >= 10 and sum(len(c["relations"]) for c in index_side) >= 5
    assert index_side == corpus_side


def _index_then_forbid_the_corpus(ws, monkeypatch) -> None:
    """Build the index of `ws` (this loads the corpus once); from then on loading the corpus
    (YAML or snapshot) fails the test. The CLI uses `ws.cache`."""
    import briefing_tui.store.knowledge_base as kb_module
    from briefing_tui.store import KnowledgeBase

    KnowledgeBase.open(ws).close()

    def no_corpus(*_a, **_k):
        raise AssertionError("the corpus was loaded")

    monkeypatch.setattr(kb_module, "_load_content", no_corpus)
    monkeypatch.setattr(kb_module, "_snapshot", no_corpus)
    monkeypatch.setenv("BRIEFING_CACHE", str(ws.cache))


def test_listing_proposals_loads_no_corpus(content_copy, fast_paths, monkeypatch, capsys):
    """`briefing propose ID --json` on a large knowledge base (fast paths on) reads the index and
    the source's text only: neither the YAML nor the snapshot of the corpus."""
    from briefing_tui.cli import main

    _index_then_forbid_the_corpus(content_copy, monkeypatch)
    cli = ["--content", str(content_copy.content), "propose", "2020-10-28-nieuwe-massavernietigingswapens"]
    assert main([*cli, "--json"]) == 0
    assert isinstance(json.loads(capsys.readouterr().out), list)
    assert main(cli) == 0
    assert "voorstel" in capsys.readouterr().out.lower()


LETTER_2022 = HIDDEN[0]
ADOPTION = "neemt aanbeveling 2 volledig over"
CORE_AIM = "Voor het kabinet is het kerndoel van een verbod"


@pytest.fixture
def hidden_large(tmp_path, fast_paths, monkeypatch):
    """The content without the 2022 letter's statements, indexed, with the fast paths of a large
    knowledge base on; from then on loading the corpus (YAML or snapshot) fails the test."""
    from briefing_tui.proposals.evaluate import hide_source
    from briefing_tui.workspace import Workspace

    hide_source(ROOT / "content", tmp_path / "content", LETTER_2022)
    ws = Workspace(tmp_path / "content", tmp_path / "briefings", tmp_path / "cache")
    _index_then_forbid_the_corpus(ws, monkeypatch)
    return ws


def _cli(ws, *args) -> int:
    from briefing_tui.cli import main

    return main(["--content", str(ws.content), "propose", LETTER_2022, *map(str, args)])


def _numbers(ws, capsys, *phrases: str) -> list[int]:
    assert _cli(ws, "--json") == 0
    items = json.loads(capsys.readouterr().out)
    return [next(i["n"] for i in items if phrase in i["quote"]) for phrase in phrases]


def test_accepting_reads_no_corpus_and_the_index_has_the_statement_at_once(hidden_large, capsys):
    """`--accept N` checks ids, areas and the older statement in the index and updates the index
    from the one file it wrote: the new statement is found, the older one is flagged replaced."""
    from briefing_tui.store import KnowledgeBase

    adoption, = _numbers(hidden_large, capsys, ADOPTION)
    laws = hidden_large.content / "domains" / "laws.yaml"
    assert _cli(hidden_large, "--accept", adoption) == 0
    out = capsys.readouterr().out
    assert "laws-verbod-2022 geschreven in content/domains/laws.yaml, vervangt laws-verbod-2019" in out
    assert "1 bestand opnieuw geïndexeerd (gewijzigd: domains/laws.yaml)" in out
    assert 'id: "laws-verbod-2022"' in laws.read_text(encoding="utf-8")
    with KnowledgeBase.open(hidden_large) as kb:
        assert kb.report.files_changed == 0  # the command left the index up to date
        [new] = kb.statement_rows(ids=("laws-verbod-2022",))
        assert (new.source, new.topic, new.current) == (LETTER_2022, "laws/verbod", True)
        assert ADOPTION in new.quote
        [old] = kb.statement_rows(ids=("laws-verbod-2019",))
        assert (old.current, old.superseded_by) == (False, "laws-verbod-2022")
        assert "laws-verbod-2022" in [h.id for h in kb.search("aanbeveling volledig over verbod").hits]
    # Proposed again, the sentence is known now: it is left out.
    assert _cli(hidden_large, "--json") == 0
    assert adoption not in [i["n"] for i in json.loads(capsys.readouterr().out)]


def test_a_second_accept_replacing_the_same_line_is_refused_and_ids_stay_unique(hidden_large, capsys):
    """Two proposals that both replace laws-verbod-2019: the second, in the same command, finds it
    replaced by the first (the index is updated between them) and writes nothing; written with
    the first as its relation, it takes the next free id of the topic."""
    adoption, core = _numbers(hidden_large, capsys, ADOPTION, CORE_AIM)
    laws = hidden_large.content / "domains" / "laws.yaml"
    assert _cli(hidden_large, "--accept", adoption, "--accept", core) == 1
    captured = capsys.readouterr()
    assert "laws-verbod-2022 geschreven" in captured.out
    assert f"voorstel {core}" in captured.err and "laws-verbod-2019 is al vervangen door laws-verbod-2022" in captured.err
    written = laws.read_text(encoding="utf-8")
    assert written.count('id: "laws-verbod-2022') == 1 and CORE_AIM not in written
    assert _cli(hidden_large, "--accept", core, "--relation", "laws-verbod-2022") == 0
    assert "laws-verbod-2022-2 geschreven in content/domains/laws.yaml, vervangt laws-verbod-2022" in capsys.readouterr().out
    assert _cli(hidden_large, "--accept", core, "--relation", "laws-verbod-2022") == 1
    assert f"geen voorstel nr. {core}" in capsys.readouterr().err  # written: no longer proposed


def test_an_accept_whose_index_update_fails_is_said_in_dutch_and_the_next_is_not_written(hidden_large, capsys,
                                                                                          monkeypatch):
    """The index cannot be written after the first of two accepts (a full disk): the first stays
    written and the next command brings the index up to date; the second is not written, as it
    could not be checked against the first. The command says so in Dutch and ends with 1."""
    import sqlite3

    from briefing_tui.store import KnowledgeBase

    adoption, core = _numbers(hidden_large, capsys, ADOPTION, CORE_AIM)
    laws = hidden_large.content / "domains" / "laws.yaml"
    after_writing = KnowledgeBase.after_writing

    def full(self, paths):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(KnowledgeBase, "after_writing", full)
    assert _cli(hidden_large, "--accept", adoption, "--accept", core) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert "laws-verbod-2022 geschreven in content/domains/laws.yaml" in captured.out
    assert "de index kan niet geschreven worden in" in captured.err and "database or disk is full" in captured.err
    assert f"niet verwerkt: voorstel {core}" in captured.err
    written = laws.read_text(encoding="utf-8")
    assert written.count('id: "laws-verbod-2022') == 1 and CORE_AIM not in written

    monkeypatch.setattr(KnowledgeBase, "after_writing", after_writing)
    with KnowledgeBase.open(hidden_large) as kb:  # the next command
        [new] = kb.statement_rows(ids=("laws-verbod-2022",))
        assert ADOPTION in new.quote


def test_a_last_accept_whose_index_update_fails_is_written_and_said_in_dutch(hidden_large, capsys, monkeypatch):
    import sqlite3

    from briefing_tui.store import KnowledgeBase

    adoption, = _numbers(hidden_large, capsys, ADOPTION)

    def full(self, paths):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(KnowledgeBase, "after_writing", full)
    assert _cli(hidden_large, "--accept", adoption) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and "Index:" not in captured.out
    assert "laws-verbod-2022 geschreven" in captured.out
    assert "briefing propose: de index kan niet geschreven worden in" in captured.err
