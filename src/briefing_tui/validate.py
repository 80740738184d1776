"""Validate a loaded corpus: `check(corpus) -> list[Problem]`.

The loader (`briefing_tui.content`) already reports what is wrong with the shape of each file:
unreadable files, unknown keys, missing or mistyped fields, malformed and duplicate ids. `check`
returns those problems plus everything that needs the whole corpus:

- values: source kinds, Kamervragen numbers, commitment statuses, dates (YYYY, YYYY-MM or YYYY-MM-DD), topic keys,
  Kamerstuk and Aanhangsel numbers;
- references: statement -> source, supersedes and updates -> statement (same topic, not newer,
  no cycle; an update says what still holds);
  source -> answers / answered_by (imported sources); commitment -> source / fulfilled_by; motion -> request_source / follow-up sources;
  qa -> source / statements; domains and forums lists -> domain and forum files; forum parent
  -> forum;
- quotes: every statement quote, commitment quote, motion request, follow-up quote, question and
  answer stands verbatim in its source (see `briefing_tui.quotes`; a quote may also run across
  page furniture, matched against the passage texts of `briefing_tui.passages`);
- warnings (never failing): a statement, commitment or follow-up quote cut mid-sentence without
  "(…)" where it was cut; a topic with several current statements of different dates
  (probably a missing `supersedes`), an `inferred` (or `detected`) entry for a field that is
  not set, a
  fulfilled commitment without `fulfilled_by`, a topic whose first part is no domain or forum,
  a synonym term in two groups; the loader adds source texts without metadata and vice versa.

Each problem points at the line of the field concerned.
"""

from __future__ import annotations

import re
from typing import Iterable

from briefing_tui.dates import definitely_before, is_valid
from briefing_tui.deadlines import validate_due
from briefing_tui.dossiers import is_stored_dossier, parse_dossier, parse_zaak
from briefing_tui.model import Corpus, Problem, Statement
from briefing_tui.quotes import QuoteIndex, cut_ends, longest_matching_prefix, normalise_quote, source_quote_index

TOPIC_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*(/[a-z0-9][a-z0-9._-]*)+$")
NUMBER_RE = re.compile(r"^\d+$")
YEAR_RE = re.compile(r"^(\d{4})-(\d{4})$")

__all__ = ["check", "source_quote_index"]


def _closest(index: QuoteIndex, quote: str) -> str:
    """The longest leading part of the quote that the index contains."""
    return longest_matching_prefix(index, quote)


