"""The debate view: per agenda item what is current, what is promised and due, and who will ask what.

`readiness(briefing, corpus, today=None) -> Debate` joins a briefing's debate (date, agenda,
members) to the knowledge base:

- per agenda item: the current positions on its topics with their date, the open commitments on
  them (with the due range and whether it is overdue at the debate), the motions with their
  status, earlier questions, and warnings (superseded statements in the briefing, positions older
  than a year (as briefing_tui.currency judges it), overdue commitments not in the briefing, an agenda stuk the knowledge base does
  not hold). Every record says whether the briefing already holds it: what is missing shows at
  a glance;
- per member: their motions, amendments and questions (by name and party), the answers, the
  commitments that name them, and how their party voted where the knowledge base records votes;
- every commitment of the knowledge base with its due range and whether it is overdue.

The topics of an agenda stuk in the knowledge base are those of the statements, commitments,
motions and questions drawn from it; for a stuk the knowledge base does not hold, the domains and
forums whose name or alias its heading or citation names. Warnings are codes with data, worded by
the surfaces.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from functools import cached_property
from datetime import date

from briefing_tui.agenda import ResolvedEntry, names_member, parse_member, resolve, same_person
from briefing_tui.briefing import Briefing, Member
from briefing_tui.dates import bounds, date_sort_key, format_nl, is_valid
from briefing_tui.currency import MAX_AGE_DAYS
from briefing_tui.deadlines import Due, due_of, is_open, is_overdue, reference_day
from briefing_tui.model import Commitment, Corpus, Motion, Statement
from briefing_tui.textnorm import fold



@dataclass(frozen=True)
class Notice:
    """A warning about an agenda item: a code and its data (worded by `briefing_tui.wording`, wording/debate.py)."""

    code: str
    data: dict = field(default_factory=dict)


@dataclass
class Position:
    statement: Statement
    date: str | None
    in_briefing: bool


@dataclass
class CommitmentState:
    commitment: Commitment
    due: Due | None
    overdue: bool
    in_briefing: bool


@dataclass
class AgendaReadiness:
    resolved: ResolvedEntry
    areas: tuple[str, ...]
    positions: list[Position]
    commitments: list[CommitmentState]
    motions: list[Motion]
    questions: list[str]  # qa ids
    warnings: list[Notice]

    @property
    def heading(self) -> str:
        return self.resolved.entry.heading or self.resolved.label


@dataclass
class Vote:
    motion: str
    party: str
    vote: str


@dataclass
class MemberRecord:
    member: Member
    motions: list[Motion]
    amendments: list[Motion]
    questions: list[str]  # qa ids
    commitments: list[str]  # commitment ids
    votes: list[Vote]


@dataclass
class Debate:
    date: str | None
    on: datetime.date  # the day overdue is measured against (the debate, else today)
    agenda: list[AgendaReadiness]
    members: list[MemberRecord]
    commitments: list[CommitmentState]

    @property
    def dated(self) -> bool:
        """Whether overdue is measured against the debate's own date (else against today)."""
        return bool(self.date and is_valid(self.date))

    @property
    def overdue(self) -> list[CommitmentState]:
        return [c for c in self.commitments if c.overdue]


def is_amendment(motion: Motion) -> bool:
    return motion.id.startswith("amendement") or fold(motion.title).startswith("amendement")


# --- building ---------------------------------------------------------------------------------


def readiness(briefing: Briefing, corpus: Corpus, today: date | None = None) -> Debate:
    on = reference_day(briefing.date, today)
    held = {(item.kind, item.ref) for _, _, item in briefing.items()}
    states = {
        cid: _state(c, corpus, on, ("commitment", cid) in held) for cid, c in corpus.commitments.items()
    }
    lookup = _Lookup(corpus)
    agenda = [_agenda_item(entry, briefing, corpus, held, states, on, lookup) for entry in briefing.agenda]
    members = [_member(m, corpus) for m in briefing.members]
    ordered = sorted(states.values(), key=lambda s: (not s.overdue, not is_open(s.commitment),
                                                     s.due.end if s.due and s.due.end else "9999", s.commitment.id))
    return Debate(briefing.date, on, agenda, members, ordered)


