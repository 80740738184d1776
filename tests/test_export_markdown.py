"""The Markdown briefing pack: structure, footnotes that resolve, literal quotes, flags, atomic writes.

The pack is parsed back with markdown-it (CommonMark) and its footnote plugin, so what is
checked is what a reader's renderer shows, not the raw string.
"""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from briefing_tui.briefing import AgendaEntry, Item, Member, new_briefing
from briefing_tui.export import ExportError, collect_warnings, render_markdown, write_pack
from briefing_tui.export.target import markdown_marker
from briefing_tui.model import (
    QA,
    Area,
    Commitment,
    Corpus,
    FollowUp,
    Kamerstuk,
    Motion,
    Person,
    Source,
    Statement,
)

REPO = Path(__file__).resolve().parents[1]

NASTY = (
    "Zie [^9] en <script>alert(1)</script> # kop *x* [a](b) | c | ~~weg~~ `code` _o_ "
    "&amp; \\ einde https://example.org !"
)
NASTY_LEADING = "1. Eerst dit en > dat"

NORMKADER_TEXT = f"""Internationaal normkader

Het kabinet is geen voorstander van een verbod op autonome wapensystemen. Een verbod is niet haalbaar.

Nederland zet in op betekenisvolle menselijke controle over wapeninzet.

{NASTY}

{NASTY_LEADING}

Nederland steunt de werkzaamheden van de GGE in Genève.
"""

REACTIE_TEXT = """Kabinetsreactie

Het kabinet neemt aanbeveling 2 volledig over en zal zich inspannen voor een verbod op volledig autonome wapensystemen.

Toezegging: de Kamer wordt geïnformeerd over de uitkomst van de GGE.
"""


def fixture_corpus(tmp_path: Path) -> Corpus:
    """A small knowledge base: two sources, a position that changed, a commitment, a motion, a question."""
    texts = tmp_path / "texts"
    texts.mkdir(exist_ok=True)
    (texts / "kst-33694-45.txt").write_text(NORMKADER_TEXT, encoding="utf-8")
    (texts / "2022-kabinetsreactie.txt").write_text(REACTIE_TEXT, encoding="utf-8")
    c = Corpus(root=str(tmp_path))
    c.sources["kst-33694-45"] = Source(
        id="kst-33694-45",
        kind="kamerbrief",
        title="Internationaal normkader voor nieuwe technologieën",
        date="2019-05-13",
        ministers=(Person("S.A. Blok", "minister van Buitenlandse Zaken"),),
        kamerstuk=Kamerstuk("33694", "45", "2018-2019"),
        inferred={"date": "Cited by a later letter as 13 mei 2019."},
        text_path=str(texts / "kst-33694-45.txt"),
    )
    c.sources["2022-kabinetsreactie"] = Source(
        id="2022-kabinetsreactie",
        kind="kabinetsreactie",
        title="Kabinetsreactie op het AIV/CAVV-advies over autonome wapensystemen",
        date="2022",
        ministers=(
            Person("W.B. Hoekstra", "minister van Buitenlandse Zaken"),
            Person("K.H. Ollongren", "minister van Defensie"),
        ),
        inferred={"date": "Signed by ministers in office from January 2022."},
        text_path=str(texts / "2022-kabinetsreactie.txt"),
    )
    c.domains["laws"] = Area("laws", "domain", "Autonome wapensystemen")
    c.domains["ai"] = Area("ai", "domain", "Kunstmatige intelligentie")
    c.forums["ccw"] = Area("ccw", "forum", "CCW")
    for st in (
        Statement(
            id="laws-geen-verbod-2019",
            topic="laws/verbod",
            position="Het kabinet is geen voorstander van een verbod op autonome wapensystemen.",
            quote="Het kabinet is geen voorstander van een verbod op autonome wapensystemen.",
            source="kst-33694-45",
            locator="p. 3",
            domains=("laws",),
            home="domains/laws",
        ),
        Statement(
            id="laws-verbod-2022",
            topic="laws/verbod",
            position="Het kabinet streeft naar een verbod op volledig autonome wapensystemen.",
            quote="Het kabinet neemt aanbeveling 2 volledig over en zal zich inspannen voor een verbod",
            source="2022-kabinetsreactie",
            locator="Aanbeveling 2",
            domains=("laws",),
            supersedes=("laws-geen-verbod-2019",),
            home="domains/laws",
        ),
        Statement(
            id="laws-controle-2019",
            topic="laws/controle",
            position="Nederland zet in op betekenisvolle menselijke controle.",
            quote="Nederland zet in op betekenisvolle menselijke controle over wapeninzet.",
            source="kst-33694-45",
            locator="p. 3",
            domains=("laws",),
            home="domains/laws",
        ),
        Statement(
            id="ai-vreemd-2019",
            topic="ai/opmaak",
            position="Een standpunt *met* [opmaak](x) <b>erin</b>",
            quote=NASTY,
            source="kst-33694-45",
            locator="p. 4",
            domains=("ai",),
            home="domains/ai",
        ),
        Statement(
            id="ai-lijst-2019",
            topic="ai/lijst",
            position="# Geen kop",
            quote=NASTY_LEADING,
            source="kst-33694-45",
            locator="p. 5",
            domains=("ai",),
            home="domains/ai",
        ),
    ):
        c.statements[st.id] = st
    c.commitments["tz-gge"] = Commitment(
        id="tz-gge",
        text="De Kamer informeren over de uitkomst van de GGE.",
        quote="Toezegging: de Kamer wordt geïnformeerd over de uitkomst van de GGE.",
        source="2022-kabinetsreactie",
        locator="p. 2",
        made_by="minister van Buitenlandse Zaken (Hoekstra)",
        made_at="Commissiedebat Wapenbeheersing",
        made_on="2022-03",
        status="partially-fulfilled",
        fulfilled_by="kst-33694-45",
        evidence="Own words: partly reported.",
        inferred={"made_on": "'maart jl.' in a letter of 2022."},
    )
    c.motions["motie-33694-43"] = Motion(
        id="motie-33694-43",
        title="Motie Koopmans c.s.",
        request="met gelijkgezinde landen aanjager te zijn van een verdrag",
        request_source="kst-33694-45",
        kamerstuk=Kamerstuk("33694", "43"),
        submitters=(Person("Koopmans", party="VVD"),),
        date="2019-04-24",
        status="in uitvoering",
        follow_up=(
            FollowUp(
                source="2022-kabinetsreactie",
                quote="Het kabinet neemt aanbeveling 2 volledig over",
                locator="Aanbeveling 2",
                summary="Het kabinet neemt de aanbeveling over.",
            ),
        ),
    )
    c.qa["qa-1"] = QA(
        id="qa-1",
        source="kst-33694-45",
        number=1,
        question="Steunt u de GGE?",
        answer_locator="Antwoord vraag 1",
        answer="Nederland steunt de werkzaamheden van de GGE in Genève.",
        statements=("laws-controle-2019",),
    )
    return c.link()


