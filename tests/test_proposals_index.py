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


def test_listing_proposals_loads_no_corpus(content_copy, fast_paths, monkeypatch, capsys):
    """`briefing propose ID --json` on a large knowledge base (fast paths on) reads the index and
    the source's text only: neither the YAML nor the snapshot of the corpus."""
    import briefing_tui.store.knowledge_base as kb_module
    from briefing_tui.cli import main
    from briefing_tui.store import KnowledgeBase

    KnowledgeBase.open(content_copy).close()  # the index built (this loads the corpus once)

    def no_corpus(*_a, **_k):
        raise AssertionError("the corpus was loaded")

    monkeypatch.setattr(kb_module, "_load_content", no_corpus)
    monkeypatch.setattr(kb_module, "_snapshot", no_corpus)
    monkeypatch.setenv("BRIEFING_CACHE", str(content_copy.cache))
    cli = ["--content", str(content_copy.content), "propose", "2020-10-28-nieuwe-massavernietigingswapens"]
    assert main([*cli, "--json"]) == 0
    assert isinstance(json.loads(capsys.readouterr().out), list)
    assert main(cli) == 0
    assert "voorstel" in capsys.readouterr().out.lower()
