"""Propose statements from one source, with what they may replace.

    result = propose(engine, "2022-kabinetsreactie-aiv-cavv-autonome-wapensystemen")
    for c in result.candidates:
        c.n, c.kind, c.quote, c.line, c.locator, c.topic, c.attribution, c.relations

The steps (each in its own module):

1. `sentences`: the source's sentences with their locators.
2. `cues`: which of them state a position or commitment, and whose view it is.
3. Every proposed quote is checked like every quote in the knowledge base
   (`quotes.source_quote_index`, through `quotes.SourceQuotes`); a sentence that would not pass
   is not proposed.
4. Sentences already quoted by a statement or commitment of this source, and sentences rejected
   before (`rejections`), are left out.
5. `KnowledgeBase.similar` (`search/similar.py`): the nearest statements of each sentence (with the heading it stands
   under), from the index. Their topics vote for the suggested topic (weighted by nearness),
   their domains and forums, and the names and aliases of domains and forums the sentence itself
   mentions, for the suggested areas.
6. Relations: the current statements dated before the source that are near the sentence or in
   its suggested topic, scored by the words they share (each weighted by how rare it is in the
   index) plus a bonus for the same topic; `MIN_RELATION` or more is proposed, best first, at
   most `MAX_RELATIONS`. A relation is `supersedes` when a polarity word changed (the position
   turned: "geen voorstander van een verbod" → "inspannen voor een verbod"), else `updates` (the
   same line, brought up to date): a suggestion. Accepting writes `supersedes` unless the
   reviewer says what of the older line still holds (`write.Choice.holds`), then `updates`.

`engine` is the knowledge base (`store.KnowledgeBase`): `similar`, `statement_rows`,
`vocabulary`, `source`, `source_text`, `areas`: the index and the source's text file, never the
whole corpus (a caller that has one loaded may pass it as `corpus=`). Nothing here imports Textual or words a message: the CLI (`briefing
propose`) and the review screen word the codes through `wording/proposals.py`.
"""

from __future__ import annotations

import math
import re
import time
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from briefing_tui.dates import definitely_before
from briefing_tui.model import Corpus
from briefing_tui.proposals.cues import CABINET, classify
from briefing_tui.proposals.diff import Piece, polarity_change, render_diff, word_diff
from briefing_tui.proposals.sentences import Sentence, source_sentences
from briefing_tui.quotes import SourceQuotes, normalise_quote
from briefing_tui.search.query import STOPWORDS
from briefing_tui.search.similar import Row
from briefing_tui.textnorm import searchable, words

__all__ = ["Candidate", "Relation", "Proposals", "propose", "MIN_SCORE", "quote_key"]

MIN_SCORE = 2.0
NEIGHBOURS = 15
MIN_TOPIC_VOTE = 0.35  # the best topic's share of the neighbours' weight to be suggested
TERMS = 14  # distinctive words of a sentence asked for its nearest statements
CHAIN_TOPICS = 8  # the topics of this many nearest statements are searched for lines to replace
AREA_VOTE = 0.3  # share of the neighbours' weight a domain or forum needs to be suggested
MIN_RELATION = 0.20
MAX_RELATIONS = 5
DOMAIN_BONUS = 0.1
TOPIC_BONUS = 0.1  # a current statement of the topic voted for by the nearest statements
TURN_BONUS = 0.2
TOPIC_FROM_RELATION = 0.3
TURNING_SUBJECTS = frozenset("verbod verboden verbieden moratorium steun steunt voorstander tegenstander protocol verdrag".split())
NEGATIONS = frozenset("geen niet nooit".split())
# Words of any letter to Parliament: they make two sentences look alike without making them so.
LETTER_WORDS = frozenset("""kabinet kamer nederland nederlandse minister ministerie informeren brief zomer
    voorzitter geachte hierbij graag zoals daarbij tevens echter reeds inmiddels namelijk""".split())
TURNING = frozenset("geen niet wel verbod verboden verbieden moratorium voorstander tegenstander tegen steun steunt afwijzen verwerpt".split())


@dataclass
class Relation:
    id: str
    kind: str  # "supersedes" | "updates"
    score: float
    reason: tuple[str, dict]  # (code, data): worded by `wording.proposals.describe_reason`
    topic: str | None
    date: str | None
    line: str  # the older statement's position
    quote: str
    new: str = ""  # the newer quote, compared with `quote`
    _diff: tuple[Piece, ...] | None = field(default=None, repr=False, compare=False)

    @property
    def diff(self) -> tuple[Piece, ...]:
        """The word diff of the older quote and the newer one (computed when first asked for)."""
        if self._diff is None:
            self._diff = tuple(word_diff(self.quote, self.new))
        return self._diff

    def to_json(self) -> dict:
        from briefing_tui.wording.proposals import describe_reason

        return {
            "id": self.id, "kind": self.kind, "score": self.score, "reason": describe_reason(*self.reason),
            "topic": self.topic, "date": self.date, "line": self.line, "diff": render_diff(list(self.diff)),
        }


