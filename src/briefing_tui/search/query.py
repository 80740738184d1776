"""From what the user typed to an FTS5 MATCH expression. Any string is a valid query.

The steps, in order (every word is in `textnorm.searchable` form: folded, OCR-repaired):

1. Control characters become spaces; a query is cut at `MAX_QUERY_CHARS` characters and
   `MAX_UNITS` search units. FTS syntax has no meaning: AND/OR/NOT/NEAR, `*`, `-`, `:`,
   parentheses are words or separators like any other text. Only double quotes mean something.
2. `"..."` is a phrase, matched literally (folded, no synonyms, no compounds). An unclosed quote
   runs to the end of the query: a phrase being typed.
3. Outside quotes, a whitespace-separated chunk is a word ("wapenbeheersing") or, when it has
   several words in it ("dual-use", "UAV's", "col:val", "nr.45"), a phrase of those words.
4. Synonym groups (`corpus.synonyms`) are matched on the words, longest first: the words become
   one unit that matches any term of the group, multi-word terms as phrases. A group term that
   is a Dutch function word ("al", the OCR form of AI) is not used: the index repairs "Al" to
   "ai" already, and the Dutch word "al" must not find AI texts (see `textnorm`).
0. Before anything else (`parse` with a vocabulary): a word outside quotes that can match
   nothing (not in the index, no synonym term, no stem or compound of a known word; while typing,
   the start of no word) is split into known parts ("biowapenverdrag" -> "biowapens verdrag")
   or corrected to the nearest known words ("exportcontorle" -> "exportcontrole"); see
   `search.spelling`. `ParsedQuery.searched_for()` says what was searched for then.
   A hyphenated chunk of plain words ("drone-export", "AI-conferentie") is read as its words.
5. Dutch function words (`STOPWORDS`) outside phrases are left out, unless the query has
   nothing else; then, the same way, question words and filler (`FILLER`: "standpunt",
   "kabinet", "vindt", "waarom", ... "what is our position on").
6. Each word unit matches: the word itself; its light stems ("wapens" -> "wapen",
   "systemen" -> "systeem", "technologieen" -> "technologie", "mogelijkheden" ->
   "mogelijkheid"); the inflected forms of a base word that the index knows ("autonoom" ->
   "autonome", "systeem" -> "systemen": `grown`); words that start with the word or a stem of
   five letters or more (FTS prefix: "wapenbeheersing" finds "wapenbeheersingsconferentie");
   and, from the index's vocabulary, compounds that contain the word (or a stem of four letters
   or more) as a later part at a plausible boundary ("wapens" finds "kernwapens", "beheersing"
   finds "wapenbeheersing"): what stands before it is at least three letters, not a verb prefix
   ("ont", "ver", "be", ...) and a word of the index (maybe with a linking "s" or "e", or two
   words; or eight letters or more: `Vocabulary.word_like`), so that "open" never finds
   "afgelopen"; what follows is nothing, an inflection, or another part of four letters or
   more. At most `MAX_COMPOUNDS` such words per term, the most frequent first.
7. Words of three letters or fewer ("ai", "ki", "uav", "al") match whole words only, never as a
   prefix or a compound part: "AI" never finds "militaire" or "aircraft".
8. While typing: the last word (when the query does not end in a space or a closing quote) is
   also a prefix when it has four letters or more. A shorter last word that is no word of the
   index ("wa" on the way to "wapens") is left out rather than emptying the results; the last
   word of an unclosed phrase likewise.
9. Units are joined with explicit AND (SQLite 3.40 rejects juxtaposition after a group).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable

from briefing_tui.search.grouped import any_of, one_of
from briefing_tui.search.wordcounts import WordCounts
from briefing_tui.textnorm import searchable, word_spans, words

if TYPE_CHECKING:
    from briefing_tui.search.spelling import WordsByLength

MAX_QUERY_CHARS = 1000
MAX_UNITS = 12
MAX_COMPOUNDS = 16
SPELL_OUT = 8  # a prefix without a prefix index that begins this many words or fewer is asked as them
SHORT = 3  # words this long or shorter match whole words only

STOPWORDS = frozenset(
    """
    de het een en of van in op te voor met aan over bij door naar om als dat die dit deze
    is zijn was waren wordt worden werd heeft hebben had er ook niet nog al tot uit zo dan
    maar wel ze zij hij ik we wij u uw je hun haar hem men wat wie waar hoe wanneer welke
    geen meer zeer veel ons onze zich zal zullen kan kunnen moet moeten mag dus toch reeds
    the of and or to a an in on for is are be by with as at from that this
    """.split()
)

# Question words and filler of a question put to the knowledge base ("wat is het standpunt van
# het kabinet over drones"): left out like function words, unless the query has nothing else.
FILLER = frozenset(
    """
    standpunt standpunten positie posities mening visie kabinet regering nederland nederlandse
    vindt vinden staat staan doet doen gaat komt komen gelden geldt tegenover waarom welk
    hoeveel graag eigenlijk precies huidige huidig momenteel nu gezet gedaan gebeurd gebeurt
    zei zegt zeggen nieuwste actuele recente ten aanzien betreft betreffende aangaande omtrent
    rondom minister ministers bewindspersoon
    what whats our position positions view stance policy government cabinet netherlands dutch
    how does do why which who when where about regarding
    """.split()
)

# What stands before a compound part must not be a prefix: "ontwapening" is no compound of
# "wapen", "context" none of "text".
VERB_PREFIXES = frozenset("ont ver her be ge er mis on te toe con com pre pro sub dis per".split())
INFLECTIONS = frozenset("s e en n er ers es te ten tje tjes je jes st".split())


# --- stems ---------------------------------------------------------------------------------------

_VOWELS = "aeiou"


def _undouble(stem: str) -> list[str]:
    """Dutch spelling after a suffix is cut: 'system' -> 'systeem', 'bomm' -> 'bom'."""
    out = [stem]
    if len(stem) >= 3:
        a, b, c = stem[-3], stem[-2], stem[-1]
        if c not in _VOWELS and b in _VOWELS and a not in _VOWELS and c not in "wjy":
            out.append(stem[:-1] + b + c)  # open syllable: systemen -> systeem, staten -> staat
        if c == b and c not in _VOWELS:
            out.append(stem[:-1])  # bommen -> bom
    return out


def stems(word: str) -> list[str]:
    """Light Dutch suffix stripping: the forms a word may be an inflection of (not the word)."""
    w = word
    if len(w) < 5 or not w.isalpha():
        return []
    out: list[str] = []
    if w.endswith("heden"):
        out.append(w[:-5] + "heid")
    elif w.endswith("ingen"):
        out.append(w[:-2])
    elif w.endswith("en") and len(w) >= 6:
        out.extend(_undouble(w[:-2]))
    elif w.endswith("s") and not w.endswith("ss"):
        if w[-2] in _VOWELS and w[-2] != "e" or w[-3:-1] in ("el", "em", "en", "er", "je") or (w[-2] == "e" and w[-3] not in "cs"):
            out.append(w[:-1])
    elif w.endswith("e") and len(w) >= 6 and w[-2] not in _VOWELS:
        out.extend(_undouble(w[:-1]))
    return [s for s in dict.fromkeys(out) if len(s) >= 4 and s != w]


def grown(word: str) -> list[str]:
    """The inflected forms a base word may take (the other way round from `stems`): "autonoom"
    -> "autonome", "systeem" -> "systemen", "verbod" -> "verboden", "bom" -> "bommen". Only
    forms the index knows are searched (`word_alts`)."""
    w = word
    if len(w) < 4 or not w.isalpha():
        return []
    bases = [w]
    if len(w) >= 4 and w[-3] == w[-2] and w[-2] in _VOWELS and w[-1] not in _VOWELS:
        bases = [w[:-2] + w[-1]]  # autonoom -> autonom, systeem -> system
    elif w[-1] not in _VOWELS and w[-2] in _VOWELS and w[-3] not in _VOWELS:
        bases.append(w + w[-1])  # bom -> bomm
    out: list[str] = []
    for b in bases:
        out.extend(b + end for end in ("e", "en", "es"))
    return [f for f in dict.fromkeys(out) if f != w]


# --- the parsed query ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Alt:
    """One way a unit may match: a word or a phrase; the last word may be a prefix."""

    words: tuple[str, ...]
    prefix: bool = False
    compound: bool = False  # found as a compound in the vocabulary: ranks below direct forms

    def fts(self, plan: dict[str, str | tuple[str, ...]] | None = None) -> str:
        """As FTS5. A prefix is written as `plan` says (see `Vocabulary.prefix_plan`)."""
        how = plan.get(self.words[-1]) if self.prefix and plan else None
        if isinstance(how, tuple):  # the words it begins, spelled out
            return one_of(_phrase(self.words[:-1] + (w,)) for w in how)
        if how is not None:  # a shorter prefix that begins the same words
            return _phrase(self.words[:-1] + (how,)) + "*"
        body = _phrase(self.words)
        return body + "*" if self.prefix else body


def _phrase(words: tuple[str, ...]) -> str:
    return '"' + " ".join(words).replace('"', '""') + '"'


def form_records(alt: Alt, vocab: "Vocabulary") -> int:
    """How many records the form may find: of a phrase, its word with the fewest; of a prefix,
    those of every word it begins, summed (a record with two of them counts twice)."""
    last = len(alt.words) - 1
    return min(vocab.records_of_all(w, alt.prefix and i == last) for i, w in enumerate(alt.words))


@dataclass
class Unit:
    """What the user typed for one AND-ed part of the query, and what it may match."""

    label: str
    alts: list[Alt] = field(default_factory=list)
    kind: str = "word"  # word | phrase | synonym

    def fts(self, direct: bool = False, plan: dict | None = None, vocab: "Vocabulary | None" = None) -> str:
        """The unit as FTS5; `direct` leaves out compounds ("" when nothing else is left). With
        the vocabulary, its rare forms are grouped (`search.grouped`: the same records, counted
        faster; not for bm25)."""
        alts = [a for a in self.alts if not (direct and a.compound)]
        if vocab is not None:
            return any_of((a.fts(plan), form_records(a, vocab)) for a in alts)
        return one_of(a.fts(plan) for a in alts)


@dataclass
class ParsedQuery:
    units: list[Unit]
    dropped: list[str] = field(default_factory=list)  # words left out (function words, fragments)
    plan: dict[str, str | tuple[str, ...]] = field(default_factory=dict)  # prefixes: see Vocabulary.prefix_plan
    corrections: list[tuple[str, str]] = field(default_factory=list)  # (typed, searched for): see `spelling`
    splits: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)  # (typed, its parts)
    repaired: str = ""  # the query's words after corrections and splits (folded)

    def searched_for(self) -> str:
        """What was searched for when words were corrected or split ("" when none was):
        "killer robots" for "killer robtos", "biowapens verdrag" for "biowapenverdrag"."""
        return self.repaired if self.corrections or self.splits else ""

    def fts(self, direct: bool = False, vocab: "Vocabulary | None" = None) -> str:
        """The MATCH expression; `direct` leaves out the compound expansions ("" when a unit
        has nothing but compounds: then no record matches directly). With the vocabulary, each
        unit's rare forms are grouped (`Unit.fts`)."""
        parts = [u.fts(direct, self.plan, vocab) for u in self.units]
        return "" if not all(parts) else " AND ".join(parts)

    def matcher(self) -> Callable[[str], list[tuple[int, int]]]:
        """The matched words of a folded text, as (start, end) in order (for marking snippets):
        single words and prefixes anywhere, phrases only where the whole phrase stands. A word
        is a run of `[^\\W_]` as the index cuts it (`textnorm.words`)."""
        singles: list[tuple[str, bool]] = []
        phrases: list[tuple[int, str]] = []
        for unit in self.units:
            for alt in unit.alts:
                if len(alt.words) == 1:
                    singles.append((alt.words[0], alt.prefix))
                else:
                    body = r"[\W_]+".join(map(re.escape, alt.words)) + (r"[^\W_]*" if alt.prefix else "")
                    phrases.append((len(alt.words), body))
        # Every word on its own (tokens never overlap); phrases searched from every start, so
        # that overlapping occurrences are all found, the longest phrase first at each start (two
        # phrases that stand at the same word agree on their common words: the longer covers).
        # Speed (snippets are made for every hit of every keystroke): `\b` is the boundary of
        # `[^\W_]` once underscores are spaces; the single words are grouped by first letter (see
        # `_alternatives`) and a match that starts inside a word is dropped afterwards (it ends
        # where that word ends, so it hides no match that starts at a word).
        single_re = re.compile(rf"{_alternatives(singles)}\b") if singles else None
        phrase_re = None
        if phrases:
            ordered = "|".join(body for _, body in sorted(phrases, key=lambda p: -p[0]))
            phrase_re = re.compile(rf"(?:{ordered})\b")

        def match(folded: str) -> list[tuple[int, int]]:
            if "_" in folded:
                folded = folded.replace("_", " ")  # same length: offsets hold
            found = []
            if single_re is not None:
                for m in single_re.finditer(folded):
                    start = m.start()
                    if start == 0 or not folded[start - 1].isalnum():
                        found.append(m.span())
            if phrase_re is not None:
                pos = 0
                while (pm := phrase_re.search(folded, pos)) is not None:  # every start, overlaps too
                    start = pm.start()
                    if start == 0 or not folded[start - 1].isalnum():
                        found.extend((start + a, start + b) for a, b in word_spans(pm.group()))
                    pos = start + 1
                found = sorted(set(found))
            return found

        return match


