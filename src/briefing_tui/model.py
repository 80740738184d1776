"""The content model: what the knowledge base holds, independent of files, index or UI.

Records are plain frozen dataclasses. `Corpus` holds them all, with the derived relations
(which statement supersedes which) computed once when the corpus is built.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from briefing_tui.dates import date_sort_key
from briefing_tui.wording import describe

SOURCE_KINDS = ("kamerbrief", "antwoorden", "kabinetsreactie", "motie", "vragen", "verslag", "advies", "toezegging", "other")
COMMITMENT_STATUSES = ("open", "fulfilled", "partially-fulfilled", "lapsed", "unknown")
# The one empty map of every record without inferred fields or updates, loaded from YAML or read
# back from the snapshot (a million statements held a million empty dicts: 64 MB); never mutated.
NO_ENTRIES: dict[str, str] = {}


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong, at `path:line`: a `code` ("content.unknown_field") with its `data`.

    The core says what is wrong as a code with plain data; the words (Dutch) come from
    `briefing_tui.wording`, which every surface uses. `str(problem)` is `path:line: text`.
    """

    path: str
    line: int
    code: str
    data: dict[str, Any] = field(default_factory=dict, hash=False)
    severity: str = "error"  # "error" | "warning"

    @property
    def message(self) -> str:
        return describe(self)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else "waarschuwing: "
        return f"{self.path}:{self.line}: {prefix}{self.message}"


@dataclass(frozen=True, slots=True)
class Loc:
    """Where a record was defined: file path (as reported) and 1-based line."""

    path: str = ""
    line: int = 0


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    role: str | None = None
    party: str | None = None


@dataclass(frozen=True, slots=True)
class Kamerstuk:
    dossier: str  # stored form (briefing_tui.dossiers): "33694", "21501-02", "35925-X"
    number: str
    year: str | None = None  # vergaderjaar "2018-2019"


@dataclass(frozen=True, slots=True)
class Aanhangsel:
    year: str  # "2018-2019"
    number: str


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    kind: str
    title: str
    date: str | None = None
    ministers: tuple[Person, ...] = ()
    ministry: str | None = None
    members: tuple[Person, ...] = ()
    kamerstuk: Kamerstuk | None = None
    aanhangsel: Aanhangsel | None = None
    url: str | None = None
    summary: str | None = None
    notes: str | None = None
    seed_file: str | None = None
    inferred: dict[str, str] = field(default_factory=dict)
    # Metadata established from the official publication: field -> the publication's id or URL
    # (and what it says). The third state beside stated in the text (no entry) and `inferred`.
    established: dict[str, str] = field(default_factory=dict)
    # Imported sources (docs/import.md): the Kamervragen number the text states, links between a
    # questions document and its answers, and field -> evidence for metadata the importer detected.
    kamervragen: str | None = None
    answers: str | None = None
    answered_by: str | None = None
    detected: dict[str, str] = field(default_factory=dict)
    text_path: str = ""  # absolute path of the .txt
    loc: Loc = Loc()

    def is_inferred(self, name: str) -> bool:
        return name in self.inferred

    def metadata_state(self, name: str) -> str:
        """'established' (from the official publication), 'inferred' or 'stated' (in the text)."""
        return "established" if name in self.established else "inferred" if name in self.inferred else "stated"

    def citation_gaps(self) -> tuple[str, ...]:
        """What a full citation needs and this source lacks: 'number' (no Kamerstuk or Aanhangsel
        number) and 'date' (no exact day)."""
        gaps = []
        if self.kamerstuk is None and self.aanhangsel is None:
            gaps.append("number")
        if not self.date or len(self.date) != 10:
            gaps.append("date")
        return tuple(gaps)


@dataclass(frozen=True, slots=True)
class Statement:
    id: str
    topic: str
    position: str
    quote: str
    source: str
    locator: str
    domains: tuple[str, ...] = ()
    forums: tuple[str, ...] = ()
    supersedes: tuple[str, ...] = ()
    # Older statements of the topic this one updates: the old line still holds in part. Maps the
    # old id to what of it still holds (Dutch, own words; shown in timelines and packs).
    updates: dict[str, str] = field(default_factory=dict)
    date: str | None = None  # only when it differs from the source's date
    note: str | None = None
    key: bool = False  # the key position of its topic: first for a broad query on the topic
    home: str = ""  # "domains/laws" or "forums/ccw": the file it is filed in
    inferred: dict[str, str] = field(default_factory=dict)
    loc: Loc = Loc()


@dataclass(frozen=True, slots=True)
class Area:
    """A domain (technology area) or a forum."""

    id: str
    kind: str  # "domain" | "forum"
    name: str
    description: str = ""
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    inferred: dict[str, str] = field(default_factory=dict)
    loc: Loc = Loc()


