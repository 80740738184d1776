"""Validate a loaded corpus: `check(corpus) -> list[Problem]`.

The loader (`briefing_tui.content`) already reports what is wrong with the shape of each file:
unreadable files, unknown keys, missing or mistyped fields, malformed and duplicate ids. `check`
returns those problems plus everything that needs the whole corpus:

- values: source kinds, Kamervragen numbers, commitment statuses, dates (YYYY, YYYY-MM or YYYY-MM-DD), topic keys,
  Kamerstuk and Aanhangsel numbers;
- references: statement -> source, supersedes -> statement (same topic, not newer, no cycle);
  source -> answers / answered_by (imported sources); commitment -> source / fulfilled_by; motion -> request_source / follow-up sources;
  qa -> source / statements; domains and forums lists -> domain and forum files; forum parent
  -> forum;
- quotes: every statement quote, commitment quote, motion request, follow-up quote, question and
  answer stands verbatim in its source (see `briefing_tui.quotes`; a quote may also run across
  page furniture, matched against the passage texts of `briefing_tui.passages`);
- warnings (never failing): a topic with several current statements of different dates
  (probably a missing `supersedes`), an `inferred` (or `detected`) entry for a field that is
  not set, a
  fulfilled commitment without `fulfilled_by`, a topic whose first part is no domain or forum,
  a synonym term in two groups; the loader adds source texts without metadata and vice versa.

Each problem points at the line of the field concerned.
"""

from __future__ import annotations

import re
from typing import Iterable

from briefing_tui.content import field_line, load_info
from briefing_tui.dates import definitely_before, is_valid
from briefing_tui.model import COMMITMENT_STATUSES, SOURCE_KINDS, Corpus, Problem, Statement
from briefing_tui.passages import split_source
from briefing_tui.quotes import QuoteIndex, longest_matching_prefix, normalise_quote

TOPIC_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*(/[a-z0-9][a-z0-9._-]*)+$")
DOSSIER_RE = re.compile(r"^\d+(-[A-Z]+)?$")
NUMBER_RE = re.compile(r"^\d+$")
YEAR_RE = re.compile(r"^(\d{4})-(\d{4})$")
KAMERVRAGEN_RE = re.compile(r"^\d{4}Z\d{5}$")

__all__ = ["check", "source_quote_index"]


def source_quote_index(text: str) -> QuoteIndex:
    """The variants a quote may match in a source: the raw text's, and the passage texts'
    (page furniture, footnote lines and markers removed, paragraphs joined across pages)."""
    raw = QuoteIndex.for_text(text)
    joined = " ".join(p.text for p in split_source(text).passages)
    return QuoteIndex(tuple(dict.fromkeys(raw.variants + QuoteIndex.for_text(joined).variants)))


def _closest(index: QuoteIndex, quote: str) -> str:
    """The longest leading part of the quote that the index contains."""
    return longest_matching_prefix(index, quote)