def _alternatives(words: list[tuple[str, bool]]) -> str:
    """A regex group matching exactly the given words, each a whole word or (True) a prefix,
    grouped by first letter ("drone*|dronezwermen|uav|uavs" as "d(?:rone*|ronezwermen)|u(?:av|avs)",
    * for any word letters): the regex engine then skips ahead to a possible first letter."""
    groups: dict[str, list[str]] = {}
    for word, prefix in words:
        groups.setdefault(word[0], []).append(re.escape(word[1:]) + (r"[^\W_]*" if prefix else ""))
    parts = []
    for first, rests in groups.items():
        rests = list(dict.fromkeys(rests))
        tails = [r for r in rests if r]
        if not tails:
            parts.append(re.escape(first))
        elif len(rests) == 1:
            parts.append(re.escape(first) + tails[0])
        else:
            parts.append(re.escape(first) + "(?:" + "|".join(tails) + ")" + ("?" if "" in rests else ""))
    return "(?:" + "|".join(parts) + ")"


# --- vocabulary ----------------------------------------------------------------------------------

class Vocabulary:
    """The index's words with their document counts, for compounds and known-word checks."""

    def __init__(self, terms: Iterable[tuple[str, int]] | WordCounts, prefix_lengths: Iterable[int] = (),
                 speller_words: Callable[[WordCounts], WordsByLength] | None = None) -> None:
        """`speller_words` gives the words corrections come from (`spelling.WordsByLength`), for
        instance from a cached copy; by default they are found in `terms` when first needed."""
        self.df: WordCounts = terms if isinstance(terms, WordCounts) else WordCounts.from_pairs(terms)
        self._speller_words = speller_words
        self._sorted = self.df.words
        self._begun = self.df.begun  # the range of `_sorted` of the words that begin with a prefix
        self._cache: dict[tuple[str, bool], list[str]] = {}
        self._prefix_sums: dict[str, int] = {}  # `records_of_all` of a prefix
        self.prefix_lengths = tuple(sorted(set(prefix_lengths)))  # what the index has prefix indexes for

    def prefix_plan(self, prefix: str) -> str | tuple[str, ...] | None:
        """How to ask FTS5 for the words that begin with `prefix` (None: as it is).

        FTS5 answers a prefix of a length it keeps a prefix index for (`prefix_lengths`) from
        one list, lazily; any other prefix by first merging the lists of every word it begins
        (the cost of a broad query's whole result, for each keystroke). So a longer prefix is
        asked as the longest indexed prefix of it that begins exactly the same words of the index
        ("technolog" as "technolo"); else, when it begins at most `SPELL_OUT` words, as those
        words; else as it is. The index's vocabulary is exact, so every plan finds the same rows."""
        if not self.prefix_lengths or len(prefix) in self.prefix_lengths or len(prefix) < self.prefix_lengths[0]:
            return None
        lo, hi = self._begun(prefix)
        if hi <= lo:
            return None  # begins no word: nothing to merge
        for n in reversed(self.prefix_lengths):
            if n < len(prefix):
                a, b = self._begun(prefix[:n])
                if b - a == hi - lo:
                    return prefix[:n]
                break  # a shorter indexed prefix begins even more words
        if hi - lo <= SPELL_OUT:
            return tuple(self._sorted[lo:hi])
        return None

    def __contains__(self, word: str) -> bool:
        return word in self.df

    def speller(self, extra: Iterable[str] = ()):
        """Corrections against these words and `extra` ones (synonym terms: `spelling.Speller`),
        made on first use."""
        sp = self.__dict__.get("_speller")
        if sp is None:
            from briefing_tui.search.spelling import Speller

            words = self._speller_words(self.df) if self._speller_words is not None else None
            sp = self.__dict__["_speller"] = Speller(self.df, extra, words)
        return sp

    def prefix_df(self, prefix: str, cap: int = 500) -> int:
        """The highest document count of the words that begin with `prefix` (the first `cap`)."""
        lo, hi = self._begun(prefix)
        return max(self.df.counts[lo:min(hi, lo + cap)], default=0)

    def records_of_all(self, word: str, prefix: bool = False) -> int:
        """The records of `word`; for a prefix, those of every word it begins, summed (at least
        the records that have one of them: a record with two of them counts twice)."""
        if not prefix:
            return self.df.get(word, 0)
        kept = self._prefix_sums.get(word)
        if kept is None:
            lo, hi = self._begun(word)
            kept = self._prefix_sums[word] = sum(self.df.counts[lo:hi])
        return kept

    def records(self, word: str, prefix: bool = False) -> int:
        """The records of `word`; for a prefix, of the word it begins that has the most of them."""
        n = self.df.get(word, 0)
        return max(n, self.prefix_df(word)) if prefix else n

    def has_prefix(self, prefix: str) -> bool:
        i = self._sorted.bisect(prefix)
        return i < len(self._sorted) and self._sorted[i].startswith(prefix)

    def alive(self, alt: "Alt") -> bool:
        """Can this alternative match anything at all?"""
        *head, last = alt.words
        if any(w not in self.df for w in head):
            return False
        return self.has_prefix(last) if alt.prefix else last in self.df

    def word_like(self, left: str, depth: int = 0) -> bool:
        """Is `left` a word of the index, maybe with a linking "s", "e" or "en", or two such
        words? The left part of a compound must be, unless it is eight letters or more
        ("afgelopen" is no compound of "open"; "massavernietigingswapens" is one of "wapens")."""
        df = self.df
        if left in df or (left[-1:] in ("s", "e") and left[:-1] in df) or (left.endswith("en") and left[:-2] in df):
            return True
        if depth == 0:
            return any(left[:i] in df and self.word_like(left[i:], 1) for i in range(3, len(left) - 2))
        return False

    def compounds(self, part: str, open_end: bool = False) -> list[str]:
        """Words with `part` as a later compound part (see the module doc), most frequent first.

        With `open_end` (a prefix being typed), anything may follow the part."""
        key = (part, open_end)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        result = self._later_parts().compounds(part, MAX_COMPOUNDS, None if open_end else _compound_end)
        if len(self._cache) > 5000:
            self._cache.clear()
        self._cache[key] = result
        return result

    def prepare_compounds(self, parts: list[str]) -> None:
        """Ready the compounds of `parts` (a word and its stems) that no search asked before:
        their occurrences read together (`compounds.LaterParts.prepare`)."""
        todo = [p for p in parts if (p, False) not in self._cache and (p, True) not in self._cache]
        if len(todo) > 1:
            self._later_parts().prepare(todo)

    def _later_parts(self):
        later = self.__dict__.get("_later")
        if later is None:
            from briefing_tui.search.compounds import LaterParts

            later = self.__dict__["_later"] = LaterParts(self.df, self._left_ok)
        return later

    def _left_ok(self, left: str) -> bool:
        """May `left` stand before a later compound part (see the module doc)?"""
        return left not in VERB_PREFIXES and left.isalpha() and (len(left) >= 8 or self.word_like(left))