class _Checker:
    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.out: list[Problem] = []
        self._indexes: dict[str, QuoteIndex | None] = {}

    # -- reporting --
    def error(self, path: str, line: int, code: str, **data) -> None:
        self.out.append(Problem(path, line, code, data))

    def warning(self, path: str, line: int, code: str, **data) -> None:
        self.out.append(Problem(path, line, code, data, "warning"))

    def line(self, kind: str, rid: str, name: str, default: int) -> int:
        return self.corpus.line_of(kind, rid, name, default)

    # -- shared checks --
    def date(self, kind: str, rid: str, loc, name: str, value: str | None) -> None:
        if value is not None and not is_valid(value):
            self.error(loc.path, self.line(kind, rid, name, loc.line), "check.bad_date", kind=kind, id=rid, field=name, value=value)

    def source_ref(self, kind: str, rid: str, loc, name: str, value: str | None) -> bool:
        if not value:
            return False
        if value not in self.corpus.sources:
            self.error(loc.path, self.line(kind, rid, name, loc.line), "check.unknown_source", kind=kind, id=rid,
                       field=name, value=value, hint=_near(value, self.corpus.sources))
            return False
        return True

    def areas(self, kind: str, rid: str, loc, domains: Iterable[str], forums: Iterable[str]) -> None:
        for name, ids, table, other in (
            ("domains", domains, self.corpus.domains, self.corpus.forums),
            ("forums", forums, self.corpus.forums, self.corpus.domains),
        ):
            for area_id in ids:
                if area_id in table:
                    continue
                code = "check.area_in_wrong_list" if area_id in other else "check.unknown_area"
                self.error(loc.path, self.line(kind, rid, name, loc.line), code, kind=kind, id=rid, field=name,
                           value=area_id, hint=_near(area_id, table))

    def inferred(self, kind: str, rid: str, loc, inferred: dict[str, str], record: object, name: str = "inferred") -> None:
        for key in inferred:
            value = getattr(record, key, _MISSING)
            line = self.line(kind, rid, name, loc.line)
            if value is _MISSING:
                self.warning(loc.path, line, "check.inferred_unknown_field", kind=kind, id=rid, field=name, key=key)
            elif value in (None, "", (), {}):
                self.warning(loc.path, line, "check.inferred_unset_field", kind=kind, id=rid, field=name, key=key)

    def quote(self, kind: str, rid: str, loc, name: str, quote: str, source_id: str | None, line: int | None = None) -> bool:
        """Whether the quote stands verbatim in its source (an error when it does not)."""
        if not quote or not source_id or source_id not in self.corpus.sources:
            return False
        index = self.index(source_id)
        if index is None:
            return False
        if index.contains(quote):
            return True
        near = _closest(index, quote)
        where = line if line is not None else self.line(kind, rid, name, loc.line)
        if near:
            total = len(normalise_quote(quote).split(" "))
            self.error(loc.path, where, "check.quote_partly", kind=kind, id=rid, field=name, source=source_id,
                       matched=len(near.split(" ")), total=total, near=_tail(near))
        else:
            self.error(loc.path, where, "check.quote_absent", kind=kind, id=rid, field=name, source=source_id)
        return False

    def cut(self, kind: str, rid: str, loc, name: str, quote: str, line: int | None = None) -> None:
        """A quote cut mid-sentence says so with "(…)" where it was cut (a warning). Only for
        quotes found verbatim (`quote` returned True)."""
        at_start, at_end = cut_ends(quote)
        where = line if line is not None else self.line(kind, rid, name, loc.line)
        if at_start:
            self.warning(loc.path, where, "check.quote_cut_start", kind=kind, id=rid, field=name)
        if at_end:
            self.warning(loc.path, where, "check.quote_cut_end", kind=kind, id=rid, field=name)

    def index(self, source_id: str) -> QuoteIndex | None:
        if source_id not in self._indexes:
            if source_id in self.corpus.unreadable_texts:
                self._indexes[source_id] = None  # the loader reported the text; no quote can be checked
            else:
                try:
                    text = self.corpus.source_text(source_id)
                except (OSError, UnicodeDecodeError) as exc:
                    src = self.corpus.sources[source_id]
                    self.error(src.loc.path, src.loc.line, "check.text_unreadable", id=source_id, reason=str(exc))
                    self._indexes[source_id] = None
                else:
                    self._indexes[source_id] = source_quote_index(text)
        return self._indexes[source_id]

    # -- per kind --
    def sources(self) -> None:
        for src in self.corpus.sources.values():
            loc = src.loc
            self.date("source", src.id, loc, "date", src.date)
            if src.kamerstuk:
                ks = src.kamerstuk
                self.kamerstuk("source", src.id, loc, ks.dossier, ks.number, ks.year)
            if src.aanhangsel:
                line = self.line("source", src.id, "aanhangsel", loc.line)
                if not NUMBER_RE.match(src.aanhangsel.number):
                    self.error(loc.path, line, "check.aanhangsel_number", id=src.id, value=src.aanhangsel.number)
                self.vergaderjaar("source", src.id, loc, line, src.aanhangsel.year)
            if src.url and not src.url.startswith(("https://", "http://")):
                self.error(loc.path, self.line("source", src.id, "url", loc.line), "check.url", id=src.id, value=src.url)
            self.inferred("source", src.id, loc, src.inferred, src)
            self.inferred("source", src.id, loc, src.established, src, name="established")
            for key in sorted(set(src.inferred) & set(src.established)):
                self.error(loc.path, self.line("source", src.id, "established", loc.line),
                           "check.inferred_and_established", id=src.id, field=key)
            self.citation(src)
            for name in ("answers", "answered_by"):
                self.source_ref("source", src.id, loc, name, getattr(src, name))
            kv = src.kamervragen
            if kv and parse_zaak(kv) != kv:
                self.error(loc.path, self.line("source", src.id, "kamervragen", loc.line), "check.kamervragen", id=src.id, value=kv)
            if src.detected:
                self.inferred("source", src.id, loc, src.detected, src, name="detected")

    def citation(self, src) -> None:
        """A warning for a source that cannot be cited in full: no Kamerstuk or Aanhangsel number,
        or no exact date (complete it with `briefing source set`)."""
        gaps = src.citation_gaps()
        if "number" in gaps:
            self.warning(src.loc.path, src.loc.line, "check.citation_no_number", id=src.id)
        if "date" in gaps:
            self.warning(src.loc.path, self.line("source", src.id, "date", src.loc.line), "check.citation_no_date",
                         id=src.id, date=src.date or "geen")

    def kamerstuk(self, kind: str, rid: str, loc, dossier: str, number: str, year: str | None) -> None:
        line = self.line(kind, rid, "kamerstuk", loc.line)
        if not is_stored_dossier(dossier):
            stored = parse_dossier(dossier)
            if stored:  # another written form of a real dossier number: say how to store it
                self.error(loc.path, line, "check.dossier_stored_form", kind=kind, id=rid, value=dossier, stored=stored)
            else:
                self.error(loc.path, line, "check.dossier", kind=kind, id=rid, value=dossier)
        if not NUMBER_RE.match(number):
            self.error(loc.path, line, "check.kamerstuk_number", kind=kind, id=rid, value=number)
        if year is not None:
            self.vergaderjaar(kind, rid, loc, line, year)

    def vergaderjaar(self, kind: str, rid: str, loc, line: int, year: str) -> None:
        m = YEAR_RE.match(year)
        if not m or int(m.group(2)) != int(m.group(1)) + 1:
            self.error(loc.path, line, "check.vergaderjaar", kind=kind, id=rid, value=year)

    def areas_files(self) -> None:
        for forum in self.corpus.forums.values():
            if not forum.parent:
                continue
            line = self.line("forum", forum.id, "parent", forum.loc.line)
            if forum.parent not in self.corpus.forums:
                self.error(forum.loc.path, line, "check.unknown_parent", id=forum.id, value=forum.parent,
                           hint=_near(forum.parent, self.corpus.forums))
                continue
            seen = {forum.id}
            cur = forum.parent
            while cur:
                if cur in seen:
                    self.error(forum.loc.path, line, "check.parent_loop", id=forum.id, value=cur)
                    break
                seen.add(cur)
                nxt = self.corpus.forums.get(cur)
                cur = (nxt.parent or "") if nxt else ""
        for kind, table in (("domain", self.corpus.domains), ("forum", self.corpus.forums)):
            for area in table.values():
                self.inferred(kind, area.id, area.loc, area.inferred, area)

    def statements(self) -> None:
        corpus = self.corpus
        for st in corpus.statements.values():
            loc = st.loc
            if st.topic and TOPIC_RE.match(st.topic) and st.topic.split("/")[0] not in corpus.domains \
                    and st.topic.split("/")[0] not in corpus.forums:
                self.warning(loc.path, self.line("statement", st.id, "topic", loc.line), "check.topic_area",
                             id=st.id, value=st.topic)
            self.source_ref("statement", st.id, loc, "source", st.source)
            self.date("statement", st.id, loc, "date", st.date)
            self.areas("statement", st.id, loc, st.domains, st.forums)
            self.supersedes(st)
            if self.quote("statement", st.id, loc, "quote", st.quote, st.source):
                self.cut("statement", st.id, loc, "quote", st.quote)
            self.inferred("statement", st.id, loc, st.inferred, st)
        self.cycles()
        self.current_per_topic()

    def supersedes(self, st: Statement) -> None:
        """`supersedes` and `updates`: known, older statements of the same topic; an `updates`
        entry says what of the old line still holds (codes check.supersedes_* / check.updates_*)."""
        corpus = self.corpus
        for rel, olds in (("supersedes", st.supersedes), ("updates", tuple(st.updates))):
            line = self.line("statement", st.id, rel, st.loc.line)
            for old_id in olds:
                old = corpus.statements.get(old_id)
                if old is None:
                    self.error(st.loc.path, line, f"check.{rel}_unknown", id=st.id, value=old_id,
                               hint=_near(old_id, corpus.statements))
                    continue
                if old_id == st.id:
                    self.error(st.loc.path, line, f"check.{rel}_itself", id=st.id)
                    continue
                if old.topic != st.topic:
                    self.error(st.loc.path, line, f"check.{rel}_other_topic", id=st.id, topic=st.topic, value=old_id,
                               other_topic=old.topic)
                new_date, old_date = corpus.statement_date(st), corpus.statement_date(old)
                if new_date and old_date and is_valid(new_date) and is_valid(old_date) and definitely_before(new_date, old_date):
                    self.error(st.loc.path, line, f"check.{rel}_newer", id=st.id, date=new_date, value=old_id,
                               other_date=old_date)
                if rel == "updates" and not (st.updates.get(old_id) or "").strip():
                    self.error(st.loc.path, line, "check.updates_without_holds", id=st.id, value=old_id)
                if rel == "updates" and old_id in st.supersedes:
                    self.error(st.loc.path, line, "check.supersedes_and_updates", id=st.id, value=old_id)

    def cycles(self) -> None:
        statements = self.corpus.statements
        state: dict[str, int] = {}  # 1 = on the current path, 2 = done
        for start in statements:
            if state.get(start):
                continue
            stack = [(start, iter(statements[start].supersedes))]
            state[start] = 1
            while stack:
                sid, it = stack[-1]
                nxt = next(it, None)
                if nxt is None:
                    state[sid] = 2
                    stack.pop()
                    continue
                if nxt not in statements or nxt == sid:
                    continue
                if state.get(nxt) == 1:
                    st = statements[sid]
                    self.error(st.loc.path, self.line("statement", sid, "supersedes", st.loc.line),
                               "check.supersedes_cycle", id=sid, value=nxt)
                    continue
                if not state.get(nxt):
                    state[nxt] = 1
                    stack.append((nxt, iter(statements[nxt].supersedes)))

    def current_per_topic(self) -> None:
        corpus = self.corpus
        by_topic: dict[str, list[Statement]] = {}
        for st in corpus.statements.values():
            if st.topic and corpus.is_current(st.id) and not corpus.updated_by(st.id):
                by_topic.setdefault(st.topic, []).append(st)
        for topic, items in by_topic.items():
            if len(items) < 2:
                continue
            dated = [(d, s) for s in items if (d := corpus.statement_date(s)) and is_valid(d)]
            if not any(definitely_before(a, b) for a, _ in dated for b, _ in dated):
                continue
            newest = max(dated, key=lambda pair: (pair[0], pair[1].id))[1]
            others = [f"{s.id} ({d})" for d, s in sorted(dated, key=lambda p: (p[0], p[1].id))]
            self.warning(newest.loc.path, newest.loc.line, "check.several_current", topic=topic, n=len(items), others=others)

    def commitments(self) -> None:
        for c in self.corpus.commitments.values():
            loc = c.loc
            self.source_ref("commitment", c.id, loc, "source", c.source)
            self.source_ref("commitment", c.id, loc, "fulfilled_by", c.fulfilled_by)
            if c.status == "fulfilled" and not c.fulfilled_by:
                self.warning(loc.path, self.line("commitment", c.id, "status", loc.line), "check.fulfilled_without_source", id=c.id)
            self.date("commitment", c.id, loc, "made_on", c.made_on)
            if c.due is not None and (why := validate_due(c.due)) is not None:
                self.error(loc.path, self.line("commitment", c.id, "due", loc.line), why[0], id=c.id, **why[1])
            self.areas("commitment", c.id, loc, c.domains, c.forums)
            if self.quote("commitment", c.id, loc, "quote", c.quote, c.source):
                self.cut("commitment", c.id, loc, "quote", c.quote)
            self.inferred("commitment", c.id, loc, c.inferred, c)

    def motions(self) -> None:
        for m in self.corpus.motions.values():
            loc = m.loc
            if m.request and not m.request_source:
                self.error(loc.path, self.line("motion", m.id, "request", loc.line), "check.request_without_source", id=m.id)
            if m.request_source and not m.request:
                self.error(loc.path, self.line("motion", m.id, "request_source", loc.line), "check.source_without_request", id=m.id)
            self.source_ref("motion", m.id, loc, "request_source", m.request_source)
            if m.kamerstuk:
                self.kamerstuk("motion", m.id, loc, m.kamerstuk.dossier, m.kamerstuk.number, m.kamerstuk.year)
            self.date("motion", m.id, loc, "date", m.date)
            self.areas("motion", m.id, loc, m.domains, m.forums)
            self.quote("motion", m.id, loc, "request", m.request, m.request_source)
            for i, fu in enumerate(m.follow_up):
                key = f"{m.id}#{i}"
                if fu.source and fu.source not in self.corpus.sources:
                    self.error(fu.loc.path, self.line("follow_up", key, "source", fu.loc.line), "check.unknown_source",
                               kind="motion", id=m.id, field=f"follow_up[{i}] source", value=fu.source,
                               hint=_near(fu.source, self.corpus.sources))
                if self.quote("motion", m.id, fu.loc, f"follow_up[{i}] quote", fu.quote, fu.source,
                              line=self.line("follow_up", key, "quote", fu.loc.line)):
                    self.cut("motion", m.id, fu.loc, f"follow_up[{i}] quote", fu.quote,
                             line=self.line("follow_up", key, "quote", fu.loc.line))
            self.inferred("motion", m.id, loc, m.inferred, m)

    def qa(self) -> None:
        for q in self.corpus.qa.values():
            loc = q.loc
            self.source_ref("qa", q.id, loc, "source", q.source)
            for sid in q.statements:
                if sid not in self.corpus.statements:
                    self.error(loc.path, self.line("qa", q.id, "statements", loc.line), "check.qa_unknown_statement",
                               id=q.id, value=sid, hint=_near(sid, self.corpus.statements))
            self.areas("qa", q.id, loc, q.domains, q.forums)
            self.quote("qa", q.id, loc, "question", q.question, q.source)
            self.quote("qa", q.id, loc, "answer", q.answer, q.source)
            self.inferred("qa", q.id, loc, q.inferred, q)

    def synonyms(self) -> None:
        seen: dict[str, int] = {}
        path = next((f for f in self.corpus.files if f.endswith("synonyms.yaml")), "synonyms.yaml")
        from briefing_tui.search.query import MAX_GROUP_TERMS

        for i, group in enumerate(self.corpus.synonyms):
            if len(group) > MAX_GROUP_TERMS:
                self.warning(path, self.line("synonyms", str(i), "", 1), "check.synonym_group_large",
                             count=len(group), others=MAX_GROUP_TERMS - 1)
            for term in group:
                if term in seen and seen[term] != i:
                    first = self.line("synonyms", str(seen[term]), "", 1)
                    self.warning(path, self.line("synonyms", str(i), "", 1), "check.synonym_twice", term=term, first=first)
                seen.setdefault(term, i)

    def run(self) -> list[Problem]:
        self.sources()
        self.areas_files()
        self.statements()
        self.commitments()
        self.motions()
        self.qa()
        self.synonyms()
        # A value of the wrong form fails the schema's pattern and one of the checks above, which
        # word it for a reader ("moet de vorm '2019Z01633' hebben"): report it once, by the check.
        checked = {(p.path, p.line, p.data.get("value")) for p in self.out if "value" in p.data}
        loaded = [p for p in self.corpus.problems
                  if not (p.code == "schema.pattern" and (p.path, p.line, p.data.get("value")) in checked)]
        return loaded + self.out


_MISSING = object()


def _tail(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else "…" + text[-limit:]


def _near(value: str, known: Iterable[str]) -> str:
    """The closest known id to suggest, else ''."""
    import difflib

    known = list(known)
    if len(known) > 5000:  # suggestions are a courtesy; never make a large corpus slow
        return ""
    match = difflib.get_close_matches(value, known, n=1, cutoff=0.8)
    return match[0] if match else ""


def check(corpus: Corpus) -> list[Problem]:
    """All problems of a loaded corpus: the loader's plus cross-file checks (see module doc)."""
    return _Checker(corpus).run()