class _Checker:
    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.info = load_info(corpus)
        self.out: list[Problem] = []
        self._indexes: dict[str, QuoteIndex | None] = {}

    # -- reporting --
    def error(self, path: str, line: int, message: str) -> None:
        self.out.append(Problem(path, line, message))

    def warning(self, path: str, line: int, message: str) -> None:
        self.out.append(Problem(path, line, message, "warning"))

    def line(self, kind: str, rid: str, name: str, default: int) -> int:
        return field_line(self.corpus, kind, rid, name, default)

    # -- shared checks --
    def date(self, kind: str, rid: str, loc, name: str, value: str | None) -> None:
        if value is not None and not is_valid(value):
            self.error(
                loc.path,
                self.line(kind, rid, name, loc.line),
                f"{kind} {rid!r}: {name} {value!r} is not a valid date (YYYY, YYYY-MM or YYYY-MM-DD)",
            )

    def source_ref(self, kind: str, rid: str, loc, name: str, value: str | None) -> bool:
        if not value:
            return False
        if value not in self.corpus.sources:
            hint = _near(value, self.corpus.sources)
            self.error(loc.path, self.line(kind, rid, name, loc.line), f"{kind} {rid!r}: {name} {value!r} is not a known source{hint}")
            return False
        return True

    def areas(self, kind: str, rid: str, loc, domains: Iterable[str], forums: Iterable[str]) -> None:
        for name, ids, table, other, other_name in (
            ("domains", domains, self.corpus.domains, self.corpus.forums, "forum"),
            ("forums", forums, self.corpus.forums, self.corpus.domains, "domain"),
        ):
            for area_id in ids:
                if area_id in table:
                    continue
                hint = f" (it is a {other_name}: list it under {'forums' if name == 'domains' else 'domains'})" if area_id in other else _near(area_id, table)
                self.error(
                    loc.path,
                    self.line(kind, rid, name, loc.line),
                    f"{kind} {rid!r}: {name} lists {area_id!r}, which is not a known {name[:-1]}{hint}",
                )

    def inferred(self, kind: str, rid: str, loc, inferred: dict[str, str], record: object, name: str = "inferred") -> None:
        for key in inferred:
            value = getattr(record, key, _MISSING)
            line = self.line(kind, rid, name, loc.line)
            if value is _MISSING:
                self.warning(loc.path, line, f"{kind} {rid!r}: {name} names {key!r}, which is not a field of a {kind}")
            elif value in (None, "", (), {}):
                self.warning(loc.path, line, f"{kind} {rid!r}: {name} names {key!r}, but {key!r} is not set")

    def quote(self, kind: str, rid: str, loc, name: str, quote: str, source_id: str | None, line: int | None = None) -> None:
        if not quote or not source_id or source_id not in self.corpus.sources:
            return
        index = self.index(source_id)
        if index is None or index.contains(quote):
            return
        near = _closest(index, quote)
        where = line if line is not None else self.line(kind, rid, name, loc.line)
        if near:
            total = len(normalise_quote(quote).split(" "))
            matched = len(near.split(" "))
            detail = f"the first {matched} of {total} words match, up to: {_tail(near)!r}"
        else:
            detail = "not even its first word matches"
        self.error(loc.path, where, f"{kind} {rid!r}: {name} is not verbatim in source {source_id!r}; {detail}")

    def index(self, source_id: str) -> QuoteIndex | None:
        if source_id not in self._indexes:
            if source_id in self.info.bad_texts:
                self._indexes[source_id] = None  # the loader reported the text; no quote can be checked
            else:
                try:
                    text = self.corpus.source_text(source_id)
                except (OSError, UnicodeDecodeError) as exc:
                    src = self.corpus.sources[source_id]
                    self.error(src.loc.path, src.loc.line, f"source {source_id!r}: cannot read its text: {exc}")
                    self._indexes[source_id] = None
                else:
                    self._indexes[source_id] = source_quote_index(text)
        return self._indexes[source_id]

    # -- per kind --
    def sources(self) -> None:
        for src in self.corpus.sources.values():
            loc = src.loc
            if src.kind and src.kind not in SOURCE_KINDS:
                self.error(loc.path, self.line("source", src.id, "kind", loc.line),
                           f"source {src.id!r}: kind {src.kind!r} is not one of {', '.join(SOURCE_KINDS)}")
            self.date("source", src.id, loc, "date", src.date)
            if src.kamerstuk:
                ks = src.kamerstuk
                self.kamerstuk("source", src.id, loc, ks.dossier, ks.number, ks.year)
            if src.aanhangsel:
                line = self.line("source", src.id, "aanhangsel", loc.line)
                if not NUMBER_RE.match(src.aanhangsel.number):
                    self.error(loc.path, line, f"source {src.id!r}: aanhangsel number {src.aanhangsel.number!r} must be digits")
                self.vergaderjaar("source", src.id, loc, line, src.aanhangsel.year)
            if src.url and not src.url.startswith(("https://", "http://")):
                self.error(loc.path, self.line("source", src.id, "url", loc.line), f"source {src.id!r}: url {src.url!r} must start with https://")
            self.inferred("source", src.id, loc, src.inferred, src)
            extra = self.info.extra.get(("source", src.id), {})
            for name in ("answers", "answered_by"):
                self.source_ref("source", src.id, loc, name, extra.get(name))
            kv = extra.get("kamervragen")
            if kv and not KAMERVRAGEN_RE.match(kv):
                self.error(loc.path, self.line("source", src.id, "kamervragen", loc.line),
                           f"source {src.id!r}: kamervragen {kv!r} must look like '2019Z01633'")
            detected = extra.get("detected") or {}
            if detected:
                self.inferred("source", src.id, loc, detected, _WithExtra(src, extra), name="detected")

    def kamerstuk(self, kind: str, rid: str, loc, dossier: str, number: str, year: str | None) -> None:
        line = self.line(kind, rid, "kamerstuk", loc.line)
        if not DOSSIER_RE.match(dossier):
            self.error(loc.path, line, f"{kind} {rid!r}: kamerstuk dossier {dossier!r} must be digits without spaces, e.g. '33694' or '34300-X'")
        if not NUMBER_RE.match(number):
            self.error(loc.path, line, f"{kind} {rid!r}: kamerstuk number {number!r} must be digits")
        if year is not None:
            self.vergaderjaar(kind, rid, loc, line, year)

    def vergaderjaar(self, kind: str, rid: str, loc, line: int, year: str) -> None:
        m = YEAR_RE.match(year)
        if not m or int(m.group(2)) != int(m.group(1)) + 1:
            self.error(loc.path, line, f"{kind} {rid!r}: vergaderjaar {year!r} must look like '2018-2019'")

    def areas_files(self) -> None:
        for forum in self.corpus.forums.values():
            if not forum.parent:
                continue
            line = self.line("forum", forum.id, "parent", forum.loc.line)
            if forum.parent not in self.corpus.forums:
                self.error(forum.loc.path, line, f"forum {forum.id!r}: parent {forum.parent!r} is not a known forum{_near(forum.parent, self.corpus.forums)}")
                continue
            seen = {forum.id}
            cur = forum.parent
            while cur:
                if cur in seen:
                    self.error(forum.loc.path, line, f"forum {forum.id!r}: parent chain loops back to {cur!r}")
                    break
                seen.add(cur)
                nxt = self.corpus.forums.get(cur)
                cur = nxt.parent if nxt else None
        for kind, table in (("domain", self.corpus.domains), ("forum", self.corpus.forums)):
            for area in table.values():
                self.inferred(kind, area.id, area.loc, self.info.inferred.get((kind, area.id), {}), area)

    def statements(self) -> None:
        corpus = self.corpus
        for st in corpus.statements.values():
            loc = st.loc
            if st.topic and not TOPIC_RE.match(st.topic):
                self.error(loc.path, self.line("statement", st.id, "topic", loc.line),
                           f"statement {st.id!r}: topic {st.topic!r} must be lowercase 'domain/question' (e.g. 'laws/verbod')")
            elif st.topic and st.topic.split("/")[0] not in corpus.domains and st.topic.split("/")[0] not in corpus.forums:
                self.warning(loc.path, self.line("statement", st.id, "topic", loc.line),
                             f"statement {st.id!r}: topic {st.topic!r} does not start with a known domain or forum")
            self.source_ref("statement", st.id, loc, "source", st.source)
            self.date("statement", st.id, loc, "date", st.date)
            self.areas("statement", st.id, loc, st.domains, st.forums)
            self.supersedes(st)
            self.quote("statement", st.id, loc, "quote", st.quote, st.source)
            self.inferred("statement", st.id, loc, self.info.inferred.get(("statement", st.id), {}), st)
        self.cycles()
        self.current_per_topic()

    def supersedes(self, st: Statement) -> None:
        corpus = self.corpus
        line = self.line("statement", st.id, "supersedes", st.loc.line)
        for old_id in st.supersedes:
            old = corpus.statements.get(old_id)
            if old is None:
                self.error(st.loc.path, line, f"statement {st.id!r}: supersedes {old_id!r}, which is not a known statement{_near(old_id, corpus.statements)}")
                continue
            if old_id == st.id:
                self.error(st.loc.path, line, f"statement {st.id!r}: supersedes itself")
                continue
            if old.topic != st.topic:
                self.error(st.loc.path, line, f"statement {st.id!r} (topic {st.topic!r}) supersedes {old_id!r} of another topic ({old.topic!r})")
            new_date, old_date = corpus.statement_date(st), corpus.statement_date(old)
            if new_date and old_date and is_valid(new_date) and is_valid(old_date) and definitely_before(new_date, old_date):
                self.error(st.loc.path, line, f"statement {st.id!r} ({new_date}) supersedes {old_id!r}, which is newer ({old_date})")

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
                               f"statement {sid!r}: supersedes {nxt!r}, which (indirectly) supersedes it: a cycle")
                    continue
                if not state.get(nxt):
                    state[nxt] = 1
                    stack.append((nxt, iter(statements[nxt].supersedes)))

    def current_per_topic(self) -> None:
        corpus = self.corpus
        by_topic: dict[str, list[Statement]] = {}
        for st in corpus.statements.values():
            if st.topic and corpus.is_current(st.id):
                by_topic.setdefault(st.topic, []).append(st)
        for topic, items in by_topic.items():
            if len(items) < 2:
                continue
            dated = [(corpus.statement_date(s), s) for s in items]
            dated = [(d, s) for d, s in dated if d and is_valid(d)]
            if not any(definitely_before(a, b) for a, _ in dated for b, _ in dated):
                continue
            newest = max(dated, key=lambda pair: (pair[0], pair[1].id))[1]
            others = ", ".join(f"{s.id} ({d})" for d, s in sorted(dated, key=lambda p: (p[0], p[1].id)))
            self.warning(newest.loc.path, newest.loc.line,
                         f"topic {topic!r} has {len(items)} current statements of different dates: {others}; "
                         "should the newer one list the older under supersedes?")

    def commitments(self) -> None:
        for c in self.corpus.commitments.values():
            loc = c.loc
            self.source_ref("commitment", c.id, loc, "source", c.source)
            self.source_ref("commitment", c.id, loc, "fulfilled_by", c.fulfilled_by)
            if c.status not in COMMITMENT_STATUSES:
                self.error(loc.path, self.line("commitment", c.id, "status", loc.line),
                           f"commitment {c.id!r}: status {c.status!r} is not one of {', '.join(COMMITMENT_STATUSES)}")
            elif c.status == "fulfilled" and not c.fulfilled_by:
                self.warning(loc.path, self.line("commitment", c.id, "status", loc.line),
                             f"commitment {c.id!r}: status is fulfilled but fulfilled_by names no source")
            self.date("commitment", c.id, loc, "made_on", c.made_on)
            self.areas("commitment", c.id, loc, c.domains, c.forums)
            self.quote("commitment", c.id, loc, "quote", c.quote, c.source)
            self.inferred("commitment", c.id, loc, c.inferred, c)

    def motions(self) -> None:
        for m in self.corpus.motions.values():
            loc = m.loc
            if m.request and not m.request_source:
                self.error(loc.path, self.line("motion", m.id, "request", loc.line),
                           f"motion {m.id!r}: request is given without request_source (the source that quotes it)")
            if m.request_source and not m.request:
                self.error(loc.path, self.line("motion", m.id, "request_source", loc.line),
                           f"motion {m.id!r}: request_source is given without the request it quotes")
            self.source_ref("motion", m.id, loc, "request_source", m.request_source)
            if m.kamerstuk:
                self.kamerstuk("motion", m.id, loc, m.kamerstuk.dossier, m.kamerstuk.number, m.kamerstuk.year)
            self.date("motion", m.id, loc, "date", m.date)
            self.areas("motion", m.id, loc, m.domains, m.forums)
            self.quote("motion", m.id, loc, "request", m.request, m.request_source)
            for i, fu in enumerate(m.follow_up):
                key = f"{m.id}#{i}"
                if fu.source and fu.source not in self.corpus.sources:
                    self.error(fu.loc.path, self.line("follow_up", key, "source", fu.loc.line),
                               f"motion {m.id!r}: follow_up[{i}] source {fu.source!r} is not a known source{_near(fu.source, self.corpus.sources)}")
                self.quote("motion", m.id, fu.loc, f"follow_up[{i}] quote", fu.quote, fu.source,
                           line=self.line("follow_up", key, "quote", fu.loc.line))
            self.inferred("motion", m.id, loc, m.inferred, m)

    def qa(self) -> None:
        for q in self.corpus.qa.values():
            loc = q.loc
            self.source_ref("qa", q.id, loc, "source", q.source)
            for sid in q.statements:
                if sid not in self.corpus.statements:
                    self.error(loc.path, self.line("qa", q.id, "statements", loc.line),
                               f"qa {q.id!r}: statements lists {sid!r}, which is not a known statement{_near(sid, self.corpus.statements)}")
            self.areas("qa", q.id, loc, q.domains, q.forums)
            self.quote("qa", q.id, loc, "question", q.question, q.source)
            self.quote("qa", q.id, loc, "answer", q.answer, q.source)
            self.inferred("qa", q.id, loc, self.info.inferred.get(("qa", q.id), {}), q)

    def synonyms(self) -> None:
        seen: dict[str, int] = {}
        path = next((f for f in self.info.files if f.endswith("synonyms.yaml")), "synonyms.yaml")
        for i, group in enumerate(self.corpus.synonyms):
            for term in group:
                if term in seen and seen[term] != i:
                    first = self.line("synonyms", str(seen[term]), "", 1)
                    self.warning(path, self.line("synonyms", str(i), "", 1),
                                 f"synonym term {term!r} is also in the group on line {first}; a term belongs to one group")
                seen.setdefault(term, i)

    def run(self) -> list[Problem]:
        self.sources()
        self.areas_files()
        self.statements()
        self.commitments()
        self.motions()
        self.qa()
        self.synonyms()
        return list(self.corpus.problems) + self.out


_MISSING = object()


class _WithExtra:
    """A source with its import keys readable as attributes (for the `detected` check)."""

    def __init__(self, src: object, extra: dict) -> None:
        self._src, self._extra = src, extra

    def __getattr__(self, name: str):
        if name in self._extra:
            return self._extra[name]
        if name in ("kamervragen", "answers", "answered_by"):
            return None
        return getattr(self._src, name, _MISSING)


def _tail(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else "…" + text[-limit:]


def _near(value: str, known: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for a close match, else ''."""
    import difflib

    known = list(known)
    if len(known) > 5000:  # suggestions are a courtesy; never make a large corpus slow
        return ""
    match = difflib.get_close_matches(value, known, n=1, cutoff=0.8)
    return f" (did you mean {match[0]!r}?)" if match else ""


def check(corpus: Corpus) -> list[Problem]:
    """All problems of a loaded corpus: the loader's plus cross-file checks (see module doc)."""
    return _Checker(corpus).run()
