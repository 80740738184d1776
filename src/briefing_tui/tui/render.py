"""Turning records of the corpus into styled text for the screens (presentation only).

Every function here takes what the core gives (a Corpus, a search Hit) and returns
`textual.content.Content`. Text from content files is never parsed as markup.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterable

from textual.content import Content
from textual.style import Style

from briefing_tui.citations import cite_formal, cite_short, ministers_line, source_url
from briefing_tui.dates import format_nl
from briefing_tui.labels import (
    COMMITMENT_STATUS_LABELS,
    INFERRED,
    REPEATS_SUPERSEDED,
    SUPERSEDED,
    kind_label,
    motion_label,
    topic_label,
)

if TYPE_CHECKING:
    from briefing_tui.model import Corpus, Source, Statement

HEADING = "bold $accent"
LABEL = "bold"
DIM = "$text-muted"
MATCH = "bold $text-warning on $warning-muted"
SUPERSEDED_STYLE = "bold $text-error on $error-muted"
CURRENT_STYLE = "bold $text-success on $success-muted"
CHANGED_STYLE = "bold $text-warning on $warning-muted"
QUOTE = "italic"


def link(url: str) -> Content:
    return Content.styled(url, Style(underline=True, link=url))


def superseded_badge(label: str = SUPERSEDED) -> Content:
    return Content.styled(f" {label} ", SUPERSEDED_STYLE)


def repeats_badge() -> Content:
    """On a passage, answer, follow-up or commitment that repeats a superseded statement's quote."""
    return superseded_badge(REPEATS_SUPERSEDED)


def carried_block(corpus: "Corpus", ids: Iterable[str]) -> list[Content]:
    """'BEVAT VERVANGEN STANDPUNT Herhaalt het standpunt van <date> (“…”), vervangen door het
    standpunt van <date>: <position>', one line per superseded statement."""
    blocks: list[Content] = []
    for sid in ids:
        st = corpus.statements.get(sid)
        if st is None:
            continue
        date, inferred = statement_date(corpus, st)
        parts: list[Any] = [repeats_badge(), f" Herhaalt het standpunt van {dated(date, inferred)} (“{st.position}”)"]
        newer = corpus.statements.get(corpus.latest_in_chain(sid))
        if newer is not None and newer.id != sid:
            nd, ninf = statement_date(corpus, newer)
            parts += [f", vervangen door het standpunt van {dated(nd, ninf)}: ", (newer.position, "bold")]
        blocks.append(Content.assemble(*parts))
    return blocks


def tags_line(domains: Iterable[str], forums: Iterable[str]) -> Content:
    domains, forums = list(domains), list(forums)
    parts: list[Any] = []
    if domains:
        parts += [("domein ", DIM), ", ".join(domains)]
    if forums:
        if parts:
            parts.append(("  ·  ", DIM))
        parts += [("forum ", DIM), ", ".join(forums)]
    return Content.assemble(*parts)


def spans_content(spans: Iterable[tuple[str, bool]]) -> Content:
    """Snippet pieces as (text, matched) pairs, matched terms highlighted."""
    return Content.assemble(*((text, MATCH) if matched else text for text, matched in spans))


def dated(value: str | None, inferred: bool = False) -> str:
    text = format_nl(value) or "datum onbekend"
    return f"{text} ({INFERRED})" if inferred and value else text


def first_sentence(text: str, limit: int = 110) -> str:
    """The start of a long text for a list line, never cut inside a word; the preview shows all."""
    text = " ".join(text.split())
    end = text.find(". ")
    if 0 < end < limit:
        return text[: end + 1]
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    cut = cut[:space] if space > limit // 2 else cut
    return cut.rstrip(" ,;:") + " …"


def statement_date(corpus: "Corpus", st: "Statement") -> tuple[str | None, bool]:
    """The date of a statement and whether it is inferred (the source's date was)."""
    if st.date:
        return st.date, False
    src = corpus.sources.get(st.source)
    if src is None:
        return None, False
    return src.date, src.is_inferred("date")


