"""Scoring the matches of a query: concepts, the record's own words, boosts; near-duplicates.

A query's units (`query.Unit`: a word with its stems, prefixes and compounds, a synonym group,
a phrase) are its *concepts*. Each counts once, with one weight: the inverse document frequency
of the concept (the most frequent of its forms in the index's vocabulary), floored at
`MIN_WEIGHT` so that a word in most records still counts. A record's score:

    sum over concepts of  weight x match
    match = saturated term frequency (bm25's, k1 1.2, b 0.5) of the concept in the record's own
            words (text and quote); x `COMPOUND_MATCH` when only a compound of the vocabulary
            says it ("kernwapens" for "wapens"); `CONTEXT_MATCH` when only the filing context
            (topic, domain and forum names, a passage's heading) does: a tie-breaker, never a
            match on its own words' level

times the kind (`KIND_WEIGHT`), `SUPERSEDED_WEIGHT` for a superseded statement, `KEY_WEIGHT`
for a current key position (`key: true`; `KEY_BROAD_WEIGHT` when the query is one concept: a
topic), and `PERIOD_WEIGHT` for a record of a period the query names (a superseded line of that
period is then not demoted). A record that matches only some concepts (a partial match, see the
engine) is scored the same way times the share of the weight it matched, squared.

Near-duplicates: a passage or a Q&A answer that contains a current statement's quote (its
first `DUPLICATE_WORDS` words, folded) is folded into that statement's hit: the statement takes
the better rank of the two and lists the other in `also` ("ook in ..."). A passage or answer
that repeats a superseded statement is not folded: it stays in the list with its own warning
(`Hit.superseded_statements`), so that an old line never passes unflagged.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Callable

from briefing_tui.search.query import Alt, ParsedQuery, Vocabulary
from briefing_tui.textnorm import index_text, words

KIND_WEIGHT = {"statement": 1.3, "commitment": 1.2, "motion": 1.15, "qa": 1.15, "passage": 1.0}
SUPERSEDED_WEIGHT = 0.35
KEY_WEIGHT = 1.25
KEY_BROAD_WEIGHT = 1.8
PERIOD_WEIGHT = 1.8
OTHER_PERIOD_WEIGHT = 0.85
COMPOUND_MATCH = 0.6
CONTEXT_MATCH = 0.2
MIN_WEIGHT = 0.3
K1, B = 1.2, 0.5
DUPLICATE_WORDS = 8


_TOKEN = re.compile(r"[^\W_]+")  # a word of folded text, as the patterns below bound their forms
LITERAL_FIRST = 4  # forms that start with at most this many letters: a pattern led by plain text (`Forms`)


class Forms:
    """A concept's forms of one sort (direct or compound) as looked for in folded text: a pattern
    that bounds each form by non-word characters, so that it matches whole words (or a word's
    beginning, for a prefix). `words` and `prefixes` hold the words a form may start at; when
    every form is one word or a word's beginning (`exact`), looking a text's words up in them
    (`_Counts`) counts the same as the pattern."""

    __slots__ = ("pattern", "words", "prefixes", "exact")

    def __init__(self, alts: list[Alt]) -> None:
        parts = []
        for a in alts:
            body = r"[\W_]+".join(map(re.escape, a.words))
            parts.append((body + (r"[^\W_]*" if a.prefix else ""), a.words[0]))
        parts.sort(key=lambda p: len(p[0]), reverse=True)
        if Forms.text_led(alts):
            # Each form checks that a word begins where it does after its first word: the pattern
            # then starts with plain text, and the regex engine skips every position of the text
            # that does not start with one of the few first letters (3-20x faster). With many
            # first letters it would try the forms inside words too: the check goes first.
            self.pattern = re.compile("(?:" + "|".join(
                re.escape(first) + rf"(?<![^\W_]{re.escape(first)})" + body[len(re.escape(first)):]
                for body, first in parts) + r")(?![^\W_])")
        else:
            self.pattern = re.compile(r"(?<![^\W_])(?:" + "|".join(body for body, _ in parts) + r")(?![^\W_])")
        # A form starts at a word of the text: that word is its first word, or begins with it
        # when the form is one word's beginning. Looked up, these words count the forms when each
        # is one word (`exact`); else a text without any of them has none (the pattern is spared).
        words_only = all(_TOKEN.fullmatch(w) for a in alts for w in a.words)
        self.exact = words_only and all(len(a.words) == 1 for a in alts)
        self.words = frozenset(a.words[0] for a in alts if len(a.words) > 1 or not a.prefix) if words_only else None
        self.prefixes = tuple(a.words[0] for a in alts if len(a.words) == 1 and a.prefix) if words_only else ()

    @staticmethod
    def text_led(alts: list[Alt]) -> bool:
        """Do these forms start with at most `LITERAL_FIRST` letters (a pattern led by plain text)?"""
        return len({a.words[0][:1] for a in alts}) <= LITERAL_FIRST


@dataclass
class Concept:
    label: str
    weight: float
    direct: Forms | None
    compound: Forms | None


Words = tuple[list[str], set[str]]  # a text's words in order, and as a set (`_Counts.words_of`)


class _Counts:
    """How often each concept's forms stand in a folded text: (direct, compound) per concept.

    A text's distinct words (a set) are each looked up in a table of which forms (`Forms.words`,
    `Forms.prefixes`) it may begin, worked out on its first sight for the whole query: one pass
    over the text for every form at once. That is the count of forms that are one word each;
    forms with a phrase are counted by their pattern, in a text with a word that may begin one."""

    def __init__(self, cs: list[Concept]) -> None:
        self.cs = cs
        # Which forms a word may begin: looked up for a whole word, tried in turn for a prefix
        # (a word that begins none of the prefixes, most words, is ruled out by one call).
        self._whole: dict[str, list[tuple[int, int]]] = {}
        self._by_prefix: list[tuple[tuple[str, ...], tuple[int, int]]] = []
        for kind, attr in ((0, "direct"), (1, "compound")):
            for i, c in enumerate(cs):
                f = getattr(c, attr)
                if f is None or f.words is None:
                    continue
                for w in f.words:
                    self._whole.setdefault(w, []).append((i, kind))
                if f.prefixes:
                    self._by_prefix.append((f.prefixes, (i, kind)))
        self._any_prefix = tuple(p for ps, _ in self._by_prefix for p in ps)
        self._seen: dict[str, tuple[tuple[int, int], ...]] = {}  # every word looked at: the forms it may begin
        self._begins: dict[str, frozenset[int]] = {}  # those of them that begin a form: its concepts
        # Concepts with a form that is not made of words: any text may say them.
        self._always = frozenset(i for i, c in enumerate(cs) for f in (c.direct, c.compound)
                                 if f is not None and f.words is None)
        # The concepts with forms counted by pattern (a phrase): (concept, direct, compound).
        self._patterned: list[tuple[int, Forms | None, Forms | None]] = []
        for i, c in enumerate(cs):
            d, comp = (f if f is not None and not f.exact else None for f in (c.direct, c.compound))
            if d is not None or comp is not None:
                self._patterned.append((i, d, comp))
        self._words: dict[str, Words] = {}  # the words of texts seen before (a filing context repeats)
        # Per concept made of words, the strings a text that says it holds: its forms' first
        # words and prefixes, less those that hold another one ("kernwapens" holds "wapens").
        self._needles: list[tuple[str, ...]] = []
        for i, c in enumerate(cs):
            if i in self._always:
                continue
            firsts = {w for f in (c.direct, c.compound) if f is not None
                      for w in (*(f.words or ()), *f.prefixes)}
            self._needles.append(tuple(sorted(
                (w for w in firsts if not any(o != w and o in w for o in firsts)), key=len)))

    def may_reach(self, need: int, text: str) -> bool:
        """May the folded `text` say `need` concepts? False when too few of the concepts have one of
        their forms' first words anywhere in it, even inside a word: a test of substrings, cheaper
        than cutting the text into words, that `maybe` would not contradict. Stops as soon as it
        knows: too many concepts missing, or `need` of them there."""
        left = len(self.cs) - need  # concepts that may be missing
        more = need - (len(self.cs) - len(self._needles))  # those found that it still needs
        for needles in self._needles:
            for n in needles:
                if n in text:
                    more -= 1
                    if more <= 0:
                        return True
                    break
            else:
                left -= 1
                if left < 0:
                    return False
        return True

    def words_of(self, folded: str, again: bool = False) -> Words:
        """The text's words, in order and as a set (`Words`), each looked up on its first sight.
        With `again`, the text may be one seen before (a filing context): kept, and read once."""
        if again:
            kept = self._words.get(folded)
            if kept is None:
                kept = self._words[folded] = self.words_of(folded)
            return kept
        found = words(folded) if folded else []
        distinct = set(found)
        seen = self._seen
        # `set.difference` with a dict looks the set's words up (a keys view's `-` would walk `seen`).
        whole, any_prefix = self._whole, self._any_prefix
        for word in distinct.difference(seen):
            forms = whole.get(word, ())
            if any_prefix and word.startswith(any_prefix):
                # A form counts once for a word it both is and begins with; kept in one order.
                forms = list(dict.fromkeys([*forms, *(f for ps, f in self._by_prefix if word.startswith(ps))]))
            seen[word] = tuple(forms)
            if forms:
                self._begins[word] = frozenset(i for i, _ in forms)
        return found, distinct

    def maybe(self, *found: Words) -> set[int]:
        """The concepts that texts with these words (`words_of`) may say: a word begins one of their
        forms (a phrase needs its first word), or a form is not made of words. At least every
        concept the texts say."""
        out = set(self._always)
        begins = self._begins
        for _, distinct in found:
            for word in distinct & begins.keys():
                out |= begins[word]
        return out

    def of(self, folded: str, found: Words | None = None) -> tuple[list[int], list[int]]:
        """The counts in `folded`, whose words (`words_of`) may be given."""
        n = len(self.cs)
        counts = ([0] * n, [0] * n)
        if not folded:
            return counts
        if found is None:
            found = self.words_of(folded)
        seen = self._seen
        every, distinct = found
        for word in distinct & self._begins.keys():  # few: each counted in the text's words
            k = every.count(word)
            for i, kind in seen[word]:
                counts[kind][i] += k
        direct, compound = counts
        for i, d, comp in self._patterned:
            # A form with a phrase is counted by its pattern, when a word may begin one.
            if d is not None and (d.words is None or direct[i]):
                direct[i] = len(d.pattern.findall(folded))
            if not direct[i] and comp is not None and (comp.words is None or compound[i]):
                compound[i] = len(comp.pattern.findall(folded))
        return counts


def _forms(alts: list[Alt]) -> Forms | None:
    return Forms(alts) if alts else None


def _df(alt: Alt, vocab: Vocabulary | None) -> int:
    if vocab is None:
        return 1
    if len(alt.words) > 1:
        return min(vocab.df.get(w, 0) for w in alt.words)
    return vocab.records(alt.words[0], alt.prefix)


def concepts(parsed: ParsedQuery, vocab: Vocabulary | None, n_records: int) -> list[Concept]:
    out = []
    n = max(1, n_records)
    for unit in parsed.units:
        df = max((_df(a, vocab) for a in unit.alts if not a.compound), default=0)
        if df == 0:
            df = max((_df(a, vocab) for a in unit.alts), default=1)
        weight = max(MIN_WEIGHT, math.log(1 + (n - df + 0.5) / (df + 0.5)))
        out.append(Concept(unit.label, weight, _forms([a for a in unit.alts if not a.compound]),
                           _forms([a for a in unit.alts if a.compound])))
    return out


@dataclass
class Row:
    rid: int
    kind: str
    id: str
    text: str
    quote: str
    context: str
    date_lo: int | None
    date_hi: int | None
    current: bool
    key: bool
    score: float = 0.0
    matched: int = 0  # concepts matched (own words or context)
    share: float = 0.0  # share of the concepts' weight matched
    # What `why` says, as `score_rows` found it: (concept, where, weight) of each concept matched,
    # and the factors; None when not scored. Made into `why` only for the rows a page shows.
    found: list[tuple[str, str, float]] = field(default_factory=list)
    factors: dict | None = None
    folded_text: str = ""  # text and quote as the index folds them (set by `score_rows`)
    folded_quote: str = ""

    @property
    def why(self) -> dict:
        """How the score came about (`Hit.why`): {} for a row not scored."""
        if self.factors is None:
            return {}
        return {"concepts": [{"concept": c, "where": how, "weight": round(w, 3)} for c, how, w in self.found],
                "factors": self.factors}


@dataclass(frozen=True)
class Boosts:
    periods: tuple[tuple[int, int], ...] = ()  # (first day, last day) YYYYMMDD of named periods
    broad: bool = False  # the query is one concept (a topic): key positions first


def _overlaps(row: Row, periods) -> bool:
    if row.date_lo is None or row.date_hi is None:
        return False
    return any(row.date_lo <= hi and row.date_hi >= lo for lo, hi in periods)


def score_rows(rows: list[Row], cs: list[Concept], boosts: Boosts, avgdl: float | None = None,
               need: int = 0, fold: Callable[[str], str] = index_text) -> float | None:
    """Set `score`, `matched`, `share` and `why` of every row (see the module doc). The rows'
    lengths are weighed against `avgdl` (bm25's average length), by default theirs; returns it
    (None for no rows: no scale yet), so that more rows of the same query are scored on the same
    scale. With `need`, a row whose text shows it cannot say that many concepts (first by a test of
    substrings, `_Counts.may_reach`, then by its words, `_Counts.maybe`) is not scored: it keeps
    score, matched and share 0. `fold` is `textnorm.index_text` or a memo of it
    (`textnorm.Folded`)."""
    total_weight = sum(c.weight for c in cs) or 1.0
    folded = _own_texts(rows, fold)
    if not folded:
        return avgdl
    if avgdl is None:
        avgdl = _average(folded)
    counts = _Counts(cs)
    for r, own in zip(rows, folded):
        in_context: tuple[list[int], list[int]] | None = None
        context: str | None = None  # folded when first needed
        context_words: Words | None = None
        if need:
            context = fold(r.context or "")
            if not counts.may_reach(need, f"{own}\n{context}"):
                r.score, r.matched, r.share, r.factors = 0.0, 0, 0.0, None
                continue
        own_words = counts.words_of(own)
        if context is not None:
            context_words = counts.words_of(context, again=True)
            if len(counts.maybe(own_words, context_words)) < need:
                r.score, r.matched, r.share, r.factors = 0.0, 0, 0.0, None
                continue
        dl = own.count(" ") + 1
        norm = K1 * (1 - B + B * dl / max(1.0, avgdl))
        direct, compound = counts.of(own, own_words)
        s = weight = 0.0
        matched = 0
        found = []
        for i, c in enumerate(cs):
            d, comp = direct[i], compound[i]
            if d:
                m, how = d * (K1 + 1) / (d + norm), "own"
            elif comp:
                m, how = COMPOUND_MATCH * comp * (K1 + 1) / (comp + norm), "compound"
            else:
                if in_context is None:
                    if context is None:
                        context = fold(r.context or "")
                    in_context = counts.of(context, context_words if context_words is not None
                                           else counts.words_of(context, again=True))
                said = in_context[0][i] or in_context[1][i]
                m, how = (CONTEXT_MATCH, "context") if said else (0.0, "")
            if m:
                matched += 1
                weight += c.weight
                s += c.weight * m
                found.append((c.label, how, c.weight))
        factors = {"kind": KIND_WEIGHT.get(r.kind, 1.0)}
        in_period = bool(boosts.periods) and _overlaps(r, boosts.periods)
        if not r.current and not in_period:
            factors["superseded"] = SUPERSEDED_WEIGHT
        if r.key and r.current:
            factors["key"] = KEY_BROAD_WEIGHT if boosts.broad else KEY_WEIGHT
        if boosts.periods:
            factors["period"] = PERIOD_WEIGHT if in_period else OTHER_PERIOD_WEIGHT
        share = weight / total_weight
        if share < 1.0:
            factors["partial"] = round(share * share, 3)
        for f in factors.values():
            s *= f
        r.score, r.matched, r.share = s, matched, share
        r.found, r.factors = found, factors
    return avgdl


def quick_passes(rows: list[Row], cs: list[Concept], need: int, fold: Callable[[str], str] = index_text) -> int:
    """How many of the rows pass the first quick test `score_rows` puts a row to for `need`
    concepts (`_Counts.may_reach`); sets their folded texts as score_rows does."""
    counts = _Counts(cs)
    return sum(counts.may_reach(need, f"{own}\n{fold(r.context or '')}") for r, own in zip(rows, _own_texts(rows, fold)))


def average_length(rows: list[Row], fold: Callable[[str], str] = index_text) -> float | None:
    """The rows' average length in words, the scale `score_rows` weighs each row's length
    against when it is given none (None for no rows); sets their folded texts as it does."""
    folded = _own_texts(rows, fold)
    return _average(folded) if folded else None


def _own_texts(rows: list[Row], fold: Callable[[str], str]) -> list[str]:
    """Each row's own words (text and quote), folded; sets `folded_text` and `folded_quote`."""
    folded = []
    for r in rows:
        r.folded_text = fold(r.text or "")
        r.folded_quote = fold(r.quote) if r.quote else ""
        folded.append(f"{r.folded_text} \n {r.folded_quote}" if r.quote else r.folded_text)
    return folded


def _average(folded: list[str]) -> float:
    return sum(f.count(" ") + 1 for f in folded) / len(folded)


def fold_duplicates(rows: list[Row]) -> dict[int, list[str]]:
    """Near-duplicates among scored rows (see the module doc): the rows folded into a statement
    are taken out of `rows` in place; returns, per statement's rid, the ids it stands for too.
    A passage or answer is found by the first `DUPLICATE_WORDS` words of the statement's quote
    standing in it, in order."""
    needles: dict[tuple[str, ...], Row] = {}
    for r in rows:
        if r.kind == "statement" and r.current and r.folded_quote:
            head = tuple(words(r.folded_quote)[:DUPLICATE_WORDS])
            if len(head) == DUPLICATE_WORDS:
                needles.setdefault(head, r)
    if not needles:
        return {}
    also: dict[int, list[str]] = {}
    drop: set[int] = set()
    n = DUPLICATE_WORDS
    firsts = {head[0] for head in needles}  # a window is looked up only where a quote may start
    for r in rows:
        if r.kind not in ("passage", "qa"):
            continue
        body = words(r.folded_quote if r.kind == "qa" else r.folded_text)
        for i in range(len(body) - n + 1):
            if body[i] not in firsts:
                continue
            st = needles.get(tuple(body[i:i + n]))
            if st is not None:
                also.setdefault(st.rid, []).append(r.id)
                drop.add(r.rid)
                st.score = max(st.score, r.score)
                break
    if drop:
        rows[:] = [r for r in rows if r.rid not in drop]
    return also