def fixture_briefing():
    b = new_briefing(
        "cd-wapenbeheersing",
        title="Commissiedebat Wapenbeheersing & nieuwe technologieën",
        committee="vaste commissie voor Buitenlandse Zaken",
        date="2024-06-12",
        members=[Member("Boswijk", "CDA"), Member("Sjoerdsma", "D66")],
        agenda=[AgendaEntry(source="2022-kabinetsreactie"), AgendaEntry(citation="Geannoteerde agenda RBZ [^3]")],
    )
    b.add("kernboodschappen", Item("statement", "laws-verbod-2022"))
    b.add("kernboodschappen", Item.note("Nederland blijft *inzetten* op [regulering]"))
    b.add("standpunten", Item("statement", "laws-geen-verbod-2019"))
    b.add("standpunten", Item("statement", "laws-controle-2019", position="Menselijke controle blijft leidend"))
    b.add("standpunten", Item("statement", "ai-vreemd-2019"))
    b.add("standpunten", Item("statement", "ai-lijst-2019", comment="| tabel | ?"))
    b.add("toezeggingen", Item("commitment", "tz-gge"))
    b.add("moties", Item("motion", "motie-33694-43"))
    b.add("vragen", Item("qa", "qa-1"))
    b.add("notities", Item.note("Regel een\n1. regel twee\n# kop\n---\n<em>x</em>"))
    return b


def parse(md: str):
    return MarkdownIt("commonmark").use(footnote_plugin).parse(md)


def walk(tokens):
    for t in tokens:
        yield t
        if t.children:
            yield from walk(t.children)


def heading_texts(tokens) -> list[tuple[str, str]]:
    out = []
    for i, t in enumerate(tokens):
        if t.type == "heading_open":
            out.append((t.tag, "".join(c.content for c in tokens[i + 1].children if c.type == "text")))
    return out


def footnote_texts(tokens) -> list[str]:
    """The rendered text of each footnote definition, in order."""
    out, inside = [], False
    for t in tokens:
        if t.type == "footnote_open":
            inside, parts = True, []
        elif t.type == "footnote_close":
            inside = False
            out.append("".join(parts))
        elif inside and t.type == "inline":
            parts += [c.content for c in t.children if c.type == "text"]
    return out


def blockquote_texts(tokens) -> list[str]:
    """The plain text of each block quote, footnote references as [^n]."""
    out, depth, parts = [], 0, []
    for t in tokens:
        if t.type == "blockquote_open":
            depth += 1
            parts = []
        elif t.type == "blockquote_close":
            depth -= 1
            out.append("".join(parts))
        elif depth and t.type == "inline":
            for child in t.children:
                if child.type == "text":
                    parts.append(child.content)
                elif child.type == "footnote_ref":
                    parts.append(f"[^{child.meta['label']}]")
                else:
                    parts.append(f"<{child.type}>")
    return out


@pytest.fixture
def corpus(tmp_path):
    return fixture_corpus(tmp_path)


def test_pack_has_the_sections_in_order_with_dutch_headings(corpus):
    md = render_markdown(fixture_briefing(), corpus)
    heads = heading_texts(parse(md))
    assert heads[0] == ("h1", "Commissiedebat Wapenbeheersing & nieuwe technologieën")
    h2 = [text for tag, text in heads if tag == "h2"]
    assert h2 == [
        "Kernboodschappen",
        "Standpunten per onderwerp",
        "Toezeggingen",
        "Moties",
        "Vragen en antwoorden",
        "Notities",
        # the debate's sections: the briefing has an agenda and members
        "Agenda en kabinetslijn",
        "Open en verlopen toezeggingen",
        "Leden en eerdere inbreng",
        "Bronnen",
    ]
    h3 = [text for tag, text in heads if tag == "h3"]
    assert h3[:2] == ["Autonome wapensystemen", "Kunstmatige intelligentie"]
    assert h3[2:] == ["1. “Kabinetsreactie op het AIV/CAVV-advies over autonome wapensystemen”, 2022 (afgeleid)", "2. Geannoteerde agenda RBZ [^3]",
                      "Boswijk (CDA)", "Sjoerdsma (D66)"]
    assert [text for tag, text in heads if tag == "h4"] == ["Ontwikkeling van het standpunt"]


def test_title_block_carries_the_debate_metadata(corpus):
    md = render_markdown(fixture_briefing(), corpus)
    html = MarkdownIt("commonmark").use(footnote_plugin).render(md)
    for label, value in (
        ("Debat:", "Commissiedebat"),
        ("Commissie:", "vaste commissie voor Buitenlandse Zaken"),
        ("Datum:", "12 juni 2024"),
        ("Leden:", "Boswijk (CDA), Sjoerdsma (D66)"),
    ):
        assert f"<strong>{label}</strong> {value}" in html
    assert "<strong>Geagendeerde stukken:</strong>" in html
    assert "Geannoteerde agenda RBZ [^3]" in html  # free-text citation, literal


def test_every_footnote_reference_resolves_and_every_definition_is_used(corpus):
    md = render_markdown(fixture_briefing(), corpus)
    tokens = parse(md)
    refs = {t.meta["label"] for t in walk(tokens) if t.type == "footnote_ref"}
    defs = {t.meta["label"] for t in tokens if t.type == "footnote_open"}
    assert refs and refs == defs
    # A reference the parser could not resolve stays text: there must be none.
    texts = "".join(t.content for t in walk(tokens) if t.type == "text")
    assert not re.search(r"\[\^\d+\]", texts.replace("[^9]", "").replace("[^3]", ""))
    assert sorted(int(x) for x in defs) == list(range(1, len(defs) + 1))