def sources_named(corpus: "Corpus", text: str) -> str:
    """An editorial note with the sources it names by id named by their citation instead
    ("Judged by 2019-normkader-…" -> "Judged by Kamerstuk 26 150, nr. 186"): no ids for the reader."""
    ids = sorted((sid for sid in corpus.sources if sid in text), key=len, reverse=True)
    if not ids:
        return text
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(sid) for sid in ids) + r")(?![\w-])")
    return pattern.sub(lambda m: cite_short(corpus.sources[m.group(1)]), text)


def _section(title: str) -> Content:
    return Content.styled(title, HEADING)


def _source_block(corpus: "Corpus", source_id: str, locator: str | None) -> list[Content]:
    src: Source | None = corpus.sources.get(source_id)
    if src is None:
        return [Content.styled(f"Onbekende bron: {source_id}", SUPERSEDED_STYLE)]
    lines = [
        _section("Bron"),
        Content.assemble(("Vindplaats  ", LABEL), cite_short(src, locator)),
        Content.assemble(("Citeertitel ", LABEL), cite_formal(src)),
        Content.assemble(("Titel       ", LABEL), src.title + (f" ({INFERRED})" if src.is_inferred("title") else "")),
        Content.assemble(("Datum       ", LABEL), dated(src.date, src.is_inferred("date"))),
    ]
    who = ministers_line(src)
    if who:
        lines.append(Content.assemble(("Bewindsp.   ", LABEL), who))
    url = source_url(src)
    if url:
        lines.append(Content.assemble(("Link        ", LABEL), link(url)))
    return lines


def _join(blocks: list[Content]) -> Content:
    return Content("\n").join(blocks)


def statement_preview(corpus: "Corpus", statement_id: str, passage: str | None = None) -> Content:
    st = corpus.statements.get(statement_id)
    if st is None:
        return Content(f"Standpunt {statement_id} staat niet (meer) in de content.")
    date, inferred = statement_date(corpus, st)
    current = corpus.is_current(st.id)
    head = [(f"{kind_label('statement')}  ", HEADING), (dated(date, inferred), LABEL), ("  ", ""), (topic_label(st.topic), DIM)]
    blocks: list[Content] = [Content.assemble(*head)]
    if not current:
        newer_id = corpus.latest_in_chain(st.id)
        direct = corpus.superseded_by(st.id)
        newer = corpus.statements.get(newer_id)
        warn = [superseded_badge(), " Dit standpunt is vervangen"]
        if newer is not None:
            nd, ninf = statement_date(corpus, newer)
            warn.append(f" door het standpunt van {dated(nd, ninf)}: ")
            warn.append((newer.position, "bold"))
            if direct and direct != newer_id:
                warn.append(f" (via {direct})")
        blocks.append(Content.assemble(*warn))
    elif corpus.updated_by(st.id):
        newer = corpus.statements.get(corpus.updated_by(st.id) or "")
        if newer is not None:
            nd, ninf = statement_date(corpus, newer)
            blocks.append(Content.assemble(
                (" BIJGEWERKT ", "bold $text-warning on $warning-muted"),
                f" Bijgewerkt door het standpunt van {dated(nd, ninf)}: ", (newer.position, "bold"),
                "\nBlijft gelden: ", corpus.still_holds(st.id) or ""))
    replaced = [corpus.statements[o] for o in st.supersedes if o in corpus.statements]
    if replaced:
        # The change of position, at the top: what this statement replaced, and when.
        for older in replaced:
            od, oinf = statement_date(corpus, older)
            blocks.append(Content.assemble(
                (" GEWIJZIGD ", CHANGED_STYLE),
                f" Vervangt het standpunt van {dated(od, oinf)}: ",
                (first_sentence(older.position, 160), "italic"),
            ))
    blocks += [Content(""), _section("Positie"), Content(st.position), Content(""), _section("Citaat (letterlijk)")]
    blocks.append(Content.styled(f"“{st.quote}”", QUOTE))
    blocks.append(Content(""))
    blocks += _source_block(corpus, st.source, st.locator)
    blocks.append(tags_line(st.domains, st.forums))
    if st.note:
        blocks += [Content(""), _section("Notitie van de redactie (Engels)"), Content(sources_named(corpus, st.note))]
    if passage:
        blocks += [Content(""), _section("Passage in de bron"), highlight_quote(passage, st.quote)]
    timeline = corpus.timeline(st.topic)
    if timeline:
        blocks += [Content(""), _section(f"Tijdlijn: {topic_label(st.topic)}")]
        for other in timeline:
            od, oinf = statement_date(corpus, other)
            marker = "▶ " if other.id == st.id else "  "
            parts: list[Any] = [(marker, HEADING), (f"{dated(od, oinf):<18} ", LABEL)]
            if corpus.is_current(other.id) and corpus.updated_by(other.id):
                parts.append((" bijgewerkt ", "bold $text-warning on $warning-muted"))
            elif corpus.is_current(other.id):
                parts.append((" huidig ", CURRENT_STYLE))
            else:
                parts.append(superseded_badge())
            parts.append(" ")
            parts.append((other.position, "bold") if other.id == st.id else other.position)
            src = corpus.sources.get(other.source)
            if src is not None:
                parts.append((f"  ({cite_short(src, other.locator)})", DIM))
            blocks.append(Content.assemble(*parts))
    return _join(blocks)


