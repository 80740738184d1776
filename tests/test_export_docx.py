"""The Word briefing pack: opens in python-docx, same headings, quotes and notes as the Markdown pack."""

from __future__ import annotations

import io
import os
import re
import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from briefing_tui.briefing import Item
from briefing_tui.export import render_markdown, write_pack
from briefing_tui.export.docx import WARNING_COLOR, render_docx
from test_export_markdown import NASTY, NASTY_LEADING, fixture_briefing, fixture_corpus, footnote_texts, heading_texts, parse

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


@pytest.fixture
def corpus(tmp_path):
    return fixture_corpus(tmp_path)


@pytest.fixture
def packs(corpus):
    b = fixture_briefing()
    data = render_docx(b, corpus)
    return data, docx.Document(io.BytesIO(data)), render_markdown(b, corpus)


def _footnotes(data: bytes) -> dict[int, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = etree.fromstring(z.read("word/footnotes.xml"))
    return {int(fn.get(W + "id")): fn for fn in root.iter(W + "footnote")}


def _footnote_text(fn) -> str:
    return "".join(t.text or "" for t in fn.iter(W + "t")).strip()


def test_docx_has_the_same_headings_as_the_markdown(packs):
    _, document, md = packs
    md_heads = heading_texts(parse(md))
    level_style = {"h1": "Title", "h2": "Heading 1", "h3": "Heading 2", "h4": "Heading 3"}
    expected = [(level_style[tag], text) for tag, text in md_heads]
    got = [(p.style.name, p.text) for p in document.paragraphs if p.style.name in ("Title", "Heading 1", "Heading 2", "Heading 3")]
    assert got == expected


def test_quotes_are_in_the_quote_style_and_literal(packs):
    _, document, _ = packs
    quotes = [p.text for p in document.paragraphs if p.style.name == "Quote"]
    assert NASTY in quotes  # the footnote reference is a separate run without text
    assert NASTY_LEADING in quotes
    assert "Het kabinet is geen voorstander van een verbod op autonome wapensystemen." in quotes


def test_citations_are_real_word_footnotes_numbered_as_in_markdown(packs):
    data, document, md = packs
    notes = _footnotes(data)
    assert notes[-1].get(W + "type") == "separator" and notes[0].get(W + "type") == "continuationSeparator"
    numbered = {k: v for k, v in notes.items() if k > 0}
    md_notes = footnote_texts(parse(md))
    assert sorted(numbered) == list(range(1, len(md_notes) + 1))
    for number, text in enumerate(md_notes, start=1):
        assert _footnote_text(numbered[number]) == text
    # Each footnote is referenced once from the body, in number order (Word numbers by position);
    # later uses of the same citation are NOTEREF cross-references to that footnote.
    body = document.element.body
    refs = [int(r.get(W + "id")) for r in body.iter(W + "footnoteReference")]
    assert refs == sorted(refs) == list(range(1, len(md_notes) + 1))
    noterefs = [t.text for t in body.iter(W + "instrText") if "NOTEREF" in t.text]
    md_ref_count = len(re.findall(r"(?<!\\)\[\^\d+\](?!:)", md))  # not an escaped "\[^3]" of a text
    assert len(refs) + len(noterefs) == md_ref_count
    bookmarks = {b.get(W + "name") for b in body.iter(W + "bookmarkStart")}
    for t in noterefs:
        assert t.split()[1] in bookmarks


def test_footnote_and_source_links_are_hyperlinks(packs):
    data, document, _ = packs
    url = "https://zoek.officielebekendmakingen.nl/kst-33694-45.html"
    body_links = [document.part.rels[h.get(R + "id")].target_ref for h in document.element.body.iter(W + "hyperlink")]
    assert body_links == [url]  # the source list; nothing in a quote became a link
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        rels = z.read("word/_rels/footnotes.xml.rels").decode()
        types = z.read("[Content_Types].xml").decode()
    assert url in rels and 'TargetMode="External"' in rels
    assert "/word/footnotes.xml" in types


def test_superseded_statement_is_flagged_in_word_too(packs):
    _, document, _ = packs
    flags = [p for p in document.paragraphs if p.text.startswith("LET OP: vervangen standpunt.")]
    assert len(flags) == 1
    assert "Het kabinet streeft naar een verbod op volledig autonome wapensystemen." in flags[0].text
    assert flags[0].runs[0].bold


def test_docx_metadata_and_bullets(packs):
    _, document, _ = packs
    texts = [p.text for p in document.paragraphs]
    assert "Datum: 12 juni 2024" in texts
    assert any(p.style.name == "List Bullet" and p.text.startswith("Status: deels nagekomen") for p in document.paragraphs)
    assert document.core_properties.title == "Commissiedebat Wapenbeheersing & nieuwe technologieën"
    notes = [p.text for p in document.paragraphs if p.text.startswith("Notitie: Regel een")]
    assert notes == ["Notitie: Regel een\n1. regel twee\n# kop\n---\n<em>x</em>"]


def test_write_pack_docx_is_atomic(corpus, tmp_path, monkeypatch):
    out = tmp_path / "pack.docx"
    write_pack(fixture_briefing(), corpus, out, "docx")
    first = out.read_bytes()
    assert docx.Document(str(out)).paragraphs[0].text.startswith("Commissiedebat")

    def broken_replace(src, dst):
        raise OSError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_pack(fixture_briefing(), corpus, out, "docx")
    monkeypatch.undo()
    assert out.read_bytes() == first
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == ["pack.docx"]


def test_exporting_twice_gives_the_same_bytes(corpus, monkeypatch):
    import time

    first = render_docx(fixture_briefing(), corpus)
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 86400 * 400)  # a later day, as a re-export would be
    second = render_docx(fixture_briefing(), corpus)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    # no time of export, and not the template's 2013 either; no "generated by python-docx"
    assert "dcterms:created" not in core and "dcterms:modified" not in core
    assert "python-docx" not in core


def test_superseded_flag_inside_a_line_is_red_in_word(corpus):
    b = fixture_briefing()
    b.add("kernboodschappen", Item("statement", "laws-geen-verbod-2019"))
    document = docx.Document(io.BytesIO(render_docx(b, corpus)))
    runs = [r for p in document.paragraphs if p.style.name == "List Bullet" for r in p.runs if r.text == "LET OP: vervangen standpunt"]
    assert runs and all(r.bold and r.font.color.rgb == WARNING_COLOR for r in runs)


def test_settings_point_at_the_separator_footnotes(packs):
    data, _, _ = packs
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        settings = etree.fromstring(z.read("word/settings.xml"))
    pr = settings.find(qn("w:footnotePr"))
    assert [f.get(W + "id") for f in pr.iter(W + "footnote")] == ["-1", "0"]
    # footnotePr stands before w:compat, as the schema orders it.
    names = [etree.QName(el).localname for el in settings]
    assert names.index("footnotePr") < names.index("compat")