def test_one_footnote_per_source_and_locator(corpus):
    b = new_briefing("x", title="x")
    b.add("standpunten", Item("statement", "laws-controle-2019"))
    b.add("kernboodschappen", Item("statement", "laws-controle-2019"))
    b.add("standpunten", Item("statement", "laws-geen-verbod-2019"))  # same source, same p. 3
    b.add("standpunten", Item("statement", "ai-lijst-2019"))  # same source, p. 5
    md = render_markdown(b, corpus)
    texts = footnote_texts(parse(md))
    # p. 3 once, although three items cite it; the superseded one also cites what replaced it.
    assert len(texts) == 3
    assert texts[0].startswith("Kamerstuk 33 694, nr. 45, p. 3.")
    assert texts[1].endswith("2022 (afgeleid), Aanbeveling 2 (onvolledige bronvermelding: Kamerstuk- of "
                             "Aanhangselnummer en exacte datum ontbreken)")
    assert texts[2].startswith("Kamerstuk 33 694, nr. 45, p. 5.")
    html = MarkdownIt("commonmark").use(footnote_plugin).render(md)
    assert "Kamerstuk 33 694, nr. 45, p. 3." in html
    assert 'href="https://zoek.officielebekendmakingen.nl/kst-33694-45.html"' in html


def test_quotes_with_markup_come_out_literally(corpus):
    md = render_markdown(fixture_briefing(), corpus)
    tokens = parse(md)
    quotes = blockquote_texts(tokens)
    nasty = [q for q in quotes if q.startswith("Zie ")]
    assert len(nasty) == 1
    assert re.fullmatch(re.escape(NASTY) + r"\[\^\d+\]", nasty[0]), nasty[0]
    leading = [q for q in quotes if q.startswith("1.")]
    assert len(leading) == 1 and leading[0].startswith(NASTY_LEADING + "[^")
    kinds = {t.type for t in walk(tokens)}
    assert not kinds & {"html_inline", "html_block", "code_inline", "code_block", "fence", "table_open",
                        "ordered_list_open", "s_open", "hr", "image"}
    # The only links are the source links in the footnotes and the source list.
    hrefs = {t.attrs["href"] for t in walk(tokens) if t.type == "link_open"}
    assert hrefs == {"https://zoek.officielebekendmakingen.nl/kst-33694-45.html"}
    # Emphasis only where the pack itself puts it: no "x" or "inzetten" made italic by content.
    emphasised = []
    for t in tokens:
        if t.type == "inline":
            ch = t.children
            for i, c in enumerate(ch):
                if c.type == "em_open":
                    emphasised.append(ch[i + 1].content)
    assert "x" not in emphasised and "inzetten" not in emphasised and "met" not in emphasised


def test_position_lines_and_notes_with_markup_stay_literal(corpus):
    md = render_markdown(fixture_briefing(), corpus)
    html = MarkdownIt("commonmark").use(footnote_plugin).render(md)
    assert "Een standpunt *met* [opmaak](x) &lt;b&gt;erin&lt;/b&gt;" in html
    assert "<strong># Geen kop</strong>" in html
    # The officer's note keeps its lines; none of them becomes a list, heading or rule.
    assert "Regel een<br />\n1. regel twee<br />\n# kop<br />\n---<br />\n&lt;em&gt;x&lt;/em&gt;" in html
    assert "Nederland blijft *inzetten* op [regulering]" in html
    assert "| tabel | ?" in html


def test_superseded_statement_is_flagged_with_what_replaced_it(corpus):
    md = render_markdown(fixture_briefing(), corpus)
    html = MarkdownIt("commonmark").use(footnote_plugin).render(md)
    assert "LET OP: vervangen standpunt" in html
    flag = html[html.index("LET OP: vervangen standpunt."):]
    flag = flag[: flag.index("</p>")]
    assert "Het kabinet streeft naar een verbod op volledig autonome wapensystemen." in flag
    assert "2022 (afgeleid)" in flag
    # The replacing statement's own quote follows, so the officer sees the current wording.
    quotes = blockquote_texts(parse(md))
    i = next(k for k, q in enumerate(quotes) if q.startswith("Het kabinet is geen voorstander"))
    assert quotes[i + 1].startswith("Het kabinet neemt aanbeveling 2 volledig over")


def test_development_of_a_position_lists_old_and_new_with_dates(corpus):
    md = render_markdown(fixture_briefing(), corpus)
    html = MarkdownIt("commonmark").use(footnote_plugin).render(md)
    block = html[html.index("Ontwikkeling van het standpunt"):]
    block = block[: block.index("</ul>")]
    items = re.findall(r"<li>(.*?)</li>", block, flags=re.S)
    assert len(items) == 2
    assert items[0].startswith("<strong>13 mei 2019 (afgeleid):</strong> Het kabinet is geen voorstander")
    assert "<strong>vervangen door</strong> het standpunt van 2022 (afgeleid)" in items[0]
    assert items[1].startswith("<strong>2022 (afgeleid):</strong> Het kabinet streeft")
    assert "(huidig standpunt, 2022)" in items[1]  # with the date of the line it calls current
    # No development block for a topic with one statement.
    assert html.count("Ontwikkeling van het standpunt") == 1


def test_adapted_position_is_marked_and_quote_is_unchanged(corpus):
    md = render_markdown(fixture_briefing(), corpus)
    html = MarkdownIt("commonmark").use(footnote_plugin).render(md)
    assert "<strong>Menselijke controle blijft leidend</strong> <em>(aangepaste standpuntlijn)</em>" in html
    assert "<em>Standpunt volgens de kennisbank:</em> Nederland zet in op betekenisvolle menselijke controle." in html
    quotes = blockquote_texts(parse(md))
    assert any(q.startswith("Nederland zet in op betekenisvolle menselijke controle over wapeninzet.[^") for q in quotes)