def _state(c: Commitment, corpus: Corpus, on: date, in_briefing: bool) -> CommitmentState:
    due = due_of(c, corpus)
    return CommitmentState(c, due, is_overdue(c, due, on), in_briefing)


class _Lookup:
    """The statements by source, by topic (current ones) and by area: each built on first use,
    in one pass, once per `readiness`."""

    def __init__(self, corpus: Corpus):
        self.corpus = corpus

    @cached_property
    def by_source(self) -> dict[str, list[Statement]]:
        out: dict[str, list[Statement]] = {}
        for st in self.corpus.statements.values():
            out.setdefault(st.source, []).append(st)
        return out

    @cached_property
    def current_by_topic(self) -> dict[str, list[Statement]]:
        out: dict[str, list[Statement]] = {}
        is_current = self.corpus.is_current
        for st in self.corpus.statements.values():
            if is_current(st.id):
                out.setdefault(st.topic, []).append(st)
        return out

    @cached_property
    def topics_by_area(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for st in self.corpus.statements.values():
            for area in (*st.domains, *st.forums):
                out.setdefault(area, set()).add(st.topic)
        return out


def _areas_of_source(source_id: str, corpus: Corpus, lookup: _Lookup) -> tuple[set[str], list[Statement]]:
    areas: set[str] = set()
    statements = lookup.by_source.get(source_id, [])
    for st in statements:
        areas.update(st.domains)
        areas.update(st.forums)
    for c in corpus.commitments.values():
        if c.source == source_id:
            areas.update(c.domains)
            areas.update(c.forums)
    for q in corpus.qa.values():
        if q.source == source_id:
            areas.update(q.domains)
            areas.update(q.forums)
    return areas, statements


def _areas_named(text: str, corpus: Corpus) -> set[str]:
    """Domains and forums whose name or an alias the text names (whole words, folded)."""
    folded = fold(text)
    found = set()
    for area in list(corpus.domains.values()) + list(corpus.forums.values()):
        for name in (area.name, *area.aliases, area.id):
            n = fold(name).strip()
            if len(n) >= 2 and re.search(r"(?<![\w])" + re.escape(n) + r"(?![\w])", folded):
                found.add(area.id)
                break
    return found


def _agenda_item(entry, briefing: Briefing, corpus: Corpus, held: set, states: dict, on: date,
                 lookup: _Lookup) -> AgendaReadiness:
    resolved = resolve(entry, corpus)
    notices: list[Notice] = []
    if resolved.source is not None:
        areas, own = _areas_of_source(resolved.source, corpus, lookup)
        topics = {s.topic for s in own}
    else:
        areas = _areas_named(" ".join(filter(None, (entry.heading, entry.citation, entry.number))), corpus)
        topics = set().union(*(lookup.topics_by_area.get(a, set()) for a in areas))
        if areas:
            notices.append(Notice("debate.agenda_not_in_kb", {"label": resolved.label}))
        else:
            notices.append(Notice("debate.agenda_no_topics", {"label": resolved.label}))
    # Current positions: per topic, the statements that are current now.
    current = [s for t in topics for s in lookup.current_by_topic.get(t, ())]
    current.sort(key=lambda s: (s.topic, date_sort_key(corpus.statement_date(s)), s.id))
    positions = [Position(s, corpus.statement_date(s), ("statement", s.id) in held) for s in current]
    commitments = [
        states[c.id] for c in corpus.commitments.values()
        if is_open(c) and (c.source == resolved.source or areas & (set(c.domains) | set(c.forums)))
    ]
    commitments.sort(key=lambda s: (not s.overdue, s.commitment.id))
    motions = [
        m for m in corpus.motions.values()
        if areas & (set(m.domains) | set(m.forums))
        or (resolved.source and (m.request_source == resolved.source or any(f.source == resolved.source for f in m.follow_up)))
    ]
    questions = [
        q.id for q in corpus.qa.values() if q.source == resolved.source or areas & (set(q.domains) | set(q.forums))
    ]
    notices += _item_warnings(briefing, corpus, topics, areas, positions, commitments, on)
    return AgendaReadiness(resolved, tuple(sorted(areas)), positions, commitments, motions, questions, notices)


def _item_warnings(briefing: Briefing, corpus: Corpus, topics: set[str], areas: set[str], positions: list[Position],
                   commitments: list[CommitmentState], on: date) -> list[Notice]:
    out: list[Notice] = []
    for _, _, item in briefing.items():
        if item.kind == "statement" and item.ref in corpus.statements:
            st = corpus.statements[item.ref]
            if st.topic in topics and not corpus.is_current(st.id):
                by = corpus.latest_in_chain(st.id)
                out.append(Notice("debate.superseded_in_briefing", {
                    "id": st.id, "by": by, "label": short(st.position),
                    "date_nl": format_nl(corpus.statement_date(st)) or "datum onbekend",
                    "by_date_nl": format_nl(corpus.statement_date(corpus.statements[by])) or "datum onbekend"}))
        elif item.kind == "qa" and item.ref in corpus.qa:
            old = [sid for sid in dict.fromkeys(corpus.qa[item.ref].statements)
                   if sid in corpus.statements and corpus.statements[sid].topic in topics and not corpus.is_current(sid)]
            if old:
                out.append(Notice("debate.superseded_in_answer", {"id": item.ref, "number": corpus.qa[item.ref].number,
                                                                  "count": len(old)}))
        elif item.kind == "commitment" and item.ref in corpus.commitments:
            c = corpus.commitments[item.ref]
            if c.status == "fulfilled" and (set(c.domains) | set(c.forums)) & areas:
                out.append(Notice("debate.kept_in_briefing", {"id": c.id, "label": short(c.text)}))
    missing = [p for p in positions if not p.in_briefing]
    if positions and missing:
        out.append(Notice("debate.positions_missing", {"missing": len(missing), "total": len(positions)}))
    latest_by_topic: dict[str, str | None] = {}
    for p in positions:
        prev = latest_by_topic.get(p.statement.topic)
        if prev is None or date_sort_key(p.date) > date_sort_key(prev):
            latest_by_topic[p.statement.topic] = p.date
    # Stale as the pack judges it (briefing_tui.currency): the newest position on a topic ended
    # more than MAX_AGE_DAYS before the debate.
    stale = sorted(
        (when for when in latest_by_topic.values()
         if when and is_valid(when) and (on - bounds(when)[1]).days > MAX_AGE_DAYS),
        key=date_sort_key,
    )
    if stale:
        out.append(Notice("debate.stale_positions", {"count": len(stale), "total": len(latest_by_topic),
                                                      "date": stale[0], "date_nl": format_nl(stale[0])}))
    for s in commitments:
        if s.overdue and not s.in_briefing:
            end = s.due.end if s.due else None
            out.append(Notice("debate.overdue_not_in_briefing", {"id": s.commitment.id, "to": end,
                                                                 "label": short(s.commitment.text),
                                                                 "to_nl": format_nl(end) if end else "onbekend"}))
    return out


def short(text: str, limit: int = 60) -> str:
    """The start of an own-words text, for a line that names a record without its id."""
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- members ----------------------------------------------------------------------------------


def _member(member: Member, corpus: Corpus) -> MemberRecord:
    motions: list[Motion] = []
    amendments: list[Motion] = []
    for m in corpus.motions.values():
        if any(same_person(member, p.name, p.party) for p in m.submitters):
            (amendments if is_amendment(m) else motions).append(m)
    asked_in = {
        sid for sid, src in corpus.sources.items()
        if any(same_person(member, p.name, p.party) for p in src.members)
    }
    # Answers to their questions: qa items in the sources they put questions in or the answers to those.
    answer_sources = set(asked_in)
    for sid in asked_in:
        src = corpus.sources[sid]
        if src.answered_by:
            answer_sources.add(src.answered_by)
    for sid, src in corpus.sources.items():
        if src.answers and src.answers in asked_in:
            answer_sources.add(sid)
    questions = [q.id for q in corpus.qa.values() if q.source in answer_sources]
    own = {m.id for m in motions + amendments}
    commitments = [
        c.id for c in corpus.commitments.values()
        if c.source in answer_sources
        or _made_to(c, member)
        or any(names_member(member, t) for t in (c.text, c.quote, c.made_at or ""))
        or any(mid in (c.text or "") for mid in own)
    ]
    votes = [v for m in corpus.motions.values() for v in _votes_of(m, member)]
    return MemberRecord(member, motions, amendments, questions, commitments, votes)


def _votes_of(motion: Motion, member: Member) -> list[Vote]:
    """How the member's party voted on a motion, where the knowledge base records votes per
    fractie (a motion's `votes`, from the open data's Stemming); a vote recorded in error says so."""
    if not member.party:
        return []
    return [
        Vote(motion.id, v.fractie, v.vote + (" (vergissing)" if v.mistake else ""))
        for v in motion.votes
        if v.fractie and v.vote and _party(v.fractie) == _party(member.party)
    ]


def _party(name: str) -> str:
    return re.sub(r"[\s.\-/]+", "", fold(name))


def _made_to(commitment: Commitment, member: Member) -> bool:
    """Whether the Kamer's own record says the commitment was made to this member
    (`official.toegezegd_aan`, from the open data's Toezegging, where the knowledge base has it)."""
    to = commitment.official.get("toegezegd_aan")
    if not to:
        return False
    named = [parse_member(part) for part in re.split(r"[;,]| en ", to) if part.strip()]
    return any(same_person(member, p.name, p.party) for p in named)


# --- JSON -------------------------------------------------------------------------------------


def to_json(debate: Debate) -> dict:
    """The contract of `briefing debate --json` (docs/briefing-format.md, "The debate")."""
    from briefing_tui.wording import say

    def commitment(s: CommitmentState) -> dict:
        return {"id": s.commitment.id, "status": s.commitment.status, "due": s.due.to_json() if s.due else None,
                "overdue": s.overdue}

    def motion(m: Motion) -> dict:
        # what the cabinet did with it: the follow-ups, each with its source
        return {"id": m.id, "title": m.title, "status": m.status, "date": m.date,
                "decision": m.official.get("besluit") or None,  # the Kamer's decision (open data), e.g. "Aangenomen."
                "follow_up": [{"source": f.source, "locator": f.locator, "summary": f.summary} for f in m.follow_up]}

    agenda = []
    for a in debate.agenda:
        e = a.resolved.entry
        agenda.append({
            "item": {"heading": e.heading, "source": a.resolved.source, "number": e.number, "citation": e.citation,
                     "label": a.resolved.label, "in_knowledge_base": a.resolved.source is not None},
            "positions": [{"id": p.statement.id, "topic": p.statement.topic, "date": p.date, "in_briefing": p.in_briefing}
                          for p in a.positions],
            "commitments": [commitment(s) | {"in_briefing": s.in_briefing} for s in a.commitments],
            "motions": [motion(m) for m in a.motions],
            "questions": a.questions,
            "warnings": [say(n.code, **n.data) for n in a.warnings],
        })
    members = [{
        "name": r.member.name, "party": r.member.party,
        "motions": [motion(m) for m in r.motions],
        "amendments": [motion(m) for m in r.amendments],
        "questions": r.questions,
        "commitments": r.commitments,
        "votes": [{"motion": v.motion, "party": v.party, "vote": v.vote} for v in r.votes],
    } for r in debate.members]
    return {
        "date": debate.date,
        "agenda": agenda,
        "members": members,
        "commitments": [commitment(s) for s in debate.commitments],
    }
