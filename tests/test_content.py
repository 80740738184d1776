"""Loading a content folder: records, locations, and problems that never stop other files."""

from __future__ import annotations

import pytest

from briefing_tui.content import load_content


def messages(corpus):
    return [str(p) for p in corpus.problems]


def codes(corpus):
    """What went wrong where, as `path:line: code` (the words are Dutch, see test_wording)."""
    return sorted(f"{p.path}:{p.line}: {p.code}" for p in corpus.problems)


def test_mini_content_loads(mini_content):
    corpus = load_content(mini_content)
    assert corpus.problems == []
    assert set(corpus.sources) == {"kst-33694-99", "2019-oud"}
    st = corpus.statements["laws-verbod-2022"]
    assert st.home == "domains/laws"
    assert st.domains == ("laws",) and st.forums == ("ccw",)
    assert st.loc.path == "content/domains/laws.yaml" and st.loc.line == 5
    assert corpus.line_of("statement", st.id, "quote") == 8
    ccw = corpus.statements["ccw-mhc-2022"]
    assert ccw.home == "forums/ccw" and ccw.forums == ("ccw",) and ccw.domains == ("laws",)
    assert corpus.forums["gge-laws"].parent == "ccw"
    assert corpus.superseded_by("laws-geen-verbod-2019") == "laws-verbod-2022"
    assert corpus.sources["kst-33694-99"].kamerstuk.number == "99"
    assert corpus.sources["2019-oud"].is_inferred("date")
    assert corpus.synonyms == [("laws", "killer robots")]
    assert corpus.motions["motie-33694-43"].follow_up[0].quote == "betekenisvolle menselijke controle"
    assert corpus.qa["qa-1"].number == 1
    assert corpus.source_text("kst-33694-99").startswith(" Geachte voorzitter")


def test_staging_is_ignored(mini_content):
    (mini_content / "_staging").mkdir()
    (mini_content / "_staging" / "a.yaml").write_text("statements: [{file: domains/laws}]\n", encoding="utf-8")
    assert load_content(mini_content).problems == []


def test_report_root(mini_content, tmp_path):
    (mini_content / "qa.yaml").write_text("qa: 3\n", encoding="utf-8")
    corpus = load_content(mini_content, report_root=mini_content)
    assert messages(corpus) == ["qa.yaml:1: qa moet een lijst zijn, geen geheel getal"]


def test_python_tag_in_content_is_reported_not_executed(mini_content, tmp_path):
    marker = tmp_path / "pwned"
    (mini_content / "domains" / "evil.yaml").write_text(
        f"id: evil\nname: x\nstatements:\n  - !!python/object/apply:os.system ['touch {marker}']\n",
        encoding="utf-8",
    )
    corpus = load_content(mini_content)
    assert not marker.exists()
    (problem,) = corpus.problems
    assert problem.path == "content/domains/evil.yaml" and problem.line == 4
    assert problem.code == "yaml.tag_not_allowed" and "niet toegestaan" in problem.message
    # The other files still loaded.
    assert "laws-verbod-2022" in corpus.statements


def test_one_bad_file_does_not_stop_the_others(mini_content):
    (mini_content / "domains" / "bad.yaml").write_bytes(b"id: bad\nname: \xff\n")
    (mini_content / "forums" / "empty.yaml").write_text("", encoding="utf-8")
    (mini_content / "sources" / "kst-1-1.yaml").write_text(
        "id: kst-1-1\nkind: kamerbrief\ntitle: x\n", encoding="utf-8"
    )
    (mini_content / "sources" / "kst-1-1.txt").write_bytes(b"abc\x00def")
    corpus = load_content(mini_content)
    assert sorted(messages(corpus)) == [
        "content/domains/bad.yaml:2: YAML-bestand is geen UTF-8: ongeldige byte 0xff op byte 14",
        "content/forums/empty.yaml:1: YAML-bestand is leeg",
        "content/sources/kst-1-1.txt:1: tekstbestand is binair, geen tekst (NUL-byte op byte 3)",
    ]
    assert len(corpus.statements) == 3 and "kst-1-1" in corpus.sources
    assert "kst-1-1" in corpus.unreadable_texts