def test_commitments_motions_and_questions(corpus):
    md = render_markdown(fixture_briefing(), corpus)
    html = MarkdownIt("commonmark").use(footnote_plugin).render(md)
    assert "<strong>Status:</strong> deels nagekomen met Kamerstuk 33 694, nr. 45" in html
    assert "<strong>Toegezegd door:</strong> minister van Buitenlandse Zaken (Hoekstra)" in html
    assert "<strong>Waar:</strong> Commissiedebat Wapenbeheersing" in html
    assert "<strong>Wanneer:</strong> maart 2022 (afgeleid)" in html
    assert "<strong>Nummer:</strong> Kamerstuk 33 694, nr. 43" in html
    assert "<strong>Indieners:</strong> Koopmans (VVD)" in html
    assert "<strong>Status:</strong> in uitvoering" in html
    quotes = blockquote_texts(parse(md))
    assert any(q.startswith("met gelijkgezinde landen aanjager te zijn van een verdrag[^") for q in quotes)
    assert any(q.startswith("Steunt u de GGE?[^") for q in quotes)
    assert any(q.startswith("Nederland steunt de werkzaamheden van de GGE in Genève.[^") for q in quotes)
    assert "Kamerstuk 33 694, nr. 45, Antwoord vraag 1" in html


def test_source_list_has_formal_citations_links_and_inferred_marks(corpus):
    md = render_markdown(fixture_briefing(), corpus)
    html = MarkdownIt("commonmark").use(footnote_plugin).render(md)
    bronnen = html[html.index("<h2>Bronnen</h2>"):]
    bronnen = bronnen[: bronnen.index("</ul>")]
    items = re.findall(r"<li>(.*?)</li>", bronnen, flags=re.S)
    assert len(items) == 2
    first, second = items  # oldest first
    assert first.startswith("Kamerstukken II 2018/19, 33 694, nr. 45, “Internationaal normkader voor nieuwe technologieën”, 13 mei 2019 (afgeleid); S.A. Blok (minister van Buitenlandse Zaken)")
    assert '<a href="https://zoek.officielebekendmakingen.nl/kst-33694-45.html">' in first
    assert second.startswith("“Kabinetsreactie op het AIV/CAVV-advies over autonome wapensystemen”, 2022 (afgeleid); W.B. Hoekstra")
    assert "<a " not in second  # no number, no link: none is made up


def _section(html: str, heading: str) -> str:
    """The HTML of one h2 section of the pack, up to the next h2."""
    start = html.index(f"<h2>{heading}</h2>")
    end = html.find("<h2>", start + 1)
    return html[start: end if end != -1 else len(html)]


def _footnote_of(md: str, html_fragment: str) -> list[str]:
    """The footnote texts referred to in an HTML fragment, in order."""
    texts = footnote_texts(parse(md))
    return [texts[int(n) - 1] for n in re.findall(r'href="#fn(\d+)"', html_fragment)]


def test_statements_from_an_answer_carry_date_citation_and_the_superseded_flag(corpus):
    corpus.qa["qa-2"] = QA(
        id="qa-2",
        source="kst-33694-45",
        number=2,
        question="Steunt u een verbod?",
        answer_locator="Antwoord vraag 2",
        answer="Het kabinet is geen voorstander van een verbod op autonome wapensystemen.",
        statements=("laws-geen-verbod-2019", "laws-controle-2019"),
    )
    b = new_briefing("q", title="q")
    b.add("vragen", Item("qa", "qa-2"))
    md = render_markdown(b, corpus)
    html = MarkdownIt("commonmark").use(footnote_plugin).render(md)
    vragen = _section(html, "Vragen en antwoorden")
    bullets = re.findall(r"<li>(.*?)</li>", vragen, flags=re.S)
    assert len(bullets) == 2
    old, current = bullets
    # the superseded one: its date, its citation, the flag, and what replaced it with date and citation
    assert old.startswith("<strong>13 mei 2019 (afgeleid):</strong> Het kabinet is geen voorstander van een verbod op autonome wapensystemen.")
    assert "<strong>LET OP: vervangen standpunt</strong>" in old
    assert "vervangen door het standpunt van 2022 (afgeleid): “Het kabinet streeft naar een verbod op volledig autonome wapensystemen.”" in old
    assert _footnote_of(md, old) == [
        "Kamerstuk 33 694, nr. 45, p. 3. https://zoek.officielebekendmakingen.nl/kst-33694-45.html",
        "“Kabinetsreactie op het AIV/CAVV-advies over autonome wapensystemen”, 2022 (afgeleid), Aanbeveling 2 "
        "(onvolledige bronvermelding: Kamerstuk- of Aanhangselnummer en exacte datum ontbreken)",
    ]
    # the current one says so, with its date and citation
    assert current.startswith("<strong>13 mei 2019 (afgeleid):</strong> Nederland zet in op betekenisvolle menselijke controle.")
    assert "(huidig standpunt, mei 2019)" in current and "LET OP" not in current
    assert len(_footnote_of(md, current)) == 1
    # the top of the pack says there is something to look at
    top = html[: html.index("<h2>")]
    assert "LET OP: vervangen standpunt" in top and "Vragen en antwoorden" in top
    # and the officer hears which qa and which statement
    found = [p for p in collect_warnings(b, corpus) if p.severity == "warning"]
    assert [(p.code, p.data["ref"], p.data["statement"], p.data["latest"]) for p in found] == [
        ("briefing.qa_superseded", "qa-2", "laws-geen-verbod-2019", "laws-verbod-2022")
    ]
    assert [p.message for p in found] == [
        "Vragen en antwoorden: vraag 'qa-2' steunt op standpunt 'laws-geen-verbod-2019', dat vervangen is door 'laws-verbod-2022'"
    ]


def test_no_development_block_where_the_position_never_changed(corpus):
    # Two current statements on one topic, neither replacing the other: nothing "developed".
    corpus.statements["laws-controle-gge-2022"] = Statement(
        id="laws-controle-gge-2022",
        topic="laws/controle",
        position="Toezegging: de Kamer wordt geïnformeerd over de GGE.",
        quote="Toezegging: de Kamer wordt geïnformeerd over de uitkomst van de GGE.",
        source="2022-kabinetsreactie",
        locator="p. 2",
        domains=("laws",),
        home="domains/laws",
    )
    corpus.link()
    b = new_briefing("d", title="d")
    b.add("standpunten", Item("statement", "laws-controle-2019"))
    b.add("standpunten", Item("statement", "laws-verbod-2022"))
    html = MarkdownIt("commonmark").use(footnote_plugin).render(render_markdown(b, corpus))
    # laws/verbod changed (2019 -> 2022): one block, after that topic; laws/controle did not.
    assert html.count("Ontwikkeling van het standpunt") == 1
    block = html[html.index("Ontwikkeling van het standpunt"):]
    assert "Het kabinet streeft naar een verbod" in block and "betekenisvolle menselijke controle" not in block