def _compound_end(right: str) -> bool:
    """May `right` follow a later compound part (see the module doc): nothing, an inflection, or
    another part of four letters or more?"""
    return right == "" or right in INFLECTIONS or (len(right) >= 4 and right.isalpha())


# --- synonyms ------------------------------------------------------------------------------------

MAX_GROUP_TERMS = 32  # synonym terms one query word expands to (see Synonyms.match)


class Synonyms:
    """Synonym groups as word tuples (folded), each term mapped to its group(s)."""

    def __init__(self, groups: Iterable[Iterable[str]]) -> None:
        self.groups: list[list[tuple[str, ...]]] = []
        self.index: dict[tuple[str, ...], list[int]] = {}
        for group in groups:
            terms = []
            for term in group:
                ws = tuple(words(searchable(term)))
                if not ws or (len(ws) == 1 and ws[0] in STOPWORDS):
                    continue  # "al": see the module doc
                terms.append(ws)
            terms = list(dict.fromkeys(terms))
            if len(terms) < 2:
                continue
            gi = len(self.groups)
            self.groups.append(terms)
            for t in terms:
                self.index.setdefault(t, []).append(gi)
        self.longest = max((len(t) for t in self.index), default=0)
        self.words = frozenset(w for t in self.index for w in t)
        self._singles = sorted(t[0] for t in self.index if len(t) == 1)

    def single_starting(self, prefix: str) -> str | None:
        """The shortest one-word term that begins with `prefix` ("biowapen" -> "biowapens")."""
        i = bisect_left(self._singles, prefix)
        found = [t for t in self._singles[i:i + 50] if t.startswith(prefix)]
        return min(found, key=len) if found else None

    def match(self, tokens: list[str], i: int) -> tuple[int, list[tuple[str, ...]]] | None:
        """The longest synonym term starting at tokens[i]: (length, the terms of its groups).

        The term itself comes first, then the group's others in file order, at most
        MAX_GROUP_TERMS in all: every term costs each search that uses it, so a huge group
        (`briefing check` warns about it) cannot make a query slow."""
        for k in range(min(self.longest, len(tokens) - i), 0, -1):
            term = tuple(tokens[i:i + k])
            gis = self.index.get(term)
            if gis:
                terms: dict[tuple[str, ...], None] = {term: None}
                for gi in gis:
                    for t in self.groups[gi]:
                        if len(terms) >= MAX_GROUP_TERMS:
                            break
                        terms[t] = None
                return k, list(terms)
        return None