def test_unknown_keys_wrong_types_and_missing_fields_point_at_lines(mini_content):
    (mini_content / "domains" / "laws.yaml").write_text(
        """\
id: laws
name: "Autonome wapensystemen"
colour: red
statements:
  - id: laws-a
    topic: laws/a
    position: 3
    quote: "zal zich inzetten"
    source: kst-33694-99
    file: domains/laws
  - id: Laws B
    topic: laws/b
    position: "x"
    quote: "x"
    source: kst-33694-99
    locator: "p. 1"
    domains: laws
""",
        encoding="utf-8",
    )
    (mini_content / "qa.yaml").write_text(
        "qa:\n  - id: qa-1\n    source: kst-33694-99\n    number: \"1\"\n    question: q\n    answer_locator: a\nextra: 1\n",
        encoding="utf-8",
    )
    corpus = load_content(mini_content)
    got = messages(corpus)
    assert ("content/domains/laws.yaml:3: domein 'laws': onbekend veld 'colour' (bekende velden: 'id', 'name', "
            "'description', 'aliases', 'inferred' en 'statements')") in got
    assert "content/domains/laws.yaml:7: standpunt 'laws-a': position moet tekst zijn, geen geheel getal (zet het tussen aanhalingstekens)" in got
    assert any(m.startswith("content/domains/laws.yaml:10: standpunt 'laws-a': onbekend veld 'file'") for m in got)
    assert "content/domains/laws.yaml:5: standpunt 'laws-a': verplicht veld 'locator' ontbreekt" in got
    assert any(m.startswith("content/domains/laws.yaml:11: standpunt 'Laws B': een id bestaat uit kleine letters") for m in got)
    assert "content/domains/laws.yaml:17: standpunt 'Laws B': domains moet een lijst zijn, geen tekst" in got
    assert "content/qa.yaml:4: vraag 'qa-1': number moet een geheel getal zijn, geen tekst" in got
    assert any(m.startswith("content/qa.yaml:7: het bestand: onbekend veld 'extra'") for m in got)
    # A statement with a problem in a required field is still loaded (references resolve).
    assert corpus.statements["laws-a"].locator == ""


def test_duplicate_ids_across_kinds_report_both_places(mini_content):
    with open(mini_content / "commitments.yaml", "a", encoding="utf-8") as fh:
        fh.write("  - id: laws-verbod-2022\n    text: t\n    quote: q\n    source: kst-33694-99\n")
    corpus = load_content(mini_content)
    assert sorted(messages(corpus)) == [
        "content/commitments.yaml:7: id 'laws-verbod-2022' komt twee keer voor: al gedefinieerd als standpunt op content/domains/laws.yaml:5",
        "content/domains/laws.yaml:5: id 'laws-verbod-2022' komt twee keer voor: opnieuw gedefinieerd als toezegging op content/commitments.yaml:7",
    ]
    # The first definition is kept.
    assert "laws-verbod-2022" in corpus.statements and "laws-verbod-2022" not in corpus.commitments


def test_text_without_metadata_and_metadata_without_text(mini_content):
    (mini_content / "sources" / "losse-tekst.txt").write_text("tekst\n", encoding="utf-8")
    (mini_content / "sources" / "2019-oud.txt").unlink()
    corpus = load_content(mini_content)
    got = messages(corpus)
    assert "content/sources/losse-tekst.txt:1: waarschuwing: brontekst zonder metagegevens: voeg sources/losse-tekst.yaml toe" in got
    assert "content/sources/2019-oud.yaml:1: waarschuwing: bron heeft geen tekstbestand: sources/2019-oud.txt ontbreekt" in got
    assert corpus.errors() == []