def highlight_quote(passage: str, quote: str) -> Content:
    """The passage with the quote marked where it stands verbatim (layout-insensitive)."""
    words = quote.split()
    if not words:
        return Content(passage)
    pattern = r"\s+".join(re.escape(w) for w in words)
    m = re.search(pattern, passage)
    if not m:
        return Content(passage)
    return Content.assemble(passage[: m.start()], (passage[m.start() : m.end()], MATCH), passage[m.end() :])


def passage_preview(corpus: "Corpus", passage_id: str, passages: list | None) -> Content:
    """A passage of a source with the passages around it, and the source's citation."""
    source_id, _, number = passage_id.rpartition("#")
    if not passages or not number.isdigit() or not (1 <= int(number) <= len(passages)):
        return Content(f"Passage {passage_id} staat niet (meer) in de bron.")
    n = int(number)
    p = passages[n - 1]
    src = corpus.sources.get(source_id)
    head: list[Any] = [(f"{kind_label('passage')} {n}  ", HEADING)]
    if src is not None:
        head.append((dated(src.date, src.is_inferred("date")), LABEL))
    head.append((f"  p. {p.page}", DIM))
    blocks: list[Content] = [Content.assemble(*head)]
    if p.section:
        blocks.append(Content.assemble(("Onder kop  ", LABEL), p.section))
    blocks += [Content(""), _section("Passage"), Content(p.text), Content("")]
    blocks += _source_block(corpus, source_id, f"p. {p.page}")
    context = [q for q in passages[max(0, n - 3) : n + 2] if q.number != n]
    if context:
        blocks += [Content(""), _section("Eromheen in de bron")]
        for q in passages[max(0, n - 3) : n + 2]:
            marker = "▶ " if q.number == n else "  "
            style = "bold" if q.number == n else DIM
            blocks.append(Content.assemble((marker, HEADING), (q.text, style)))
    return _join(blocks)