@dataclass
class Candidate:
    n: int
    kind: str  # "statement" | "commitment"
    quote: str
    line: str
    locator: str
    domains: list[str]
    forums: list[str]
    topic: str
    attribution: str  # "kabinet" or the other party
    score: float
    relations: list[Relation] = field(default_factory=list)
    source: str = ""
    cues: tuple[str, ...] = ()
    section: str = ""

    def default_relation(self) -> Relation | None:
        """The relation kept unless the reviewer chooses: the best one, when it is of the
        proposal's topic (only a statement of the same topic can be superseded)."""
        first = self.relations[0] if self.relations else None
        return first if first is not None and first.topic == self.topic else None

    def to_json(self) -> dict:
        return {
            "n": self.n, "kind": self.kind, "quote": self.quote, "line": self.line, "locator": self.locator,
            "domains": list(self.domains), "forums": list(self.forums), "topic": self.topic,
            "attribution": self.attribution, "score": self.score,
            "relations": [r.to_json() for r in self.relations],
        }


@dataclass
class Proposals:
    source: str
    candidates: list[Candidate]
    known: int = 0  # sentences already quoted by the knowledge base
    rejected: int = 0  # sentences rejected before
    unverifiable: int = 0  # cue sentences whose text would not pass the quote check
    elapsed_ms: float = 0.0


def quote_key(text: str) -> str:
    """A sentence as compared for 'already known' and 'rejected': folded words only."""
    return " ".join(words(searchable(normalise_quote(text))))


def _sentence_parts(text: str) -> list[str]:
    from briefing_tui.proposals.sentences import split_sentences

    parts = split_sentences(text)
    return parts if len(parts) > 1 else []


def _covered(key: str, known: list[str]) -> bool:
    return any(key in k or (len(k) > 30 and k in key) for k in known)


def _line(sentence: str, who: str) -> str:
    """The suggested editor's line: the sentence without a leading connective; another
    party's view names that party ("Volgens de AIV/CAVV: ...")."""
    text = re.sub(r"^(?:Daarnaast|Daarbij|Tevens|Verder|Bovendien|Ook|Voorts|Tenslotte|Ten slotte|Wel|Dan ook),?\s+",
                  "", sentence).strip()
    text = text[:1].upper() + text[1:]
    if who != CABINET and not text.lower().startswith("volgens"):
        text = f"Volgens {who}: {text}"
    return text


def _slug(words_: list[str]) -> str:
    return "-".join(words_[:3])


class _Idf(dict):
    """word -> log(1 + n / (1 + documents holding it)), computed when first asked for."""

    def __init__(self, df, n: int) -> None:
        super().__init__()
        self.df, self.n = df, n

    def __missing__(self, word: str) -> float:
        got = self[word] = math.log(1 + self.n / (1 + self.df.get(word, 0)))
        return got


class _Weights:
    """IDF of folded words, from the index's vocabulary."""

    def __init__(self, engine) -> None:
        from briefing_tui.search.similar import max_df

        self.vocab = engine.vocabulary()
        self.n = max_df(self.vocab) * 2 or 1
        self._cache: dict[str, frozenset[str]] = {}
        self._dropped: set[str] = set(STOPWORDS | LETTER_WORDS)  # words that say nothing of a position
        self._kept: set[str] = set()
        self._idf = _Idf(self.vocab.df, self.n)
        self._weights: dict[frozenset[str], float] = {}
        self._rows: dict[str, frozenset[str]] = {}

    def terms(self, text: str) -> frozenset[str]:
        got = self._cache.get(text)
        if got is None:
            found = set(words(searchable(text)))
            found -= self._dropped
            for w in found - self._kept:  # words not seen before: each decided once
                (self._kept if len(w) > 2 and not w.isdigit() else self._dropped).add(w)
            got = frozenset(found - self._dropped)
            if len(self._cache) < 50_000:
                self._cache[text] = got
        return got

    def idf(self, word: str) -> float:
        return self._idf[word]

    def row_terms(self, r) -> frozenset[str]:
        """The words of a statement's position and quote (kept per statement id)."""
        got = self._rows.get(r.id)
        if got is None:
            got = self._rows[r.id] = self.terms(r.text + " " + r.quote)
        return got

    def weight(self, terms: frozenset[str]) -> float:
        got = self._weights.get(terms)
        if got is None:
            got = sum(map(self._idf.__getitem__, terms))
            if len(self._weights) < 50_000:
                self._weights[terms] = got
        return got

    def similarity(self, a: frozenset[str], b: frozenset[str]) -> float:
        """Weighted Dice coefficient of two word sets."""
        shared = a & b
        if not shared:
            return 0.0
        return 2 * sum(map(self._idf.__getitem__, shared)) / (self.weight(a) + self.weight(b))

    def overlap(self, a: frozenset[str], b: frozenset[str]) -> tuple[float, list[str]]:
        """Weighted Dice coefficient of two word sets, and the shared words rarest first."""
        shared = a & b
        if not shared:
            return 0.0, []
        idf = self._idf
        return self.similarity(a, b), sorted(shared, key=lambda w: (-idf[w], w))  # ties by word: the same in every process