# --- pruning -------------------------------------------------------------------------------------

def prune(alts: list[Alt], vocab: Vocabulary | None) -> list[Alt]:
    """Leave out alternatives that match nothing in the index and those another one covers
    ("wapens" is covered by "wapen"*, "autonome wapensystemen"* by "autonome wapensystem"*).
    FTS5 pays for every alternative on every document it merges, so fewer is faster."""
    alts = list(dict.fromkeys(alts))
    if vocab is not None:
        live = [a for a in alts if vocab.alive(a)]
        if not live:
            return alts[:1]  # nothing can match: keep one, the unit then finds nothing
        alts = live
    out = [a for a in alts if not any(b is not a and _may_cover(b, a) and _covers(b, a) for b in alts)]
    return out or alts[:1]


def _may_cover(b: Alt, a: Alt) -> bool:
    """A quick test that `_covers(b, a)` needs (a compound-rich unit has fifty alternatives:
    2,500 pairs): `b`'s first word stands in `a` (begins a word of `a`, for a one-word prefix)."""
    first = b.words[0]
    if b.prefix and len(b.words) == 1:
        return any(w.startswith(first) for w in a.words)
    return len(b.words) <= len(a.words) and first in a.words


def _covers(b: Alt, a: Alt) -> bool:
    """Does every text that `a` matches also match `b`? Then `a` adds nothing to the matches
    and would only count twice in bm25 ("dodelijke autonome wapens" next to "autonome wapens",
    "wapens" next to "wapen"*)."""
    if a == b:
        return False
    m, n = len(a.words), len(b.words)
    for i in range(m - n + 1):
        ok = True
        for j in range(n):
            k = i + j
            a_open = a.prefix and k == m - 1  # a's word here is any word starting with a.words[k]
            last_of_b = j == n - 1
            if last_of_b and b.prefix:
                ok = a.words[k].startswith(b.words[j])
            else:
                ok = not a_open and a.words[k] == b.words[j]
            if not ok:
                break
        if ok:
            return True
    return False


