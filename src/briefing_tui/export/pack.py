"""The briefing pack as a small document model, shared by the Markdown and the Word writer.

`build_pack(briefing, corpus)` decides *what* the pack says: the title block, the six sections
in order, the development of each position, the flags on superseded statements, the numbered
citations and the source list. The writers only decide how it looks. All text in the model is
plain text; escaping is the writer's job, so no quote can ever turn into markup.

Citations: one note per (source, locator) pair, numbered in order of first use, with the text
as Kamerstukken cite themselves (citations.cite_short) and the officielebekendmakingen link.
Locators that differ only trivially ('p. 3', 'p.3') are one place (citations.locator_key).

The pack is for the minister: it holds no internal ids and no editor's reasoning. Statement
notes and a commitment's `evidence` (the knowledge base's own working, often in English) are
not printed; where an own-words text from the knowledge base names an id, the pack shows that
record's citation instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from briefing_tui import agenda, citations
from briefing_tui.briefing import SECTIONS, Briefing, Item, check_references, passages_of
from briefing_tui.carried import CarriedStatements
from briefing_tui.currency import month_year, stale_topics
from briefing_tui.dates import bounds, format_nl
from briefing_tui.model import Commitment, Corpus, Motion, Problem, QA, Source, Statement

STATUS_NL = {
    "open": "open",
    "fulfilled": "nagekomen",
    "partially-fulfilled": "deels nagekomen",
    "lapsed": "vervallen",
    "unknown": "onbekend",
}
INFERRED = citations.INFERRED
SUPERSEDED_FLAG = "LET OP: vervangen standpunt"
UPDATED_FLAG = "LET OP: bijgewerkt standpunt"
STALE_FLAG = "LET OP: mogelijk verouderd"
NOTE_LABEL = "Notitie:"  # before every note of the officer's own
_URL = re.compile(r"^https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+$")
# Something shaped like a content id (lowercase, at least one hyphen): looked up before replacing.
_ID = re.compile(r"(?<![\w.-])[a-z0-9][a-z0-9._-]*-[a-z0-9._-]*[a-z0-9](?![\w-])")


class ExportError(Exception):
    """The pack cannot be made: unknown ids, missing sources. `problems` says which."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.problems = list(problems or [])


# --- the document model -----------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    text: str
    bold: bool = False
    italic: bool = False
    flag: bool = False  # a warning inside a line ("LET OP: vervangen standpunt"): bold, red in Word


@dataclass(frozen=True)
class NoteRef:
    number: int


@dataclass(frozen=True)
class Link:
    text: str
    url: str


@dataclass(frozen=True)
class Break:
    """A line break inside a paragraph (the officer's notes keep their lines)."""


Inline = Text | NoteRef | Link | Break


@dataclass
class Block:
    """kind: 'title' | 'heading' (level 1-3 below the title) | 'para' | 'quote' | 'bullet' | 'warning'."""

    kind: str
    inlines: list[Inline]
    level: int = 0

    @property
    def plain(self) -> str:
        return "".join(i.text if isinstance(i, (Text, Link)) else "\n" if isinstance(i, Break) else "" for i in self.inlines)


@dataclass(frozen=True)
class Note:
    number: int
    text: str
    url: str | None
    url_inferred: bool = False


@dataclass
class Pack:
    title: str
    blocks: list[Block] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    # The briefing's name: written into the pack (an HTML comment, Word's identifier) so that a
    # later export recognises its own earlier pack and overwrites nothing else (export/target.py).
    briefing: str = ""


def safe_url(url: str | None) -> str | None:
    """A URL fit to be a link target (http(s), no spaces or angle brackets), else None."""
    return url if url and _URL.match(url) else None


# --- warnings ---------------------------------------------------------------------------------


def collect_warnings(briefing: Briefing, corpus: Corpus) -> list[Problem]:
    """What stands between this briefing and a sound pack.

    Errors: unknown ids, passages out of range, records citing a source that is not there.
    Warnings: superseded statements, in the briefing itself or drawn from the answer of a qa
    item in it (the pack flags both; `--strict` refuses both).
    """
    return check_references(briefing, corpus)


# --- building ---------------------------------------------------------------------------------