class _AreaNames:
    """The ids, names and aliases of every domain and forum (folded), to find those a sentence
    names. `areas`: (id, kind, name, aliases), in the loader's order, whichever view they come
    from: domains first, each kind by file name (`<id>.yaml`, sorted: "ai-2" comes before "ai")."""

    def __init__(self, areas) -> None:
        # first word -> (the name's words, its place in the order, kind, id)
        self.by_first: dict[str, list[tuple[list[str], int, str, str]]] = defaultdict(list)
        order = 0
        for area_id, kind, name, aliases in sorted(areas, key=lambda a: (a[1] != "domain", a[0] + ".yaml")):
            for alias in dict.fromkeys((area_id.replace("-", " "), name, *aliases)):
                key = words(searchable(alias))
                if len(" ".join(key)) >= 2:
                    self.by_first[key[0]].append((key, order, kind, area_id))
                    order += 1

    def named(self, low: str) -> tuple[list[str], list[str]]:
        """Domains and forums whose id, name or alias the (searchable, one space between words)
        sentence names as whole words, in the order of the names."""
        ws = low.split(" ")
        hits: set[tuple[int, str, str]] = set()
        for i, w in enumerate(ws):
            for key, order, kind, area_id in self.by_first.get(w, ()):
                if ws[i:i + len(key)] == key:
                    hits.add((order, kind, area_id))
        out: dict[str, list[str]] = {"domain": [], "forum": []}
        for _, kind, area_id in sorted(hits):
            if area_id not in out[kind]:
                out[kind].append(area_id)
        return out["domain"], out["forum"]


class _View:
    """What proposing reads of the knowledge base: the source's record and text, the domains and
    forums (ids, names, aliases) and the statements of some topics. From the index (`KnowledgeBase`:
    no corpus is loaded, so a fresh `briefing propose` costs what the letter costs, not what the
    knowledge base weighs), or from a loaded corpus; both give the same proposals
    (tests/test_proposals_index.py)."""

    def __init__(self, engine, source_id: str, corpus: Corpus | None) -> None:
        self.corpus = corpus
        if corpus is not None:
            self.source = corpus.sources.get(source_id)
            self.text = corpus.source_text(source_id) if self.source is not None else None
            self.areas = [(a.id, a.kind, a.name, tuple(a.aliases))
                          for table in (corpus.domains, corpus.forums) for a in table.values()]
        else:
            self.source = engine.source(source_id)
            self.text = engine.source_text(source_id) if self.source is not None else None
            self.areas = list(engine.areas())
        self.engine = engine
        self.domains = {a[0] for a in self.areas if a[1] == "domain"}
        self.forums = {a[0] for a in self.areas if a[1] == "forum"}

    def chain_rows(self, topics: set[str]) -> dict[str, list[Row]]:
        """The current statements of `topics` as rows (what the index holds), by topic: only a
        current line can be replaced."""
        out: dict[str, list[Row]] = defaultdict(list)
        if not topics:
            return out
        if self.corpus is None:
            for r in self.engine.statement_rows(topics=tuple(sorted(topics)), current=True):
                out[r.topic].append(r)
            return out
        corpus = self.corpus
        for st in corpus.statements.values():
            if st.topic in topics and corpus.is_current(st.id):
                out[st.topic].append(Row("statement", st.id, st.source, st.position, st.quote, corpus.statement_date(st),
                                         tuple(st.domains), tuple(st.forums), st.topic, st.locator,
                                         corpus.is_current(st.id), corpus.superseded_by(st.id)))
        return out