# --- parsing -------------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _clean(text: str) -> str:
    text = _CONTROL.sub(" ", text[: MAX_QUERY_CHARS * 2])
    # Unpaired surrogates and other unencodable characters cannot reach SQLite.
    text = text.encode("utf-8", "replace").decode("utf-8")
    text = "".join(ch if unicodedata.category(ch) not in ("Cs", "Co", "Cn") else " " for ch in text) if not text.isascii() else text
    return text[:MAX_QUERY_CHARS]


@dataclass
class _Chunk:
    tokens: list[str]
    quoted: bool
    closed: bool = True  # for quoted chunks: was the quote closed?


def _chunks(text: str) -> list[_Chunk]:
    out: list[_Chunk] = []
    parts = text.split('"')
    for n, part in enumerate(parts):
        quoted = n % 2 == 1
        if quoted:
            toks = words(part)
            if toks:
                out.append(_Chunk(toks, True, closed=n < len(parts) - 1))
        else:
            for piece in part.split():
                toks = words(piece)
                if len(toks) > 1 and "-" in piece and all(len(t) >= 2 and t.isalpha() for t in toks) \
                        and all(ch.isalnum() or ch == "-" for ch in piece):
                    out.extend(_Chunk([t], False) for t in toks)  # "drone-export": two words
                elif toks:
                    out.append(_Chunk(toks, False))
    return out