class _Builder:
    def __init__(self, briefing: Briefing, corpus: Corpus):
        self.b = briefing
        self.c = corpus
        self.blocks: list[Block] = []
        self.notes: list[Note] = []
        self._note_of: dict[tuple[str, str], int] = {}
        self.sources_used: list[str] = []
        self.carried = CarriedStatements(corpus)

    # notes and sources
    def use_source(self, source_id: str) -> Source:
        src = self.c.sources.get(source_id)
        if src is None:
            raise ExportError(f"unknown source {source_id!r}")
        if source_id not in self.sources_used:
            self.sources_used.append(source_id)
        return src

    def cite(self, source_id: str, locator: str | None = None) -> NoteRef:
        loc = " ".join(locator.split()) if locator else None
        key = (source_id, citations.locator_key(loc))
        if key not in self._note_of:
            src = self.use_source(source_id)
            number = len(self.notes) + 1
            self._note_of[key] = number
            text = citations.cite_short(src, loc) + citations.incomplete_mark(src)
            self.notes.append(Note(number, text, safe_url(citations.source_url(src)), citations.link_inferred(src)))
        return NoteRef(self._note_of[key])

    # blocks
    def add(self, kind: str, *inlines: Inline, level: int = 0) -> None:
        merged: list[Inline] = []
        for i in inlines:
            if isinstance(i, Text):
                if not i.text:
                    continue
                prev = merged[-1] if merged else None
                if isinstance(prev, Text) and (prev.bold, prev.italic, prev.flag) == (i.bold, i.italic, i.flag):
                    merged[-1] = Text(prev.text + i.text, i.bold, i.italic, i.flag)
                    continue
            merged.append(i)
        self.blocks.append(Block(kind, merged, level))

    def prose(self, text: str, *, bold: bool = False, italic: bool = False) -> list[Inline]:
        """An own-words text from the knowledge base; any id in it becomes that record's citation."""
        out: list[Inline] = []
        pos = 0
        for m in _ID.finditer(text):
            replacement = self.id_inlines(m.group(), bold=bold, italic=italic)
            if replacement is None:
                continue
            out.append(Text(text[pos:m.start()], bold=bold, italic=italic))
            out += replacement
            pos = m.end()
        out.append(Text(text[pos:], bold=bold, italic=italic))
        return out

    def id_inlines(self, record_id: str, *, bold: bool = False, italic: bool = False) -> list[Inline] | None:
        c = self.c

        def text(t: str) -> Text:
            return Text(t, bold=bold, italic=italic)

        if record_id in c.statements:
            st = c.statements[record_id]
            out: list[Inline] = [text(f"het standpunt van {self.statement_date(st)}")]
            if st.source in c.sources:
                out.append(self.cite(st.source, st.locator))
            return out
        if record_id in c.sources:
            src = c.sources[record_id]
            return [text(citations.cite_short(src)), self.cite(record_id)]
        if record_id in c.qa:
            qa = c.qa[record_id]
            return [text(f"vraag {qa.number}"), self.cite(qa.source, f"Vraag {qa.number}")]
        if record_id in c.motions:
            mo = c.motions[record_id]
            out = [text(_motion_label(mo))]
            if mo.request_source and mo.request_source in c.sources:
                out.append(self.cite(mo.request_source, mo.request_locator or None))
            return out
        if record_id in c.commitments:
            cm = c.commitments[record_id]
            when = format_nl(cm.made_on) if cm.made_on else ""
            label = f"de toezegging van {citations.mark_inferred(when, 'made_on' in cm.inferred)}" if when else "de toezegging"
            out = [text(label)]
            if cm.source in c.sources:
                out.append(self.cite(cm.source, cm.locator or None))
            return out
        return None

    def statement_date(self, st: Statement) -> str:
        when = format_nl(self.c.statement_date(st))
        if not when:
            return "datum onbekend"
        src = self.c.sources.get(st.source)
        inferred = st.date is None and src is not None and src.is_inferred("date")
        return citations.mark_inferred(when, inferred)

    # --- the pack -------------------------------------------------------------------------
    def build(self) -> Pack:
        self.title_block()
        for sec in self.b.sections:
            if not any(_shows(item) for item in sec.items):
                continue
            self.add("heading", Text(SECTIONS[sec.key]), level=1)
            if sec.key == "kernboodschappen":
                for item in sec.items:
                    self.key_message(item)
            elif sec.key == "standpunten":
                self.positions(sec.items)
            else:
                for item in sec.items:
                    self.item(item)
        debate_sections.agenda_section(self)
        debate_sections.commitments_section(self)
        debate_sections.members_section(self)
        self.source_list()
        return Pack(self.b.title or self.b.name, self.blocks, self.notes)

    def title_block(self) -> None:
        b = self.b
        self.add("title", Text(b.title or b.name))
        if b.kind:
            self.add("para", Text("Debat: ", bold=True), Text(b.kind))
        if b.committee:
            self.add("para", Text("Commissie: ", bold=True), Text(b.committee))
        if b.date:
            self.add("para", Text("Datum: ", bold=True), Text(format_nl(b.date)))
        if b.members:
            people = ", ".join(f"{m.name} ({m.party})" if m.party else m.name for m in b.members)
            self.add("para", Text("Leden: ", bold=True), Text(people))
        if b.agenda:
            self.add("para", Text("Geagendeerde stukken:", bold=True))
            for entry in b.agenda:
                resolved = agenda.resolve(entry, self.c)
                heading = [Text(f"{entry.heading}: ", bold=True)] if entry.heading else []
                if resolved.source is not None:
                    src = self.use_source(resolved.source)
                    self.add("bullet", *heading, Text(citations.source_list_entry(src)))
                elif entry.number is not None:
                    self.add("bullet", *heading, Text(resolved.label))
                else:
                    self.add("bullet", *heading, Text(entry.citation or ""))
        for stale in stale_topics(self.b, self.c):
            st = self.c.statements[stale.statement]
            self.add(
                "warning",
                Text(f"{STALE_FLAG}: ", bold=True),
                Text(f"het nieuwste standpunt over {self.topic_label(st)} in de kennisbank is van "
                     f"{self.statement_date(st)}, meer dan een jaar voor het debat ({format_nl(stale.debate)}); "
                     "ga na of er nieuwere stukken zijn."),
            )
        superseded = [it for _, _, it in self.b.items() if it.kind == "statement" and not self.c.is_current(it.ref)]
        if superseded:
            n = len(superseded)
            what = "een vervangen standpunt" if n == 1 else f"{n} vervangen standpunten"
            self.add(
                "warning",
                Text(f"{SUPERSEDED_FLAG}: ", bold=True),
                Text(f"deze briefing bevat {what}; zie de markeringen bij de standpunten hieronder."),
            )
        repeating = [it for _, _, it in self.b.items() if self.carried_ids(it)]
        if repeating:
            n = len(repeating)
            what = "een onderdeel herhaalt" if n == 1 else f"{n} onderdelen herhalen"
            self.add(
                "warning",
                Text(f"{SUPERSEDED_FLAG}: ", bold=True),
                Text(f"{what} letterlijk een inmiddels vervangen standpunt (een passage, antwoord, "
                     "toezegging of opvolging van een motie); zie de markeringen daar."),
            )
        reached = {sid for _, sid in superseded_in_answers(self.b, self.c)}
        if reached:
            n = len(reached)
            what = "een standpunt" if n == 1 else f"{n} standpunten"
            verb = "is" if n == 1 else "zijn"
            self.add(
                "warning",
                Text(f"{SUPERSEDED_FLAG}: ", bold=True),
                Text(f"bij Vragen en antwoorden {verb} {what} uit de antwoorden inmiddels vervangen; "
                     "zie de markeringen daar."),
            )

    # --- kernboodschappen: one bullet per item ------------------------------------------
    def key_message(self, item: Item) -> None:
        if not _shows(item):
            return
        inl: list[Inline] = []
        if item.kind == "note":
            # The officer's own words: a paragraph of its own, labelled, never a bullet that
            # could be read as one of the cabinet's lines.
            self.item_note(item)
            return
        elif item.kind == "statement":
            st = self.c.statements[item.ref]
            inl += [Text(item.position)] if item.position else self.prose(st.position)
            inl.append(self.cite(st.source, st.locator))
            if item.position:
                inl.append(Text(" (aangepaste standpuntlijn)", italic=True))
            inl += self.superseded_inline(st) + self.updated_inline(st)
        elif item.kind == "commitment":
            cm = self.c.commitments[item.ref]
            inl += [Text(item.position)] if item.position else self.prose(cm.text)
            inl += [self.cite(cm.source, cm.locator),
                    Text(f" (toezegging; status: {STATUS_NL.get(cm.status, cm.status)})", italic=True)]
        elif item.kind == "motion":
            mo = self.c.motions[item.ref]
            label = _motion_label(mo)
            inl.append(Text(item.position or label))
            if mo.request_source:
                inl.append(self.cite(mo.request_source, mo.request_locator or None))
            if mo.status:
                inl += [Text(" (motie; status: ", italic=True), *self.prose(mo.status, italic=True), Text(")", italic=True)]
        elif item.kind == "qa":
            qa = self.c.qa[item.ref]
            inl += [Text(item.position or f"Vraag {qa.number}: {qa.question}"), self.cite(qa.source, f"Vraag {qa.number}")]
        elif item.kind == "passage":
            src_id, n, passage_text, locator = self.passage(item)
            inl += [Text(item.position or f"“{passage_text}”"), self.cite(src_id, locator)]
        if item.position and item.kind not in ("statement", "note"):
            inl.append(Text(" (aangepaste lijn)", italic=True))
        for sid in self.carried_ids(item):
            inl += self.superseded_inline(self.c.statements[sid], repeated=True)
        if item.comment:
            inl += [Text(" — "), Text("Opmerking: ", italic=True), Text(_one_line(item.comment))]
        self.add("bullet", *inl)

    def carried_ids(self, item: Item) -> tuple[str, ...]:
        """Superseded statements whose quote this item repeats (a qa item's drawn statements
        are flagged where they are listed, so not again)."""
        ids = self.carried.in_item(item.kind, item.ref)
        if item.kind == "qa" and item.ref in self.c.qa:
            ids = tuple(s for s in ids if s not in self.c.qa[item.ref].statements)
        return ids

    def superseded_inline(self, st: Statement, *, repeated: bool = False) -> list[Inline]:
        """' — LET OP: vervangen standpunt; vervangen door het standpunt van <date>: “<position>”[^n]'.
        With `repeated`: the item repeats the quote of `st` ('herhaalt het standpunt van <date>')."""
        if self.c.is_current(st.id):
            return []
        latest = self.c.statements.get(self.c.latest_in_chain(st.id))
        said: list[Inline] = []
        if repeated:
            said = [Text(f": herhaalt het standpunt van {self.statement_date(st)}"), self.cite(st.source, st.locator)]
        if latest is None:
            return [Text(" — "), Text(SUPERSEDED_FLAG, bold=True, flag=True), *said]
        return [
            Text(" — "),
            Text(SUPERSEDED_FLAG, bold=True, flag=True),
            *said,
            Text(f"; vervangen door het standpunt van {self.statement_date(latest)}: “"),
            *self.prose(latest.position),
            Text("”"),
            self.cite(latest.source, latest.locator),
        ]

    def updated_inline(self, st: Statement) -> list[Inline]:
        """' — LET OP: bijgewerkt standpunt; bijgewerkt door het standpunt van <date>[^n]; blijft gelden: …'."""
        newer = self.c.statements.get(self.c.updated_by(st.id) or "")
        if newer is None or not self.c.is_current(st.id):
            return []
        return [
            Text(" — "), Text(UPDATED_FLAG, bold=True, flag=True),
            Text(f"; bijgewerkt door het standpunt van {self.statement_date(newer)}"), self.cite(newer.source, newer.locator),
            Text("; blijft gelden: "), *self.prose(self.c.still_holds(st.id) or ""),
        ]

    # --- standpunten: grouped by the topic's domain --------------------------------------
    def positions(self, items: list[Item]) -> None:
        groups: dict[str, list[Item]] = {}
        order: list[str] = []
        current_group = ""
        for item in items:
            if item.kind == "statement":
                current_group = self.group_name(self.c.statements[item.ref])
            if current_group not in groups:
                groups[current_group] = []
                order.append(current_group)
            groups[current_group].append(item)
        for name in order:
            members = groups[name]
            if name:
                self.add("heading", Text(name), level=2)
            last_of_topic: dict[str, int] = {}
            for i, item in enumerate(members):
                if item.kind == "statement":
                    last_of_topic[self.c.statements[item.ref].topic] = i
            for i, item in enumerate(members):
                self.item(item)
                if item.kind == "statement":
                    topic = self.c.statements[item.ref].topic
                    if last_of_topic[topic] == i:
                        self.development(topic)

    def topic_label(self, st: Statement) -> str:
        """'Autonome wapensystemen: verbod' for topic laws/verbod."""
        tail = st.topic.split("/", 1)[-1].replace("-", " ")
        return f"{self.group_name(st)}: {tail}"

    def current_label(self, st: Statement) -> str:
        """'huidig standpunt, juni 2022': the pack says how old the line it calls current is."""
        when = month_year(self.c.statement_date(st))
        return f"huidig standpunt, {when}" if when else "huidig standpunt"

    def group_name(self, st: Statement) -> str:
        prefix = st.topic.split("/", 1)[0]
        area = self.c.area(prefix)
        if area is None and st.home:
            area = self.c.area(st.home.split("/", 1)[-1])
        if area is None and st.domains:
            area = self.c.area(st.domains[0])
        return area.name if area is not None else prefix

    def development(self, topic: str) -> None:
        """Only where the position changed: some statement of the topic supersedes another."""
        line = self.c.timeline(topic)
        if len(line) < 2 or not any(self.c.has_history(st.id) for st in line):
            return
        in_briefing = {it.ref for _, _, it in self.b.items() if it.kind == "statement"}
        self.add("heading", Text("Ontwikkeling van het standpunt"), level=3)
        for st in line:
            inl: list[Inline] = [Text(f"{self.statement_date(st)}: ", bold=True), *self.prose(st.position), self.cite(st.source, st.locator)]
            newer = self.c.statements.get(self.c.updated_by(st.id) or "")
            if self.c.is_current(st.id) and newer is not None:
                inl += [Text(" — "), Text("bijgewerkt door", bold=True),
                        Text(f" het standpunt van {self.statement_date(newer)}; blijft gelden: "),
                        *self.prose(self.c.still_holds(st.id) or "")]
            elif self.c.is_current(st.id):
                inl.append(Text(f" ({self.current_label(st)})", italic=True))
            else:
                nxt = self.c.statements.get(self.c.superseded_by(st.id) or "")
                if nxt is not None:
                    inl += [Text(" — "), Text("vervangen door", bold=True), Text(f" het standpunt van {self.statement_date(nxt)}")]
                else:
                    inl += [Text(" — "), Text("vervangen", bold=True)]
            if st.id in in_briefing:
                inl.append(Text(" (in deze briefing)", italic=True))
            self.add("bullet", *inl)

    # --- one item, in full -----------------------------------------------------------------
    def item(self, item: Item) -> None:
        getattr(self, f"item_{item.kind}")(item)
        if item.comment and item.kind != "note":
            self.add("para", Text("Opmerking: ", italic=True), *_lines(item.comment))

    def adapted(self, item: Item, original: str, label: str) -> None:
        """The officer's line first, the knowledge base's own words below it."""
        if item.position:
            self.add("para", Text(item.position, bold=True), Text(" (aangepaste lijn)", italic=True))
            self.add("para", Text(f"{label}: ", italic=True), *self.prose(original))
        else:
            self.add("para", *self.prose(original, bold=True))

    def item_note(self, item: Item) -> None:
        if not _shows(item):
            return
        inl = [Text(f"{NOTE_LABEL} ", bold=True), *_lines(item.ref)]
        if item.comment:
            inl += [Break(), Text("Opmerking: ", italic=True), *_lines(item.comment)]
        self.add("para", *inl)

    def item_statement(self, item: Item) -> None:
        st = self.c.statements[item.ref]
        if item.position:
            self.add("para", Text(item.position, bold=True), Text(" (aangepaste standpuntlijn)", italic=True))
            self.add("para", Text("Standpunt volgens de kennisbank: ", italic=True), *self.prose(st.position))
        else:
            self.add("para", *self.prose(st.position, bold=True))
        self.add("quote", Text(st.quote), self.cite(st.source, st.locator))
        newer = self.c.statements.get(self.c.updated_by(st.id) or "")
        status = ("vervangen standpunt" if not self.c.is_current(st.id)
                  else "deels geldend standpunt" if newer is not None else "huidig standpunt")
        self.add("para", Text("Datum: ", italic=True), Text(f"{self.statement_date(st)} · {status}"))
        if not self.c.is_current(st.id):
            latest = self.c.statements.get(self.c.latest_in_chain(st.id))
            if latest is not None:
                self.add(
                    "warning",
                    Text(f"{SUPERSEDED_FLAG}. ", bold=True),
                    Text(f"Dit standpunt is vervangen door het standpunt van {self.statement_date(latest)}: “"),
                    *self.prose(latest.position),
                    Text("”"),
                    self.cite(latest.source, latest.locator),
                )
                self.add("quote", Text(latest.quote), self.cite(latest.source, latest.locator))
            else:
                self.add("warning", Text(f"{SUPERSEDED_FLAG}.", bold=True))
        elif newer is not None:
            self.add(
                "warning",
                Text(f"{UPDATED_FLAG}. ", bold=True),
                Text(f"Dit standpunt is bijgewerkt door het standpunt van {self.statement_date(newer)}: “"),
                *self.prose(newer.position), Text("”"), self.cite(newer.source, newer.locator),
                Text(". Blijft gelden: "), *self.prose(self.c.still_holds(st.id) or ""),
            )
        # st.note is the editor's working (ids, sometimes English): not for the minister.

    def passage(self, item: Item) -> tuple[str, int, str, str]:
        ref = item.passage_ref
        if ref is None:
            raise ExportError(f"passage {item.ref!r}: expected '<source-id>#<number>'")
        src_id, n = ref
        self.use_source(src_id)
        try:
            passages = passages_of(self.c, src_id)
        except OSError as exc:
            raise ExportError(f"passage {item.ref!r}: the text of source {src_id!r} cannot be read ({exc.strerror or exc})") from None
        found = [p for p in passages if p.number == n]
        if not found:
            raise ExportError(f"passage {item.ref!r}: source {src_id!r} has {len(passages)} passages")
        p = found[0]
        return src_id, n, _one_line(p.text), f"p. {p.page}"

    def item_passage(self, item: Item) -> None:
        src_id, n, text, locator = self.passage(item)
        src = self.c.sources[src_id]
        if item.position:
            self.add("para", Text(item.position, bold=True), Text(" (aangepaste lijn)", italic=True))
        self.add("para", Text("Passage uit ", italic=True), Text(citations.cite_short(src, locator)))
        self.add("quote", Text(text), self.cite(src_id, locator))
        self.carried_warnings(self.carried_ids(item), "Deze passage")

    def carried_warnings(self, ids, what: str) -> None:
        """'LET OP: vervangen standpunt. <what> herhaalt het standpunt van <date> (“<position>”[^n]);
        dat is vervangen door het standpunt van <date>: “<position>”[^m]', one per statement."""
        for sid in ids:
            st = self.c.statements[sid]
            latest = self.c.statements.get(self.c.latest_in_chain(sid))
            inl: list[Inline] = [
                Text(f"{SUPERSEDED_FLAG}. ", bold=True),
                Text(f"{what} herhaalt het standpunt van {self.statement_date(st)} (“"),
                *self.prose(st.position), Text("”"), self.cite(st.source, st.locator), Text(")"),
            ]
            if latest is not None:
                inl += [Text(f"; dat is vervangen door het standpunt van {self.statement_date(latest)}: “"),
                        *self.prose(latest.position), Text("”"), self.cite(latest.source, latest.locator)]
            inl.append(Text("."))
            self.add("warning", *inl)

    def item_commitment(self, item: Item) -> None:
        cm: Commitment = self.c.commitments[item.ref]
        self.adapted(item, cm.text, "Toezegging volgens de kennisbank")
        if cm.quote:
            self.add("quote", Text(cm.quote), self.cite(cm.source, cm.locator))
            self.carried_warnings(self.carried_ids(item), "Dit citaat")
        inf = cm.inferred
        status: list[Inline] = [Text("Status: ", bold=True), Text(STATUS_NL.get(cm.status, cm.status))]
        if cm.fulfilled_by:
            # "nagekomen met Kamerstuk 33 694, nr. 45[^n]": the source that kept the promise.
            fsrc = self.use_source(cm.fulfilled_by)
            joint = " met " if cm.status in ("fulfilled", "partially-fulfilled") else "; zie "
            status += [Text(f"{joint}{citations.cite_short(fsrc)}"), self.cite(cm.fulfilled_by)]
        if "status" in inf or "fulfilled_by" in inf:
            status.append(Text(f" ({INFERRED})"))
        self.add("bullet", *status)
        for label, name, value in (
            ("Toegezegd door", "made_by", cm.made_by),
            ("Waar", "made_at", cm.made_at),
            ("Wanneer", "made_on", format_nl(cm.made_on) if cm.made_on else None),
        ):
            if value:
                inl = self.prose(value) if name != "made_on" else [Text(value)]
                if name in inf:
                    inl.append(Text(f" ({INFERRED})"))
                self.add("bullet", Text(f"{label}: ", bold=True), *inl)
        # cm.evidence is the editor's reasoning for the status (ids, English): not for the minister.

    def item_motion(self, item: Item) -> None:
        mo: Motion = self.c.motions[item.ref]
        self.adapted(item, _motion_label(mo), "Motie")
        inf = mo.inferred
        if mo.kamerstuk:
            number = f"Kamerstuk {citations.format_dossier(mo.kamerstuk.dossier)}, nr. {mo.kamerstuk.number}"
            self.add("bullet", Text("Nummer: ", bold=True), Text(citations.mark_inferred(number, "kamerstuk" in inf)))
        if mo.submitters:
            people = ", ".join(f"{p.name} ({p.party})" if p.party else p.name for p in mo.submitters)
            self.add("bullet", Text("Indieners: ", bold=True), Text(citations.mark_inferred(people, "submitters" in inf)))
        if mo.date:
            self.add("bullet", Text("Datum: ", bold=True), Text(citations.mark_inferred(format_nl(mo.date), "date" in inf)))
        if mo.status:
            status = self.prose(mo.status)
            if "status" in inf:
                status.append(Text(f" ({INFERRED})"))
            self.add("bullet", Text("Status: ", bold=True), *status)
        if mo.request:
            self.add("para", Text("Verzoek:", italic=True))
            if mo.request_source:
                self.add("quote", Text(mo.request), self.cite(mo.request_source, mo.request_locator or None))
            else:
                self.add("quote", Text(mo.request))
        if mo.follow_up:
            self.add("para", Text("Opvolging:", italic=True))
            for fu in mo.follow_up:
                ref = self.cite(fu.source, fu.locator or None)
                if fu.summary:
                    self.add("para", *self.prose(fu.summary), ref)
                if fu.quote:
                    self.add("quote", Text(fu.quote), ref)
                    self.carried_warnings(self.carried.in_text(fu.source, fu.quote), "Deze opvolging")

    def item_qa(self, item: Item) -> None:
        qa: QA = self.c.qa[item.ref]
        src = self.use_source(qa.source)
        if item.position:
            self.add("para", Text(item.position, bold=True), Text(" (aangepaste lijn)", italic=True))
        self.add("para", Text(f"Vraag {qa.number}", bold=True), Text(f" ({citations.cite_short(src)})"))
        self.add("quote", Text(qa.question), self.cite(qa.source, f"Vraag {qa.number}"))
        if qa.answer:
            self.add("para", Text("Antwoord", bold=True))
            self.add("quote", Text(qa.answer), self.cite(qa.source, qa.answer_locator))
            self.carried_warnings(self.carried_ids(item), "Dit antwoord")
        drawn = [self.c.statements[s] for s in qa.statements if s in self.c.statements]
        if drawn:
            # Each with its date and citation; one that has since been replaced carries the same
            # flag as in Standpunten, with what replaced it: an old answer is history, not the line.
            self.add("para", Text("Standpunten uit dit antwoord:", italic=True))
            for st in drawn:
                inl: list[Inline] = [Text(f"{self.statement_date(st)}: ", bold=True), *self.prose(st.position), self.cite(st.source, st.locator)]
                if self.c.is_current(st.id) and not self.c.updated_by(st.id):
                    inl.append(Text(f" ({self.current_label(st)})", italic=True))
                else:
                    inl += self.superseded_inline(st) + self.updated_inline(st)
                self.add("bullet", *inl)

    # --- bronnen ---------------------------------------------------------------------------
    def source_list(self) -> None:
        if not self.sources_used:
            return
        self.add("heading", Text("Bronnen"), level=1)
        for source_id in chronological(self.c, self.sources_used):
            src = self.c.sources[source_id]
            inl: list[Inline] = [Text(citations.source_list_entry(src))]
            if citations.incomplete_mark(src):
                inl.append(Text(citations.incomplete_mark(src), italic=True))
            url = safe_url(citations.source_url(src))
            if url:
                inl += [Text(". "), Link(url, url)]
                if citations.link_inferred(src):
                    inl.append(Text(f" ({INFERRED})"))
            self.add("bullet", *inl)