def commitment_preview(corpus: "Corpus", commitment_id: str) -> Content:
    c = corpus.commitments.get(commitment_id)
    if c is None:
        return Content(f"Toezegging {commitment_id} staat niet (meer) in de content.")
    status = COMMITMENT_STATUS_LABELS.get(c.status, c.status)
    style = CURRENT_STYLE if c.status == "fulfilled" else SUPERSEDED_STYLE if c.status == "open" else "bold"
    blocks = [
        Content.assemble((f"{kind_label('commitment')}  ", HEADING),
                         (dated(c.made_on, c.made_on is not None and "made_on" in c.inferred), LABEL),
                         "  ", (f" {status} ", style)),
        Content(""),
        _section("Toezegging"),
        Content(c.text),
    ]
    meta = []
    if c.made_by:
        meta.append(Content.assemble(("Gedaan door ", LABEL), c.made_by))
    if c.made_at:
        meta.append(Content.assemble(("Waar       ", LABEL), c.made_at))
    blocks += meta
    blocks += [Content(""), _section("Citaat (letterlijk)"), Content.styled(f"“{c.quote}”", QUOTE), Content("")]
    blocks += _source_block(corpus, c.source, c.locator)
    if c.fulfilled_by:
        src = corpus.sources.get(c.fulfilled_by)
        label = cite_short(src) if src else c.fulfilled_by
        blocks.append(Content.assemble(("Nagekomen in ", LABEL), label))
    if c.evidence:
        blocks += [Content(""), _section("Onderbouwing status (redactie, Engels)"), Content(sources_named(corpus, c.evidence))]
    blocks.append(tags_line(c.domains, c.forums))
    return _join(blocks)


def motion_preview(corpus: "Corpus", motion_id: str) -> Content:
    m = corpus.motions.get(motion_id)
    if m is None:
        return Content(f"Motie {motion_id} staat niet (meer) in de content.")
    head: list[Any] = [(f"{motion_label(m)}  ", HEADING), (dated(m.date, "date" in m.inferred), LABEL)]
    blocks = [Content.assemble(*head), Content(""), _section(m.title)]
    if m.kamerstuk:
        from briefing_tui.citations import format_dossier

        blocks.append(Content(f"Kamerstuk {format_dossier(m.kamerstuk.dossier)}, nr. {m.kamerstuk.number}"))
    if m.submitters:
        names = ", ".join(f"{p.name} ({p.party})" if p.party else p.name for p in m.submitters)
        blocks.append(Content.assemble(("Indieners ", LABEL), names))
    if m.status:
        blocks += [Content(""), _section("Status"), Content(m.status)]
    if m.request:
        blocks += [Content(""), _section("Verzoek (letterlijk)"), Content.styled(f"“{m.request}”", QUOTE)]
    blocks.append(Content(""))
    if m.request_source:
        blocks += _source_block(corpus, m.request_source, m.request_locator or None)
    if m.follow_up:
        blocks += [Content(""), _section("Wat het kabinet ermee deed")]
        for f in m.follow_up:
            src = corpus.sources.get(f.source)
            cite = cite_short(src, f.locator or None) if src else f.source
            blocks.append(Content.assemble(("• ", HEADING), (f.summary or "", "bold"), ("  " if f.summary else "", ""), (f"({cite})", DIM)))
            blocks.append(Content.styled(f"  “{f.quote}”", QUOTE))
    blocks.append(tags_line(m.domains, m.forums))
    return _join(blocks)


def qa_preview(corpus: "Corpus", qa_id: str) -> Content:
    q = corpus.qa.get(qa_id)
    if q is None:
        return Content(f"Vraag {qa_id} staat niet (meer) in de content.")
    src = corpus.sources.get(q.source)
    blocks = [
        Content.assemble((f"{kind_label('qa')} {q.number}  ", HEADING), (dated(src.date, src.is_inferred("date")) if src else "", LABEL)),
        Content(""),
        _section("Vraag (letterlijk)"),
        Content.styled(f"“{q.question}”", QUOTE),
    ]
    if q.answer:
        blocks += [Content(""), _section(f"Antwoord ({q.answer_locator})"), Content.styled(f"“{q.answer}”", QUOTE)]
    blocks.append(Content(""))
    blocks += _source_block(corpus, q.source, q.answer_locator)
    if q.statements:
        blocks += [Content(""), _section("Standpunten uit dit antwoord")]
        for sid in q.statements:
            st = corpus.statements.get(sid)
            if st is None:
                continue
            parts: list[Any] = [("• ", HEADING), st.position]
            if not corpus.is_current(sid):
                parts += [" ", superseded_badge()]
            blocks.append(Content.assemble(*parts))
    blocks.append(tags_line(q.domains, q.forums))
    return _join(blocks)