def test_source_list_is_chronological_with_partial_dates_placed_by_supersession(tmp_path):
    c = fixture_corpus(tmp_path)
    text = tmp_path / "texts" / "kst-33694-45.txt"
    c.sources["2021-03-22-antwoorden"] = Source(
        id="2021-03-22-antwoorden", kind="antwoorden", title="Antwoorden", date="2021-03-22", text_path=str(text))
    c.sources["2021-voortgang"] = Source(
        id="2021-voortgang", kind="kamerbrief", title="Voortgang", date="2021", text_path=str(text))
    c.sources["zonder-datum"] = Source(id="zonder-datum", kind="other", title="Zonder datum", text_path=str(text))
    c.statements["conf-2021-03"] = Statement(
        id="conf-2021-03", topic="laws/conferentie", position="Conferentie in 2021.", quote="x",
        source="2021-03-22-antwoorden", locator="Antwoord vraag 4", home="domains/laws")
    c.statements["conf-2021"] = Statement(
        id="conf-2021", topic="laws/conferentie", position="Conferentie eind 2022.", quote="x",
        source="2021-voortgang", locator="p. 1", supersedes=("conf-2021-03",), home="domains/laws")
    c.statements["los"] = Statement(
        id="los", topic="laws/los", position="Los.", quote="x", source="zonder-datum", locator="p. 1", home="domains/laws")
    c.link()
    b = new_briefing("b", title="b")
    for sid in ("los", "conf-2021", "laws-verbod-2022", "laws-controle-2019"):
        b.add("standpunten", Item("statement", sid))
    html = MarkdownIt("commonmark").use(footnote_plugin).render(render_markdown(b, c))
    bronnen = re.findall(r"<li>(.*?)</li>", _section(html, "Bronnen"), flags=re.S)
    # "2021" by itself would count from 1 January, before 22 March; but the letter replaces a
    # position of those answers, so it comes after them. A source without a date comes last.
    starts = (
        "Kamerstukken II 2018/19, 33 694, nr. 45, “Internationaal normkader",
        "Antwoorden op vragen “Antwoorden”, 22 maart 2021",
        "Kamerbrief “Voortgang”, 2021",
        "“Kabinetsreactie op het AIV/CAVV-advies over autonome wapensystemen”, 2022",
        "Document “Zonder datum”",
    )
    assert len(bronnen) == len(starts)
    for entry, start in zip(bronnen, starts):
        assert entry.startswith(start), (entry, start)


def test_trivially_different_locators_share_one_footnote(corpus):
    corpus.statements["laws-controle-2019-b"] = dataclasses.replace(
        corpus.statements["laws-controle-2019"], id="laws-controle-2019-b", topic="laws/b", locator=" P.3 ")
    b = new_briefing("f", title="f")
    b.add("standpunten", Item("statement", "laws-controle-2019"))
    b.add("standpunten", Item("statement", "laws-controle-2019-b"))
    b.add("standpunten", Item("statement", "ai-lijst-2019"))  # p. 5: another place
    md = render_markdown(b, corpus)
    assert footnote_texts(parse(md)) == [
        "Kamerstuk 33 694, nr. 45, p. 3. https://zoek.officielebekendmakingen.nl/kst-33694-45.html",
        "Kamerstuk 33 694, nr. 45, p. 5. https://zoek.officielebekendmakingen.nl/kst-33694-45.html",
    ]


def test_motion_request_is_cited_with_its_locator(corpus):
    corpus.motions["motie-33694-43"] = dataclasses.replace(corpus.motions["motie-33694-43"], request_locator="Vraag 1")
    b = new_briefing("m", title="m")
    b.add("kernboodschappen", Item("motion", "motie-33694-43"))
    b.add("moties", Item("motion", "motie-33694-43"))
    md = render_markdown(b, corpus)
    quotes = blockquote_texts(parse(md))
    request = next(q for q in quotes if q.startswith("met gelijkgezinde landen"))
    number = int(re.search(r"\[\^(\d+)\]$", request).group(1))
    assert footnote_texts(parse(md))[number - 1].startswith("Kamerstuk 33 694, nr. 45, Vraag 1.")
    assert number == 1  # the key message cites the same place: one footnote


def test_no_editors_reasoning_or_ids_in_the_pack(corpus):
    corpus.statements["laws-controle-2019"] = dataclasses.replace(
        corpus.statements["laws-controle-2019"], note="Judged by laws-verbod-2022; supersedes nothing in this source.")
    corpus.commitments["tz-gge"] = dataclasses.replace(
        corpus.commitments["tz-gge"],
        text="De Kamer informeren over de GGE, zoals in laws-verbod-2022 en kst-33694-45.",
        evidence="Judged by 2022-kabinetsreactie, the last source; inferred from the letter.",
    )
    b = fixture_briefing()
    md = render_markdown(b, corpus)
    html = MarkdownIt("commonmark").use(footnote_plugin).render(md)
    for english in ("Judged by", "supersedes", "inferred", "Own words", "source"):
        assert english not in html
    assert "Onderbouwing" not in html and "Noot kennisbank" not in html
    visible = re.sub(r'(href|id)="[^"]*"|https://[^\s<"]+', "", html)  # links may hold an identifier
    assert not re.search(r"\b(laws|ai|kst|tz|qa|motie)-[a-z0-9-]+", visible)
    # an id in an own-words text becomes the citation of what it names
    tz = _section(html, "Toezeggingen")
    assert "<strong>De Kamer informeren over de GGE, zoals in het standpunt van 2022 (afgeleid)" in tz
    assert "en Kamerstuk 33 694, nr. 45" in tz
    # status in Dutch, with the source that (partly) kept it
    assert "<strong>Status:</strong> deels nagekomen met Kamerstuk 33 694, nr. 45" in tz