@dataclass(frozen=True, slots=True)
class Commitment:
    id: str
    text: str
    quote: str
    source: str
    locator: str = ""
    made_by: str | None = None
    made_at: str | None = None
    made_on: str | None = None
    status: str = "unknown"
    fulfilled_by: str | None = None
    evidence: str | None = None
    domains: tuple[str, ...] = ()
    forums: tuple[str, ...] = ()
    inferred: dict[str, str] = field(default_factory=dict)
    # The Kamer's own record (open data Toezegging, see docs/import.md): nummer, status,
    # datum_nakoming, kamerbrief_nakoming, ministerie, toegezegd_aan, id, bijgewerkt.
    official: dict[str, str] = field(default_factory=dict)
    # The due range where the one parsed from the wording is wrong: {"from", "to", "evidence"}
    # (partial ISO dates; neither date: no deadline). See briefing_tui.deadlines.
    due: dict[str, str] | None = None
    loc: Loc = Loc()


@dataclass(frozen=True, slots=True)
class Vote:
    """How a fractie voted on a motion (open data Stemming)."""

    fractie: str
    vote: str  # "Voor" | "Tegen" | "Niet deelgenomen"
    seats: int | None = None  # fractieGrootte
    mistake: bool = False  # vergissing: recorded in error


@dataclass(frozen=True, slots=True)
class FollowUp:
    source: str
    quote: str
    locator: str = ""
    summary: str = ""
    loc: Loc = Loc()


@dataclass(frozen=True, slots=True)
class Motion:
    id: str
    title: str
    # The request ("verzoekt de regering ...") verbatim, and the source that quotes it. Empty when
    # no source quotes it (e.g. an amendment known only by name): never paraphrased.
    request: str = ""
    request_source: str | None = None
    request_locator: str = ""  # where request_source quotes it ("Vraag 1")
    kamerstuk: Kamerstuk | None = None
    submitters: tuple[Person, ...] = ()
    date: str | None = None
    status: str | None = None
    follow_up: tuple[FollowUp, ...] = ()
    domains: tuple[str, ...] = ()
    forums: tuple[str, ...] = ()
    inferred: dict[str, str] = field(default_factory=dict)
    # The Kamer's own record (open data Zaak + Besluit, see docs/import.md): zaak, kabinetsappreciatie,
    # besluit, stemmingssoort, voor, tegen, id, bijgewerkt; and the votes per fractie.
    official: dict[str, str] = field(default_factory=dict)
    votes: tuple[Vote, ...] = ()
    loc: Loc = Loc()


@dataclass(frozen=True, slots=True)
class QA:
    id: str
    source: str
    number: int
    question: str
    answer_locator: str
    answer: str = ""
    statements: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    forums: tuple[str, ...] = ()
    inferred: dict[str, str] = field(default_factory=dict)
    loc: Loc = Loc()


