"""Loading a content folder: records, locations, and problems that never stop other files."""

from __future__ import annotations

import pytest

from briefing_tui.content import field_line, load_content, load_info


def messages(corpus):
    return [str(p) for p in corpus.problems]


def test_mini_content_loads(mini_content):
    corpus = load_content(mini_content)
    assert corpus.problems == []
    assert set(corpus.sources) == {"kst-33694-99", "2019-oud"}
    st = corpus.statements["laws-verbod-2022"]
    assert st.home == "domains/laws"
    assert st.domains == ("laws",) and st.forums == ("ccw",)
    assert st.loc.path == "content/domains/laws.yaml" and st.loc.line == 5
    assert field_line(corpus, "statement", st.id, "quote") == 8
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
    assert messages(corpus) == ["qa.yaml:1: 'qa' must be a list, not a number"]


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
    assert "not allowed" in problem.message
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
        "content/domains/bad.yaml:2: YAML file is not UTF-8: invalid byte 0xff at byte offset 14",
        "content/forums/empty.yaml:1: YAML file is empty",
        "content/sources/kst-1-1.txt:1: text file is binary, not text (NUL byte at byte offset 3)",
    ]
    assert len(corpus.statements) == 3 and "kst-1-1" in corpus.sources
    assert "kst-1-1" in load_info(corpus).bad_texts


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
    assert "content/domains/laws.yaml:3: domain 'laws': unknown field 'colour' (known fields: id, name, description, aliases, inferred, statements)" in got
    assert "content/domains/laws.yaml:7: statement 'laws-a': position must be a string, not a number (quote it)" in got
    assert any(m.startswith("content/domains/laws.yaml:10: statement 'laws-a': unknown field 'file'") for m in got)
    assert "content/domains/laws.yaml:5: statement 'laws-a': required field 'locator' is missing" in got
    assert any(m.startswith("content/domains/laws.yaml:11: statement 'Laws B': id must be lowercase") for m in got)
    assert "content/domains/laws.yaml:17: statement 'Laws B': domains must be a list of strings, not a string" in got
    assert "content/qa.yaml:4: qa 'qa-1': number must be a whole number, not a string" in got
    assert "content/qa.yaml:7: unknown top-level key 'extra' (expected only 'qa')" in got
    # A statement with a problem in a required field is still loaded (references resolve).
    assert corpus.statements["laws-a"].locator == ""


def test_duplicate_ids_across_kinds_report_both_places(mini_content):
    with open(mini_content / "commitments.yaml", "a", encoding="utf-8") as fh:
        fh.write("  - id: laws-verbod-2022\n    text: t\n    quote: q\n    source: kst-33694-99\n")
    corpus = load_content(mini_content)
    assert sorted(messages(corpus)) == [
        "content/commitments.yaml:7: duplicate id 'laws-verbod-2022': already defined as a statement at content/domains/laws.yaml:5",
        "content/domains/laws.yaml:5: duplicate id 'laws-verbod-2022': defined again as a commitment at content/commitments.yaml:7",
    ]
    # The first definition is kept.
    assert "laws-verbod-2022" in corpus.statements and "laws-verbod-2022" not in corpus.commitments


def test_text_without_metadata_and_metadata_without_text(mini_content):
    (mini_content / "sources" / "losse-tekst.txt").write_text("tekst\n", encoding="utf-8")
    (mini_content / "sources" / "2019-oud.txt").unlink()
    corpus = load_content(mini_content)
    got = messages(corpus)
    assert "content/sources/losse-tekst.txt:1: warning: source text without metadata: add sources/losse-tekst.yaml" in got
    assert "content/sources/2019-oud.yaml:1: warning: source has no text file: sources/2019-oud.txt is missing" in got
    assert corpus.errors() == []


def test_id_must_match_file_name(mini_content):
    path = mini_content / "forums" / "gge-laws.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("id: gge-laws", "id: gge"), encoding="utf-8")
    corpus = load_content(mini_content)
    assert messages(corpus) == ["content/forums/gge-laws.yaml:1: forum id 'gge' differs from its file name 'gge-laws'"]


def test_missing_content_folder(tmp_path):
    corpus = load_content(tmp_path / "nowhere")
    assert messages(corpus) == [f"{tmp_path / 'nowhere'}:1: content folder does not exist"]


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
        "content/domains/huge.yaml:1: YAML file is too large (5,242,900 bytes; the limit is 5 MB)",
        "content/sources/2019-oud.txt:1: text file is too large (21,000,006 bytes; the limit is 20 MB)",
    ]
    assert "2019-oud" in load_info(corpus).bad_texts