def test_pack_of_an_empty_briefing_is_just_the_title_block(corpus):
    md = render_markdown(new_briefing("leeg", title="Leeg"), corpus)
    assert heading_texts(parse(md)) == [("h1", "Leeg")]
    assert "[^" not in md


def test_unknown_ids_are_errors_not_a_silent_gap(corpus):
    b = fixture_briefing()
    b.add("standpunten", Item("statement", "bestaat-niet"))
    b.add("vragen", Item("qa", "qa-99"))
    problems = collect_warnings(b, corpus)
    errors = [p for p in problems if p.severity == "error"]
    assert {(p.code, p.data["kind"], p.data["ref"]) for p in errors} == {
        ("briefing.unknown_record", "statement", "bestaat-niet"),
        ("briefing.unknown_record", "qa", "qa-99"),
    }
    assert {p.message for p in errors} == {
        "Standpunten per onderwerp: standpunt 'bestaat-niet' bestaat niet",
        "Vragen en antwoorden: vraag 'qa-99' bestaat niet",
    }
    warnings = [p for p in problems if p.severity == "warning"]
    assert [(p.code, p.data["ref"], p.data["latest"]) for p in warnings] == [
        ("briefing.superseded", "laws-geen-verbod-2019", "laws-verbod-2022")
    ]
    assert [p.message for p in warnings] == [
        "Standpunten per onderwerp: standpunt 'laws-geen-verbod-2019' is vervangen door 'laws-verbod-2022'"
    ]
    with pytest.raises(ExportError) as info:
        render_markdown(b, corpus)
    assert len(info.value.problems) == 2


def test_passage_item_quotes_the_passage_with_its_page(corpus):
    from briefing_tui.passages import split_passages

    passages = split_passages(corpus.source_text("kst-33694-45"))
    target = next(p for p in passages if p.text.startswith("Nederland steunt"))
    b = new_briefing("p", title="p")
    b.add(None, Item("passage", f"kst-33694-45#{target.number}"))
    md = render_markdown(b, corpus)
    quotes = blockquote_texts(parse(md))
    assert quotes == [f"{target.text}[^1]"]
    assert footnote_texts(parse(md)) == [f"Kamerstuk 33 694, nr. 45, p. {target.page}. https://zoek.officielebekendmakingen.nl/kst-33694-45.html"]
    b.add(None, Item("passage", "kst-33694-45#999"))
    with pytest.raises(ExportError):
        render_markdown(b, corpus)


def test_empty_notes_add_nothing(corpus):
    b = new_briefing("n", title="n")
    b.add("notities", Item.note(""))
    b.add("kernboodschappen", Item.note("  \n "))
    assert heading_texts(parse(render_markdown(b, corpus))) == [("h1", "n")]


def test_passage_of_a_source_whose_text_is_gone_is_an_error(corpus):
    Path(corpus.sources["kst-33694-45"].text_path).unlink()
    b = new_briefing("p", title="p")
    b.add(None, Item("passage", "kst-33694-45#1"))
    errors = [p for p in collect_warnings(b, corpus) if p.severity == "error"]
    assert [(p.code, p.data["ref"], p.data["source"]) for p in errors] == [
        ("briefing.passage_text_unreadable", "kst-33694-45#1", "kst-33694-45")
    ]
    assert [p.message for p in errors] == [
        "Standpunten per onderwerp: passage 'kst-33694-45#1': de tekst van bron 'kst-33694-45' kan niet gelezen worden"
    ]
    with pytest.raises(ExportError):
        render_markdown(b, corpus)


# --- writing: atomic, the earlier export untouched on failure ----------------------------------


# An earlier pack of the fixture briefing: what write_pack may overwrite (export/target.py).
EARLIER = f"earlier export\n\n{markdown_marker('cd-wapenbeheersing')}\n"


def test_write_pack_replaces_atomically(corpus, tmp_path):
    out = tmp_path / "pack.md"
    write_pack(fixture_briefing(), corpus, out, "md")
    assert out.read_text(encoding="utf-8").startswith("# Commissiedebat Wapenbeheersing")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_failed_rename_leaves_earlier_export_and_no_temp_file(corpus, tmp_path, monkeypatch):
    out = tmp_path / "pack.md"
    out.write_text(EARLIER, encoding="utf-8")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_pack(fixture_briefing(), corpus, out, "md")
    monkeypatch.undo()
    assert out.read_text(encoding="utf-8") == EARLIER
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["pack.md"]