def word_alts(word: str, vocab: Vocabulary | None, typing: bool = False) -> list[Alt]:
    """What one word may match (see the module doc, steps 6-8)."""
    alts = [Alt((word,))]
    if len(word) <= SHORT or not word.isalpha():
        if typing and len(word) > SHORT:
            alts.append(Alt((word,), True))
        return alts
    if len(word) >= 5 or typing:
        alts.append(Alt((word,), True))
    forms = stems(word)
    for s in forms:
        if len(s) >= 5:
            alts.append(Alt((s,), True))
        else:
            alts.extend(Alt((s + end,)) for end in ("", "s", "en", "e"))
    if vocab is not None:
        alts.extend(Alt((f,)) for f in grown(word) if f in vocab)
        parts = [part for part in [word, *forms] if len(part) >= 4]
        vocab.prepare_compounds(parts)
        for part in parts:
            alts.extend(Alt((w,), compound=True) for w in vocab.compounds(part, open_end=typing and part == word))
    return alts


def phrase_alts(tokens: tuple[str, ...], vocab: Vocabulary | None, typing: bool = False, inflect: bool = False) -> list[Alt]:
    """A phrase; while typing its last word is a prefix. With `inflect` (synonym terms) the last
    word may also take the forms of its stems ("autonome wapens" finds "autonome wapen",
    "autonome wapensysteem" finds "autonome wapensystemen"): exact forms, no prefix, because a
    phrase whose last word is a prefix is the most expensive thing FTS5 can be asked."""
    if len(tokens) == 1:
        return word_alts(tokens[0], vocab, typing) if (inflect or typing) else [Alt(tokens)]
    last = tokens[-1]
    alts = [Alt(tokens)]
    if typing and len(last) > SHORT and last.isalpha():
        alts.append(Alt(tokens, True))
    if inflect and last.isalpha():
        forms = [last, *stems(last)]
        for form in forms:
            for end in ("", "s", "en", "e", "n"):
                alts.append(Alt(tokens[:-1] + (form + end,)))
        if last.endswith(("e", "en")):  # "systemen" <- "systeem": the plural of a stem
            for form in stems(last):
                alts.extend(Alt(tokens[:-1] + (f,)) for f in _undouble(form))
    return alts