def propose(engine, source_id: str, *, rejected: set[str] | frozenset[str] = frozenset(),
            corpus: Corpus | None = None) -> Proposals:
    """The proposals for one source. `rejected`: `quote_key`s rejected before (see `rejections`).
    What is read of the knowledge base comes from the engine's index; with `corpus`, from that
    loaded corpus instead (the same proposals). KeyError: no such source (or its text is gone)."""
    t0 = time.perf_counter()
    view = _View(engine, source_id, corpus)
    src, text = view.source, view.text
    if src is None or text is None:
        raise KeyError(source_id)
    index = SourceQuotes(text)  # as `validate.source_quote_index(text)` checks every quote
    known = [quote_key(r.quote) for r in engine.statement_rows(source=source_id) if r.quote]
    weights = _Weights(engine)

    # Numbers are given before what is known or rejected is left out, so a proposal keeps its
    # number while others are accepted or rejected (scripts call --accept N one by one).
    picked: list[tuple[Sentence, object]] = []
    out = Proposals(source_id, [])
    for s in source_sentences(src, text):
        cue = classify(s.text)
        if cue is None or cue.score < MIN_SCORE:
            continue
        if not index.contains(s.text):
            out.unverifiable += 1
            continue
        picked.append((s, cue))
    numbered = []
    for n, (s, cue) in enumerate(_merge_adjacent(picked, index), 1):
        parts = [quote_key(s.text)] + [quote_key(p) for p in _sentence_parts(s.text)]
        if any(_covered(k, known) for k in parts):
            out.known += 1
        elif any(k in rejected for k in parts):
            out.rejected += 1
        else:
            numbered.append((n, s, cue))

    drafts = []
    area_names = _AreaNames(view.areas)
    queries = [s.text + " " + s.section for _, s, _ in numbered]
    nearest = engine.similar_many(queries, limit=NEIGHBOURS, terms=TERMS) if queries else []
    for (n, s, cue), query, found in zip(numbered, queries, nearest):
        near = [r for r in found if r.id]
        cand_terms = weights.terms(query)
        votes: dict[str, float] = defaultdict(float)
        dom_votes: dict[str, float] = defaultdict(float)
        forum_votes: dict[str, float] = defaultdict(float)
        for r in near:
            sim = weights.similarity(cand_terms, weights.row_terms(r))
            if r.topic:
                votes[r.topic] += sim
            for d in r.domains:
                dom_votes[d] += sim
            for f in r.forums:
                forum_votes[f] += sim
        low = " ".join(words(searchable(s.text)))
        named_d, named_f = area_names.named(low)
        dom_total = sum(dom_votes.values()) or 1.0
        forum_total = sum(forum_votes.values()) or 1.0
        domains = [d for d in dict.fromkeys(named_d + [d for d, v in sorted(dom_votes.items(), key=lambda kv: -kv[1])
                                                       if v / dom_total >= AREA_VOTE]) if d in view.domains]
        forums = [f for f in dict.fromkeys(named_f + [f for f, v in sorted(forum_votes.items(), key=lambda kv: -kv[1])
                                                      if v / forum_total >= AREA_VOTE]) if f in view.forums]
        if cue.who == "AIV/CAVV" and "aiv-cavv" in view.forums and "aiv-cavv" not in forums:
            forums.append("aiv-cavv")
        drafts.append((n, s, cue, domains, forums, near, votes, cand_terms))

    # The statements of the topics the nearest statements answer: the chains a candidate may continue.
    by_topic = view.chain_rows({r.topic for d in drafts for r in d[5][:CHAIN_TOPICS] if r.topic})

    for n, s, cue, domains, forums, near, votes, cand_terms in drafts:
        chains = [r for t in dict.fromkeys(x.topic for x in near[:CHAIN_TOPICS] if x.topic) for r in by_topic.get(t, ())]
        advisory = cue.who != CABINET
        rels = _relations(s, cand_terms, near + chains, domains, advisory, src, weights)
        topic = ""
        if rels and rels[0].score >= TOPIC_FROM_RELATION and rels[0].topic:
            topic = rels[0].topic
        elif votes:
            total = sum(votes.values()) or 1.0
            best = max(votes, key=lambda t: (votes[t], t))
            if votes[best] / total >= MIN_TOPIC_VOTE:
                topic = best
        if topic and not (rels and rels[0].topic == topic):
            # The topic's current line is what a newer line on it replaces: scored with a bonus.
            rels = _relations(s, cand_terms, near + chains, domains, advisory, src, weights, topic)
        if topic and rels:
            # Only a statement of the topic can be superseded (briefing check): others are shown, ranked below.
            rels.sort(key=lambda r: (r.topic != topic, -r.score, r.id))
        if not topic and (domains or forums):
            rare = sorted(cand_terms, key=lambda w: (-weights.idf(w), w))
            topic = f"{(domains or forums)[0]}/{_slug(rare)}"
        if advisory and cue.who == "AIV/CAVV" and topic and not topic.endswith("-advies"):
            topic += "-advies"
        if topic and topic.split("/")[0] in view.domains and topic.split("/")[0] not in domains:
            domains.insert(0, topic.split("/")[0])
        out.candidates.append(Candidate(
            n=n, kind=cue.kind, quote=s.text, line=_line(s.text, cue.who), locator=s.locator,
            domains=domains, forums=forums, topic=topic, attribution=cue.who, score=cue.score,
            relations=rels, source=source_id, cues=cue.cues, section=s.section,
        ))
    out.elapsed_ms = (time.perf_counter() - t0) * 1000
    return out