def test_unknown_id_leaves_earlier_export_untouched(corpus, tmp_path):
    out = tmp_path / "pack.md"
    out.write_text(EARLIER, encoding="utf-8")
    b = fixture_briefing()
    b.add("moties", Item("motion", "motie-bestaat-niet"))
    with pytest.raises(ExportError):
        write_pack(b, corpus, out, "md")
    assert out.read_text(encoding="utf-8") == EARLIER
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["pack.md"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into a read-only folder")
def test_read_only_folder_leaves_earlier_export(corpus, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    out = folder / "pack.md"
    out.write_text(EARLIER, encoding="utf-8")
    folder.chmod(0o555)
    try:
        with pytest.raises(OSError):
            write_pack(fixture_briefing(), corpus, out, "md")
        assert out.read_text(encoding="utf-8") == EARLIER
        assert [p.name for p in folder.iterdir()] == ["pack.md"]
    finally:
        folder.chmod(0o755)


# --- the pack of a briefing built from the real knowledge base ----------------------------------


def _real_corpus():
    from briefing_tui.content import load_content

    return load_content(REPO / "content")


def _has_real_statements() -> bool:
    domains = REPO / "content" / "domains"
    return domains.is_dir() and any("statements:" in p.read_text(encoding="utf-8") and "- id:" in p.read_text(encoding="utf-8") for p in domains.glob("*.yaml"))


@pytest.mark.skipif(not _has_real_statements(), reason="content/domains has no statements yet")
def test_pack_from_real_content_resolves_and_quotes_verbatim():
    corpus = _real_corpus()
    superseded = sorted(s for s in corpus.statements if not corpus.is_current(s))
    assert superseded, "the real content has positions that changed"
    old = superseded[0]
    new = corpus.latest_in_chain(old)
    b = new_briefing("echt", title="Commissiedebat Wapenbeheersing", committee="vaste commissie voor Buitenlandse Zaken")
    b.add("kernboodschappen", Item("statement", new))
    b.add("standpunten", Item("statement", old))
    b.add("standpunten", Item("statement", new))
    for cid in sorted(corpus.commitments)[:2]:
        b.add("toezeggingen", Item("commitment", cid))
    for mid in sorted(corpus.motions)[:1]:
        b.add("moties", Item("motion", mid))
    for qid in sorted(corpus.qa)[:2]:
        b.add("vragen", Item("qa", qid))
    md = render_markdown(b, corpus)
    tokens = parse(md)
    refs = {t.meta["label"] for t in walk(tokens) if t.type == "footnote_ref"}
    defs = {t.meta["label"] for t in tokens if t.type == "footnote_open"}
    assert refs == defs
    assert not {t.type for t in walk(tokens)} & {"html_inline", "html_block"}
    quotes = [re.sub(r"(\[\^\d+\])+$", "", q) for q in blockquote_texts(tokens)]
    for sid in (old, new):
        assert " ".join(corpus.statements[sid].quote.split()) in quotes
    assert "LET OP: vervangen standpunt" in md


# --- `briefing export` ----------------------------------------------------------------------------


def write_content(root: Path) -> Path:
    """A content folder on disk (for the command): two sources, a position that changed."""
    content = root / "content"
    (content / "sources").mkdir(parents=True)
    (content / "domains").mkdir()
    (content / "sources" / "kst-33694-45.txt").write_text(NORMKADER_TEXT, encoding="utf-8")
    (content / "sources" / "kst-33694-45.yaml").write_text(
        'id: kst-33694-45\nkind: kamerbrief\ntitle: "Internationaal normkader"\ndate: "2019-05-13"\n'
        'kamerstuk: {dossier: "33694", number: "45", year: "2018-2019"}\n',
        encoding="utf-8",
    )
    (content / "sources" / "2022-kabinetsreactie.txt").write_text(REACTIE_TEXT, encoding="utf-8")
    (content / "sources" / "2022-kabinetsreactie.yaml").write_text(
        'id: 2022-kabinetsreactie\nkind: kabinetsreactie\ntitle: "Kabinetsreactie AIV/CAVV"\ndate: "2022"\n',
        encoding="utf-8",
    )
    (content / "domains" / "laws.yaml").write_text(
        """id: laws
name: "Autonome wapensystemen"
statements:
  - id: laws-geen-verbod-2019
    topic: laws/verbod
    position: "Het kabinet is geen voorstander van een verbod."
    quote: "Het kabinet is geen voorstander van een verbod op autonome wapensystemen."
    source: kst-33694-45
    locator: "p. 3"
  - id: laws-verbod-2022
    topic: laws/verbod
    position: "Het kabinet streeft naar een verbod."
    quote: "Het kabinet neemt aanbeveling 2 volledig over"
    source: 2022-kabinetsreactie
    locator: "Aanbeveling 2"
    supersedes: [laws-geen-verbod-2019]
""",
        encoding="utf-8",
    )
    (root / "briefings").mkdir()
    return content


def run_cli(argv, capsys):
    from briefing_tui.cli import main

    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    write_content(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BRIEFING_CONTENT", raising=False)
    monkeypatch.delenv("BRIEFING_BRIEFINGS", raising=False)
    return tmp_path


def _briefing_file(ws: Path, items: str) -> Path:
    path = ws / "briefings" / "cd.yaml"
    path.write_text(f"title: Commissiedebat\nsections:\n  - key: standpunten\n    items:\n{items}", encoding="utf-8")
    return path


def test_export_writes_beside_the_briefing(workspace, capsys):
    _briefing_file(workspace, "      - statement: laws-verbod-2022\n")
    code, out, err = run_cli(["export", "cd"], capsys)
    assert code == 0, err
    pack = workspace / "briefings" / "cd.md"
    assert out.strip() == str(pack.resolve())
    assert "## Standpunten per onderwerp" in pack.read_text(encoding="utf-8")
    assert err == ""


def test_export_warns_about_a_superseded_statement_and_strict_refuses(workspace, capsys):
    _briefing_file(workspace, "      - statement: laws-geen-verbod-2019\n")
    code, out, err = run_cli(["export", "cd"], capsys)
    assert code == 0
    assert (
        "briefings/cd.yaml:5: waarschuwing: Standpunten per onderwerp: standpunt 'laws-geen-verbod-2019' "
        "is vervangen door 'laws-verbod-2022'"
    ) in err
    pack = workspace / "briefings" / "cd.md"
    assert "LET OP: vervangen standpunt" in pack.read_text(encoding="utf-8")
    before = pack.read_bytes()

    code, out, err = run_cli(["export", "cd", "--strict", "--format", "docx"], capsys)
    assert code == 1
    assert "fout (--strict)" in err and "niets geschreven" in err
    assert not (workspace / "briefings" / "cd.docx").exists()
    code, out, err = run_cli(["export", "cd", "--strict"], capsys)
    assert code == 1
    assert pack.read_bytes() == before


def test_export_unknown_id_is_an_error_and_keeps_the_earlier_pack(workspace, capsys):
    path = _briefing_file(workspace, "      - statement: laws-verbod-2022\n")
    assert run_cli(["export", "cd"], capsys)[0] == 0
    pack = workspace / "briefings" / "cd.md"
    before = pack.read_bytes()
    path.write_text(path.read_text(encoding="utf-8") + "      - motion: motie-onbekend\n", encoding="utf-8")
    code, out, err = run_cli(["export", "cd"], capsys)
    assert code == 1
    assert "briefings/cd.yaml:6: Standpunten per onderwerp: motie 'motie-onbekend' bestaat niet" in err
    assert pack.read_bytes() == before
    assert sorted(p.name for p in (workspace / "briefings").iterdir()) == ["cd.md", "cd.yaml"]


def test_export_to_an_explicit_path_and_format_from_its_extension(workspace, capsys, tmp_path_factory):
    _briefing_file(workspace, "      - statement: laws-verbod-2022\n")
    elsewhere = tmp_path_factory.mktemp("elders") / "pack.docx"
    code, out, err = run_cli(["export", "cd", "-o", str(elsewhere)], capsys)
    assert code == 0, err
    assert elsewhere.read_bytes()[:2] == b"PK"
    assert not (workspace / "briefings" / "cd.docx").exists()
    code, out, err = run_cli(["export", "cd", "-o", str(elsewhere), "--format", "md"], capsys)
    assert code == 1 and "past niet bij" in err


def test_export_unwritable_path_is_a_clear_error(workspace, capsys):
    _briefing_file(workspace, "      - statement: laws-verbod-2022\n")
    code, out, err = run_cli(["export", "cd", "-o", str(workspace / "missing-folder" / "x.md")], capsys)
    assert code == 1
    assert "niet schrijven" in err and "niets geschreven" in err


def test_export_refuses_to_overwrite_the_briefing_itself(workspace, capsys):
    path = _briefing_file(workspace, "      - statement: laws-verbod-2022\n")
    before = path.read_bytes()
    code, out, err = run_cli(["export", "cd", "-o", str(path)], capsys)
    assert code == 1
    assert path.read_bytes() == before


def test_export_missing_briefing(workspace, capsys):
    code, out, err = run_cli(["export", "bestaat-niet"], capsys)
    assert code == 1 and "geen briefing" in err


def test_export_warns_about_superseded_statements_in_an_answer_and_strict_refuses(workspace, capsys):
    (workspace / "content" / "qa.yaml").write_text(
        """qa:
  - id: qa-2019-vraag-1
    source: kst-33694-45
    number: 1
    question: "Een verbod is niet haalbaar."
    answer_locator: "Antwoord vraag 1"
    answer: "Het kabinet is geen voorstander van een verbod op autonome wapensystemen."
    statements: [laws-geen-verbod-2019]
""",
        encoding="utf-8",
    )
    path = workspace / "briefings" / "cd.yaml"
    path.write_text("title: Commissiedebat\nsections:\n  - key: vragen\n    items:\n      - qa: qa-2019-vraag-1\n", encoding="utf-8")
    code, out, err = run_cli(["export", "cd"], capsys)
    assert code == 0, err
    assert (
        "briefings/cd.yaml:5: waarschuwing: Vragen en antwoorden: vraag 'qa-2019-vraag-1' steunt op standpunt "
        "'laws-geen-verbod-2019', dat vervangen is door 'laws-verbod-2022'"
    ) in err
    pack = workspace / "briefings" / "cd.md"
    assert "LET OP: vervangen standpunt" in pack.read_text(encoding="utf-8")
    before = pack.read_bytes()
    code, out, err = run_cli(["export", "cd", "--strict"], capsys)
    assert code == 1 and "fout (--strict)" in err and "niets geschreven" in err
    assert pack.read_bytes() == before


# --- plain text: escape only what changes the meaning (issue 13, point 6) ---------------------

def _rendered_words(md: str) -> list[str]:
    """The text a reader sees in the rendered pack (footnote markers and definitions left out)."""
    from html import unescape

    html = MarkdownIt("commonmark").use(footnote_plugin).render(md)
    html = re.sub(r'<sup class="footnote-ref">.*?</sup>', "", html).split('<hr class="footnotes-sep"')[0]
    html = re.sub(r"</?(?:strong|em|a)\b[^>]*>", "", html)  # inline markup: no word boundary
    return unescape(re.sub(r"<[^>]+>", " ", html)).split()


def _source_words(md: str) -> list[str]:
    """The Markdown file read as plain text: the pack's own markup taken away, escapes resolved."""
    body = re.split(r"\n\[\^1\]: ", md)[0]
    body = re.sub(r"(?<!\\)\[\^\d+\]", "", body)
    body = re.sub(r"(?m)^(?:#{1,6} |> |- |  )", "", body)
    body = re.sub(r"(?<!\\)\*\*?", "", body)  # emphasis markers; a literal * is written \*
    body = re.sub(r"<(https?://[^>]+)>", r"\1", body)
    body = body.replace("\\\n", "\n")
    body = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", body)  # a backslash before ASCII punctuation
    return body.split()


def _needless_backslashes(md: str) -> list[str]:
    """Escapes the rendered pack does not need: for each line and each escaped character, the
    line rendered with all those backslashes removed is the same (a pair such as \\*x\\* is
    needed together, so it is removed together)."""
    render = MarkdownIt("commonmark").use(footnote_plugin).enable("strikethrough").enable("table").render
    html = render(md)
    out = []
    lines = md.split("\n")
    for n, line in enumerate(lines):
        for ch in sorted(set(re.findall(r"\\(.)", line))):
            stripped = line.replace("\\" + ch, ch)
            if render("\n".join(lines[:n] + [stripped] + lines[n + 1:])) == html:
                out.append(f"{ch!r} in {line[:80]!r}")
    return out


def test_pack_reads_as_plain_text_with_no_needless_backslashes(corpus):
    md = render_markdown(fixture_briefing(), corpus)
    assert _rendered_words(md) == _source_words(md)
    assert _needless_backslashes(md) == []
    for plain in ("Kamerstuk 33 694, nr. 45", "Boswijk (CDA)", "13 mei 2019 (afgeleid)"):
        if plain.split()[0] in md:
            assert plain in md or plain.split(" (")[0] in md


def test_example_pack_reads_as_plain_text():
    md = (REPO / "briefings" / "commissiedebat-wapenbeheersing-nieuwe-technologieen.md").read_text(encoding="utf-8")
    assert "nr\\." not in md and "\\(" not in md and "\\-" not in md
    assert "Kamerstuk 35 925 X, nr. 90" in md
    assert _rendered_words(md) == _source_words(md)
    assert _needless_backslashes(md) == []


def test_officers_notes_are_labelled_and_never_a_bullet_among_cabinet_lines(corpus):
    b = new_briefing("notes", title="Notities")
    b.add("kernboodschappen", Item("statement", "laws-verbod-2022"))
    b.add("kernboodschappen", Item.note("Mijn eigen punt: niet citeren."))
    md = render_markdown(b, corpus)
    key = md.split("## Kernboodschappen", 1)[1].split("\n## ", 1)[0]
    assert "\n**Notitie:** Mijn eigen punt: niet citeren." in key
    assert "- Mijn eigen punt" not in key and "- **Notitie" not in key