def parse(text: str, vocab: Vocabulary | None = None, synonyms: Synonyms | None = None) -> ParsedQuery:
    """Parse any string into AND-ed units; never raises."""
    raw = _clean(text or "")
    folded = searchable(raw)
    typing_at_end = bool(raw) and not raw[-1].isspace() and not (raw.rstrip().endswith('"') and raw.count('"') % 2 == 0)
    chunks = _chunks(folded)
    corrections: list[tuple[str, str]] = []
    splits: list[tuple[str, tuple[str, ...]]] = []
    if vocab is not None:
        chunks = _repair_unknown(chunks, vocab, synonyms, typing_at_end, corrections, splits)
    units: list[Unit] = []
    dropped: list[str] = []

    # Outside quotes: flatten runs of unquoted chunks to find synonyms across words.
    i = 0
    while i < len(chunks):
        ch = chunks[i]
        is_last_chunk = i == len(chunks) - 1
        if ch.quoted:
            toks = tuple(ch.tokens)
            typing = is_last_chunk and not ch.closed and typing_at_end
            if typing and len(toks) > 1 and (len(toks[-1]) == 1 or (len(toks[-1]) <= SHORT and (vocab is None or toks[-1] not in vocab))):
                dropped.append(toks[-1])
                toks = toks[:-1]
            alts = [Alt(toks, typing and len(toks[-1]) > SHORT)]
            units.append(Unit('"' + " ".join(toks) + '"', alts, "phrase"))
            i += 1
            continue
        run: list[tuple[str, int]] = []  # (token, chunk index)
        j = i
        while j < len(chunks) and not chunks[j].quoted:
            run.extend((t, j) for t in chunks[j].tokens)
            j += 1
        tokens = [t for t, _ in run]
        last_run = j == len(chunks)
        k = 0
        pending: list[tuple[str, int]] = []

        def flush_pending(pending: list[tuple[str, int]]) -> None:
            # Consecutive leftover words of one chunk form a phrase; of different chunks, words.
            groups: list[list[str]] = []
            prev = None
            for tok, ci in pending:
                if groups and ci == prev and len(chunks[ci].tokens) > 1:
                    groups[-1].append(tok)
                else:
                    groups.append([tok])
                prev = ci
            for g in groups:
                units.append(Unit(" ".join(g), [], "word" if len(g) == 1 else "phrase"))
                units[-1].alts = [Alt(tuple(g))]  # expanded below, once the last unit is known
            pending.clear()

        while k < len(tokens):
            m = synonyms.match(tokens, k) if synonyms is not None else None
            # A synonym needs whole chunks: "uav's" is a term, "uav" of "uav's" is not.
            if m is not None:
                length, terms = m
                first_chunk, last_chunk = run[k][1], run[k + length - 1][1]
                starts_chunk = k == 0 or run[k - 1][1] != first_chunk
                ends_chunk = k + length == len(run) or run[k + length][1] != last_chunk
                typing_here = last_run and k + length == len(tokens) and typing_at_end
                if starts_chunk and ends_chunk:
                    flush_pending(pending)
                    syn_alts: list[Alt] = []
                    for term in terms:
                        if len(term) == 1 and len(term[0]) <= SHORT:
                            syn_alts.append(Alt(term))
                        else:
                            syn_alts.extend(phrase_alts(term, vocab, inflect=True))
                    if typing_here and len(tokens[k + length - 1]) > SHORT:
                        syn_alts.append(Alt(tuple(tokens[k:k + length]), True))
                    units.append(Unit(" ".join(tokens[k:k + length]), syn_alts, "synonym"))
                    k += length
                    continue
            pending.append(run[k])
            k += 1
        flush_pending(pending)
        i = j

    # Expand plain words and chunk phrases now that we know which unit comes last.
    last_index = len(units) - 1
    out: list[Unit] = []
    for n, unit in enumerate(units):
        typing = n == last_index and typing_at_end and unit.kind != "synonym" and not unit.label.startswith('"')
        if unit.kind == "word":
            word = unit.alts[0].words[0]
            if typing and len(units) > 1 and (len(word) == 1 or (len(word) <= SHORT and (vocab is None or word not in vocab))):
                dropped.append(word)  # a fragment being typed: "autonome w", "autonome wa"
                continue
            unit.alts = word_alts(word, vocab, typing)
        elif unit.kind == "phrase" and not unit.label.startswith('"'):
            unit.alts = phrase_alts(unit.alts[0].words, vocab, typing)
        out.append(unit)

    # Function words: left out when something else remains.
    for leave_out in (STOPWORDS, FILLER):
        content_units = [u for u in out if not (u.kind in ("word", "synonym") and u.label in leave_out)]
        if content_units and len(content_units) < len(out):
            dropped.extend(u.label for u in out if u.kind in ("word", "synonym") and u.label in leave_out)
            out = content_units
    if len(out) > MAX_UNITS:
        dropped.extend(u.label for u in out[MAX_UNITS:])
        out = out[:MAX_UNITS]
    for unit in out:
        unit.alts = prune(unit.alts, vocab)
    out = _one_per_concept(out)
    plan: dict[str, str | tuple[str, ...]] = {}
    for unit in out:
        if vocab is not None:
            for alt in unit.alts:
                if alt.prefix and alt.words[-1] not in plan and (how := vocab.prefix_plan(alt.words[-1])) is not None:
                    plan[alt.words[-1]] = how
    repaired = " ".join(t for ch in chunks for t in ch.tokens) if corrections or splits else ""
    return ParsedQuery(out, dropped, plan, corrections, splits, repaired)