def superseded_in_answers(briefing: Briefing, corpus: Corpus) -> list[tuple[str, str]]:
    """(qa id, statement id) for each superseded statement drawn from the answer of a qa item."""
    out: list[tuple[str, str]] = []
    for _, _, item in briefing.items():
        qa = corpus.qa.get(item.ref) if item.kind == "qa" else None
        if qa is None:
            continue
        for sid in qa.statements:
            if sid in corpus.statements and not corpus.is_current(sid) and (item.ref, sid) not in out:
                out.append((item.ref, sid))
    return out


def chronological(corpus: Corpus, source_ids: list[str]) -> list[str]:
    """Sources oldest first, as the source list shows them.

    A date of known precision is an interval ("2021" is 1 January to 31 December 2021). A source
    whose interval lies wholly before another's comes first. When two intervals overlap, the
    knowledge base decides where it can: a source with a statement that supersedes a statement
    of the other comes after it (the progress letter dated only "2021" after the answers of 22
    maart 2021 whose positions it replaced). Otherwise the earliest first day, then the shortest
    interval, then the title. Sources without a (valid) date come last.
    """
    ids = list(dict.fromkeys(source_ids))
    follows: dict[str, set[str]] = {}  # source -> sources it must come after (supersession)
    wanted = set(ids)
    for st in corpus.statements.values():
        for old_id in st.supersedes:
            old = corpus.statements.get(old_id)
            if old is not None and old.source != st.source and st.source in wanted and old.source in wanted:
                follows.setdefault(st.source, set()).add(old.source)

    def interval(source_id: str):
        value = corpus.sources[source_id].date
        try:
            return bounds(value) if value else None
        except ValueError:
            return None

    spans = {s: interval(s) for s in ids}
    dated = [s for s in ids if spans[s] is not None]
    undated = sorted((s for s in ids if spans[s] is None), key=lambda s: (corpus.sources[s].title, s))

    def before(a: str, b: str) -> bool:
        (a_lo, a_hi), (b_lo, b_hi) = spans[a], spans[b]  # type: ignore[misc]
        if a_hi < b_lo:
            return True
        if b_hi < a_lo:
            return False
        return a in follows.get(b, set()) and b not in follows.get(a, set())

    def key(s: str):
        lo, hi = spans[s]  # type: ignore[misc]
        return (lo, hi, corpus.sources[s].title, s)

    preds = {b: {a for a in dated if a != b and before(a, b)} for b in dated}
    placed: list[str] = []
    left = set(dated)
    while left:
        ready = [s for s in left if not (preds[s] & left)]
        nxt = min(ready or left, key=key)  # a cycle (contradictory data): fall back to the dates
        placed.append(nxt)
        left.remove(nxt)
    return placed + undated


def _shows(item: Item) -> bool:
    """An empty note (just added in the app, not yet written) adds nothing to the pack."""
    return item.kind != "note" or bool(item.ref.strip() or (item.comment or "").strip())


def _motion_label(mo: Motion) -> str:
    return mo.title


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _lines(text: str) -> list[Inline]:
    """A multi-line text of the officer: each non-empty line kept, joined by line breaks."""
    out: list[Inline] = []
    for line in (ln.strip() for ln in text.splitlines()):
        if not line:
            continue
        if out:
            out.append(Break())
        out.append(Text(" ".join(line.split())))
    return out


from briefing_tui.export import debate_sections  # noqa: E402  (it builds with _Builder's blocks)


def build_pack(briefing: Briefing, corpus: Corpus) -> Pack:
    """The pack's content; raises ExportError when an id in the briefing is not in the corpus."""
    problems = collect_warnings(briefing, corpus)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ExportError(
            f"the briefing refers to {len(errors)} thing(s) that are not in the knowledge base", errors
        )
    pack = _Builder(briefing, corpus).build()
    pack.warnings = [p for p in problems if p.severity != "error"]
    pack.briefing = briefing.name
    return pack