@dataclass
class Corpus:
    """Everything loaded from one content folder, plus the problems found while loading.

    One type, always complete for what it was loaded with (`content.load_content`): the records,
    the problems, which source texts could not be read, the content files read, and (when the
    loader was asked for them, as `briefing check` does) the line of every field.
    """

    root: str = ""
    sources: dict[str, Source] = field(default_factory=dict)
    statements: dict[str, Statement] = field(default_factory=dict)
    domains: dict[str, Area] = field(default_factory=dict)
    forums: dict[str, Area] = field(default_factory=dict)
    commitments: dict[str, Commitment] = field(default_factory=dict)
    motions: dict[str, Motion] = field(default_factory=dict)
    qa: dict[str, QA] = field(default_factory=dict)
    synonyms: list[tuple[str, ...]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # (kind, id) -> field name -> line ("" for the record's own line); "synonyms" groups by index
    field_lines: dict[tuple[str, str], dict[str, int]] = field(default_factory=dict, repr=False)
    unreadable_texts: set[str] = field(default_factory=set, repr=False)  # source ids
    files: list[str] = field(default_factory=list, repr=False)  # content files read (display paths)
    _superseded_by: dict[str, str] = field(default_factory=dict, repr=False)
    _updated_by: dict[str, str] = field(default_factory=dict, repr=False)
    _texts: dict[str, str] = field(default_factory=dict, repr=False)
    _by_topic: dict[str, list[str]] = field(default_factory=dict, repr=False)  # topic -> statement ids

    def line_of(self, kind: str, record_id: str, name: str, default: int = 0) -> int:
        """Line of a record's field (falls back to the record's line, then `default`)."""
        lines = self.field_lines.get((kind, record_id))
        if lines:
            return lines.get(name, lines.get("", default))
        return default

    def set_text(self, source_id: str, text: str) -> None:
        """Hold a source's text (as read by the loader, or changed in memory)."""
        self._texts[source_id] = text

    def link(self) -> "Corpus":
        """Compute derived relations; call after all records are added."""
        self._superseded_by = supersession(
            (st.id, st.supersedes, self.statement_date(st)) for st in self.statements.values() if st.supersedes)
        self._updated_by = supersession(
            (st.id, tuple(st.updates), self.statement_date(st)) for st in self.statements.values() if st.updates)
        by_topic: dict[str, list[str]] = {}
        for st in self.statements.values():
            by_topic.setdefault(st.topic, []).append(st.id)
        self._by_topic = by_topic
        return self

    # --- statements over time -------------------------------------------------------------
    def statement_date(self, st: Statement) -> str | None:
        return st.date or self.source_date(st.source)

    def source_date(self, source_id: str | None) -> str | None:
        src = self.sources.get(source_id) if source_id else None
        return src.date if src else None

    def superseded_by(self, statement_id: str) -> str | None:
        return self._superseded_by.get(statement_id)

    def updated_by(self, statement_id: str) -> str | None:
        """The newer statement that updates this one (it still holds in part), if any."""
        return self._updated_by.get(statement_id)

    def still_holds(self, statement_id: str) -> str | None:
        """What of an updated statement still holds, in the words of the statement updating it."""
        newer = self.statements.get(self._updated_by.get(statement_id) or "")
        return newer.updates.get(statement_id) if newer is not None else None

    def is_current(self, statement_id: str) -> bool:
        return statement_id not in self._superseded_by

    def latest_in_chain(self, statement_id: str) -> str:
        """Follow `superseded_by` to the statement that is current now."""
        seen = {statement_id}
        current = statement_id
        while (nxt := self._superseded_by.get(current)) and nxt not in seen:
            seen.add(nxt)
            current = nxt
        return current

    def timeline(self, topic: str) -> list[Statement]:
        """Statements of a topic, oldest first.

        Supersession wins over dates: a statement always comes after the ones it supersedes, even
        when a partial date ("2021") would sort it before them ("2021-03-22"). Otherwise by date.
        """
        found = (self.statements.get(sid) for sid in self._by_topic.get(topic, ()))
        items = {s.id: s for s in found if s is not None and s.topic == topic}
        order = sorted(items.values(), key=lambda s: (date_sort_key(self.statement_date(s)), s.id))
        placed: list[Statement] = []
        done: set[str] = set()

        def place(st: Statement, visiting: frozenset[str]) -> None:
            if st.id in done or st.id in visiting:  # cycles are reported by `briefing check`
                return
            for old in (*st.supersedes, *st.updates):
                if old in items:
                    place(items[old], visiting | {st.id})
            done.add(st.id)
            placed.append(st)

        for st in order:
            place(st, frozenset())
        return placed

    def has_history(self, statement_id: str) -> bool:
        """Whether a statement is part of a change of position (supersedes or updates another, or
        is superseded or updated)."""
        st = self.statements.get(statement_id)
        return bool(st and (st.supersedes or st.updates or statement_id in self._superseded_by
                            or statement_id in self._updated_by))

    # --- texts ---------------------------------------------------------------------------
    def source_text(self, source_id: str) -> str:
        """The full text of a source, exactly as received: as the loader kept it, else read from
        its file (not kept: a large knowledge base is never held in memory whole)."""
        text = self._texts.get(source_id)
        if text is None:
            src = self.sources[source_id]
            with open(src.text_path, encoding="utf-8") as fh:
                text = fh.read()
        return text

    # --- lookup helpers --------------------------------------------------------------------
    def area(self, area_id: str) -> Area | None:
        return self.domains.get(area_id) or self.forums.get(area_id)

    def statements_in(self, area_id: str) -> list[Statement]:
        return [s for s in self.statements.values() if area_id in s.domains or area_id in s.forums]

    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def get(self, kind: str, item_id: str):
        """Look up a record by hit kind: statement, commitment, motion, qa, source."""
        table: dict[str, dict[str, Any]] = {
            "statement": self.statements,
            "commitment": self.commitments,
            "motion": self.motions,
            "qa": self.qa,
            "source": self.sources,
        }
        found = table.get(kind)
        return found.get(item_id) if found is not None else None


def supersession(claims: Iterable[tuple[str, tuple[str, ...], str | None]]) -> dict[str, str]:
    """old statement id -> the id of the statement that supersedes it, from the claims
    (statement id, the ids it supersedes, its date). When several statements claim the same
    predecessor the newest wins, by date and then by id: the same answer whatever order the
    claims come in (the index computes it from its rows, the corpus from its files)."""
    out: dict[str, str] = {}
    for sid, olds, _date in sorted(claims, key=lambda c: (date_sort_key(c[2]), c[0])):
        for old in olds:
            out[old] = sid
    return out


def unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))