def _one_per_concept(units: list[Unit]) -> list[Unit]:
    """Units of which one matches wherever the other does, as one unit: "drones en onbemande
    luchtvaartuigen" names one synonym group twice (the last one also as typed, a prefix). Their AND
    is the narrower unit, kept with both labels: a concept counts once (`ranking`), and FTS5 would
    read every form of it again for the AND."""
    def within(narrow: Unit, broad: Unit) -> bool:
        """Does every record with a form of `narrow` have one of `broad`? (A prefix form holds its
        word.)"""
        forms = set(broad.alts)
        return bool(narrow.alts) and all(a in forms or Alt(a.words, True, a.compound) in forms for a in narrow.alts)

    out: list[Unit] = []
    for unit in units:
        same = next((u for u in out if within(u, unit) or within(unit, u)), None)
        if same is None:
            out.append(unit)
            continue
        if not within(same, unit):
            same.alts = unit.alts  # the narrower one
        if unit.label not in same.label.split(" / "):
            same.label = f"{same.label} / {unit.label}"
    return out


def _unknown(word: str, vocab: Vocabulary, synonyms: Synonyms | None, typing: bool) -> bool:
    """A word that can match nothing: not in the index, no synonym term, no compound part
    (and, for the word being typed, the start of no word of the index)."""
    if len(word) <= SHORT or not word.isalpha() or word in STOPWORDS or word in FILLER:
        return False
    if word in vocab or (synonyms is not None and word in synonyms.words):
        return False
    if typing and vocab.has_prefix(word):
        return False
    if any(s in vocab or vocab.has_prefix(s) for s in stems(word) if len(s) >= 5):
        return False
    return not (len(word) >= 4 and vocab.compounds(word))


def _repair_unknown(chunks: list[_Chunk], vocab: Vocabulary, synonyms: Synonyms | None, typing_at_end: bool,
                    corrections: list, splits: list) -> list[_Chunk]:
    """Unknown words outside quotes (see `_unknown`): split into known parts, else corrected
    (see `spelling`); before synonyms are matched, so that "killer robtos" is the LAWS group."""

    def known(part: str) -> str | None:
        if len(part) < 3:
            return None
        if part in vocab or (synonyms is not None and (part,) in synonyms.index):
            return part
        if len(part) >= 5 and synonyms is not None:
            return synonyms.single_starting(part)
        return None

    out: list[_Chunk] = []
    last = len(chunks) - 1
    for n, ch in enumerate(chunks):
        if ch.quoted or len(ch.tokens) != 1 or not _unknown(ch.tokens[0], vocab, synonyms, typing_at_end and n == last):
            out.append(ch)
            continue
        word = ch.tokens[0]
        from briefing_tui.search.spelling import split_compound  # rapidfuzz: only for an unknown word

        parts = split_compound(word, known)
        if parts:
            splits.append((word, tuple(parts)))
            out.extend(_Chunk([p], False) for p in parts)
            continue
        fixes = vocab.speller(synonyms.words if synonyms is not None else ()).corrections(word)
        if fixes:
            corrections.append((word, fixes[0]))
            out.append(_Chunk([fixes[0]], False))
        else:
            out.append(ch)
    return out
