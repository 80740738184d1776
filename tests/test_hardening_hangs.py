"""Issue 14, hangs: import of /dev/zero, a FIFO or an oversized file (6), a briefing that is a
FIFO, Word export that grew quadratically and a huge synonym group (7)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from briefing_tui.briefing import BriefingError, Item, load_briefing, new_briefing
from briefing_tui.cli import main
from briefing_tui.importer.extract import ImportRefused, extract_bytes, extract_file

DATA = Path(__file__).parent / "data" / "import"


@pytest.fixture
def content(tmp_path, monkeypatch, mini_content):
    monkeypatch.setenv("BRIEFING_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("BRIEFING_CONTENT", raising=False)
    return mini_content


def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


# --- 6: import of what is not a regular file, or too large ------------------------------------------


def test_import_of_dev_zero_is_refused_at_once(content, capsys):
    before = _files(content)
    t0 = time.perf_counter()
    assert main(["--content", str(content), "import", "/dev/zero"]) == 1
    assert time.perf_counter() - t0 < 5
    err = capsys.readouterr().err
    assert "geen gewoon bestand" in err and "Traceback" not in err
    assert _files(content) == before


def test_import_of_a_fifo_is_refused_without_opening_it(content, tmp_path, capsys):
    fifo = tmp_path / "pijp.txt"
    os.mkfifo(fifo)  # opening it for reading would block until a writer comes
    assert main(["--content", str(content), "import", str(fifo)]) == 1
    assert "geen gewoon bestand" in capsys.readouterr().err


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    import briefing_tui.importer.extract as extract

    monkeypatch.setattr(extract, "MAX_TEXT_BYTES", 1000)
    big = tmp_path / "groot.txt"
    big.write_text("Kamerbrief\n" + "tekst " * 400, encoding="utf-8")
    read = []
    real_open = open

    def spy(path, *args, **kwargs):
        fh = real_open(path, *args, **kwargs)
        if str(path) == str(big):
            real_read = fh.read
            fh_read = lambda n=-1: read.append(n) or real_read(n)  # noqa: E731
            return _Proxy(fh, fh_read)
        return fh

    monkeypatch.setattr("builtins.open", spy)
    with pytest.raises(ImportRefused, match="te groot"):
        extract_file(big)
    assert read and max(read) <= 1024  # only the head, to tell a PDF from a text


class _Proxy:
    def __init__(self, fh, read):
        self._fh, self.read = fh, read

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._fh.close()

    def __getattr__(self, name):
        return getattr(self._fh, name)


def test_a_text_that_grows_past_the_limit_in_utf8_is_refused(monkeypatch):
    """23: a Latin-1 file under the limit whose text is over it as UTF-8 (what `check` reads)."""
    import briefing_tui.importer.extract as extract

    monkeypatch.setattr(extract, "MAX_TEXT_BYTES", 1000)
    data = ("Kamerbrief over het verbod\n\n" + "één verbod " * 80).encode("latin-1")
    assert len(data) <= 1000
    with pytest.raises(ImportRefused, match="te groot"):
        extract_bytes(data, "brief.txt")


def test_opening_a_briefing_that_is_a_fifo_is_refused(tmp_path):
    fifo = tmp_path / "debat.yaml"
    os.mkfifo(fifo)
    with pytest.raises(BriefingError, match="geen gewoon bestand"):
        load_briefing(fifo)


# --- 7: Word export linear; a huge synonym group bounded -----------------------------------------------


def _long_briefing(n: int, tmp_path: Path):
    from test_export_markdown import fixture_corpus

    corpus = fixture_corpus(tmp_path)
    b = new_briefing("lang")
    ids = sorted(corpus.statements)
    for i in range(n):
        b.add("notities", Item.note(f"notitie {i}"))
        b.add("standpunten", Item("statement", ids[i % len(ids)]))
    return b, corpus


def test_word_export_does_not_search_the_body_for_every_paragraph(monkeypatch, tmp_path):
    """python-docx's add_paragraph looks for the section properties among all of the body's
    children: once per paragraph made the export quadratic (20,000 items: 117 s)."""
    from docx.oxml.xmlchemy import BaseOxmlElement

    from briefing_tui.export.write import render_bytes

    calls = {"n": 0}
    real = BaseOxmlElement.first_child_found_in

    def counting(self, *tagnames):
        calls["n"] += 1
        return real(self, *tagnames)

    monkeypatch.setattr(BaseOxmlElement, "first_child_found_in", counting)
    counts = []
    for n in (20, 200):
        calls["n"] = 0
        b, corpus = _long_briefing(n, tmp_path)
        render_bytes(b, corpus, "docx")
        counts.append(calls["n"])
    assert counts[1] == counts[0], counts  # the same few lookups, however long the pack


def test_word_export_of_thousands_of_items_takes_seconds_not_minutes(tmp_path):
    from briefing_tui.export.write import render_bytes

    b, corpus = _long_briefing(2000, tmp_path)
    t0 = time.perf_counter()
    data, _ = render_bytes(b, corpus, "docx")
    assert time.perf_counter() - t0 < 20
    assert data[:2] == b"PK"


def test_a_huge_synonym_group_expands_a_query_word_to_a_bounded_number_of_terms():
    from briefing_tui.search.query import MAX_GROUP_TERMS, Synonyms, parse

    group = ["verbod"] + [f"term{i:05d}" for i in range(23_000)]
    synonyms = Synonyms([group])
    t0 = time.perf_counter()
    parsed = parse("term22999", None, synonyms)
    assert time.perf_counter() - t0 < 1
    (unit,) = parsed.units
    words = {alt.words[0].rstrip("s").removesuffix("en") for alt in unit.alts}
    assert "term22999" in words  # the typed term itself always
    assert len({a.words for a in unit.alts if a.words[0].startswith(("term", "verbod"))}) <= MAX_GROUP_TERMS * 8


def test_check_warns_about_a_synonym_group_too_large_to_search_whole(content):
    from briefing_tui.content import load_content
    from briefing_tui.search.query import MAX_GROUP_TERMS
    from briefing_tui.validate import check

    terms = ", ".join(f"term{i}" for i in range(MAX_GROUP_TERMS + 5))
    (content / "synonyms.yaml").write_text(f"groups:\n  - [LAWS, killer robots]\n  - [{terms}]\n", encoding="utf-8")
    problems = check(load_content(content))
    big = [p for p in problems if "synoniemengroep" in p.message]
    assert len(big) == 1 and big[0].severity == "warning" and big[0].line == 3


@pytest.mark.parametrize("name", ["groot.xml", "groot.json", "groot.html", "groot.zip"])
def test_an_oversized_official_or_open_data_file_is_refused_before_it_is_read(content, tmp_path, capsys, name):
    """The readers for official XML, web pages and open data read only a regular file whose
    size fits, like text and PDF (a sparse file: nothing is written to disk)."""
    from briefing_tui.importer.extract import MAX_PDF_BYTES

    big = tmp_path / name
    with open(big, "wb") as fh:
        fh.truncate(MAX_PDF_BYTES + 1)
    before = _files(content)
    t0 = time.perf_counter()
    assert main(["--content", str(content), "import", str(big)]) == 1
    assert time.perf_counter() - t0 < 10
    assert "te groot" in capsys.readouterr().err
    assert _files(content) == before


def test_an_open_data_zip_that_unpacks_too_large_is_refused(content, tmp_path, capsys, monkeypatch):
    import zipfile

    import briefing_tui.importer.opendata as opendata

    monkeypatch.setattr(opendata, "MAX_PDF_BYTES", 10_000)
    bomb = tmp_path / "feed.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("feed.json", '{"value": [' + " " * 50_000 + "]}")
    assert bomb.stat().st_size < 10_000
    assert main(["--content", str(content), "import", str(bomb)]) == 1
    assert "uitgepakt te groot" in capsys.readouterr().err