def test_id_must_match_file_name(mini_content):
    path = mini_content / "forums" / "gge-laws.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("id: gge-laws", "id: gge"), encoding="utf-8")
    corpus = load_content(mini_content)
    assert messages(corpus) == ["content/forums/gge-laws.yaml:1: forum heeft id 'gge', maar het bestand heet 'gge-laws'"]


def test_missing_content_folder(tmp_path):
    corpus = load_content(tmp_path / "nowhere")
    assert codes(corpus) == ["nowhere:1: content.no_folder"]


def test_real_content_loads_without_errors(content_dir):
    if not any((content_dir / "domains").glob("*.yaml")):
        pytest.skip("content/domains is still empty")
    corpus = load_content(content_dir)
    assert [str(p) for p in corpus.errors()] == []
    assert len(corpus.sources) >= 5
    assert corpus.statements
    for st in corpus.statements.values():
        assert st.home.split("/")[1] in (st.domains + st.forums)


def test_huge_files_are_refused(mini_content):
    (mini_content / "domains" / "huge.yaml").write_bytes(b"id: huge\nname: x\n# " + b"x" * (5 * 1024 * 1024) + b"\n")
    (mini_content / "sources" / "2019-oud.txt").write_bytes(b"tekst " * (3_500_000 + 1))
    corpus = load_content(mini_content)
    assert sorted(messages(corpus)) == [
        "content/domains/huge.yaml:1: YAML-bestand is te groot (5.242.900 bytes; de grens is 5 MB)",
        "content/sources/2019-oud.txt:1: tekstbestand is te groot (21.000.006 bytes; de grens is 20 MB)",
    ]
    assert "2019-oud" in corpus.unreadable_texts


def test_files_read_ahead_by_worker_processes_load_the_same_corpus(mini_content, monkeypatch):
    """The speed machinery against the reference: a large load parses its YAML in worker
    processes; the corpus, its problems (with file and line) and its file list are the same."""
    import threading

    import briefing_tui.content as content
    from briefing_tui import forkpool

    broken = {"domains/bad.yaml": b"id: bad\nname: \xff\n", "forums/evil.yaml": b"id: evil\nname: !!python/object x\n",
                    "motions.yaml": b"motions:\n  - id: m1\n    text: [\n"}
    for rel, data in broken.items():
        (mini_content / rel).write_bytes(data)
    serial = load_content(mini_content)
    started = []
    real_start = forkpool.Ahead.start

    def start(self, jobs):
        jobs = list(jobs)
        started.append(real_start(self, jobs))
        return started[-1]

    monkeypatch.setattr(forkpool.Ahead, "start", start)
    monkeypatch.setattr(content, "READ_AHEAD_MIN_BYTES", 0)
    monkeypatch.setattr(content, "READ_AHEAD_BATCH_BYTES", 300)  # several batches
    ahead = load_content(mini_content)
    if threading.active_count() == 1:
        assert started == [True]  # the files really went to worker processes
    assert messages(ahead) == messages(serial) and len(messages(serial)) >= 3
    assert ahead.files == serial.files
    assert ahead.statements == serial.statements and ahead.sources == serial.sources
    assert ahead.motions == serial.motions and ahead.domains == serial.domains


def test_records_without_updates_or_inferred_fields_share_one_empty_map(content_dir):
    # A million statements held a million empty dicts (64 MB of a build's peak): loaded from the
    # YAML and read back from the snapshot, every empty map is the same object, and it stays empty.
    import io

    from briefing_tui.store.snapshot import decode_lines, encode_lines

    corpus = load_content(content_dir)
    back = decode_lines(io.BytesIO("\n".join(encode_lines(corpus)).encode("utf-8") + b"\n"))
    assert back is not None
    for c in (corpus, back):
        records = [*c.statements.values(), *c.sources.values(), *c.commitments.values()]
        empties = {id(m) for r in records for m in (getattr(r, "updates", None), r.inferred) if m == {}}
        assert len(empties) == 1
    with_updates = [s for s in corpus.statements.values() if s.updates]
    assert with_updates and all(back.statements[s.id].updates == s.updates for s in with_updates)