MAX_SENTENCES = 2


def _merge_adjacent(picked: list, index) -> list:
    """Consecutive proposed sentences of one passage, of the same kind and voice, are one
    proposal (a statement quotes one to three sentences), up to `MAX_SENTENCES`."""
    from briefing_tui.proposals.cues import Cue

    out: list = []
    count = 0
    for s, cue in picked:
        if out:
            ps, pc = out[-1]
            if (ps.passage == s.passage and ps.index + count == s.index and pc.kind == cue.kind
                    and pc.who == cue.who and count < MAX_SENTENCES and index.contains(ps.text + " " + s.text)):
                merged = Sentence(ps.text + " " + s.text, ps.passage, ps.index, ps.page, ps.section, ps.locator,
                                  ps.context)
                out[-1] = (merged, Cue(pc.kind, pc.who, max(pc.score, cue.score), tuple(dict.fromkeys(pc.cues + cue.cues))))
                count += 1
                continue
        out.append((s, cue))
        count = 1
    return out


def _advisory(r) -> bool:
    """Whether a statement records another party's view (docs/content-format.md, "Advisory views")."""
    return bool(r.topic and r.topic.endswith("-advies") and r.text.lower().startswith("volgens"))


@lru_cache(maxsize=4096)
def _before(a: str, b: str) -> bool:
    """`dates.definitely_before`, kept per pair: the same few dates are compared thousands of times."""
    return definitely_before(a, b)


def _relations(s: Sentence, cand_terms, rows: list, domains: list[str], advisory: bool, src,
               weights: _Weights, topic: str = "") -> list[Relation]:
    seen: dict[str, Row] = {}
    for r in rows:
        if r.id in seen or r.kind != "statement" or not r.current or r.source == src.id:
            continue
        if src.date and r.date and _before(src.date, r.date):
            continue  # newer than the source: it cannot be replaced by it
        if advisory != _advisory(r):
            continue  # an advisory view continues an advisory view; the cabinet's line the cabinet's
        seen[r.id] = r
    scored = []
    for r in seen.values():
        sim, shared = weights.overlap(cand_terms, weights.row_terms(r))
        score = sim + (DOMAIN_BONUS if set(r.domains) & set(domains) else 0.0)
        if topic and r.topic == topic:
            score += TOPIC_BONUS
        if score + TURN_BONUS < MIN_RELATION:
            continue
        gone, added = polarity_change(r.text + " " + r.quote, s.text)
        # Turned: the same subject ("verbod", "voorstander") with a negation on one side only.
        turned = bool(set(shared) & TURNING_SUBJECTS) and bool((set(gone) | set(added)) & NEGATIONS)
        if turned:
            score += TURN_BONUS
        if score >= MIN_RELATION:
            scored.append((round(score, 3), r, shared, gone, added, turned))
    scored.sort(key=lambda x: (-x[0], x[1].id))
    rels: list[Relation] = []
    for score, r, shared, gone, added, turned in scored[:MAX_RELATIONS]:
        kind = "supersedes" if turned else "updates"
        data = {"topic": r.topic or "", "shared": shared[:6],
                "gone": [w for w in gone if w in TURNING], "added": [w for w in added if w in TURNING]}
        code = "proposal.reason.turned" if turned else "proposal.reason.same_line"
        rels.append(Relation(r.id, kind, score, (code, data), r.topic, r.date, r.text, r.quote, s.text))
    rels.sort(key=lambda x: (-x.score, x.id))
    return rels[:MAX_RELATIONS]
