"""What a query asks for beside its words: a kind of record, a status, a year or a period.

    intents, rest = read_intents("open toezeggingen cyber sinds 2020")
    # intents: [kind commitment "toezeggingen", status open "open", since 2020 "sinds 2020"]
    # rest: "cyber"

The words an intent was read from leave the text (they would otherwise have to stand in the
record). Each `Intent` keeps the words as typed (`words`), so that a surface shows it as a chip
and the user can take it back (`SearchQuery.keep_words`: those words are read as text again).

- kind: toezegging(en) / toegezegd -> commitment; motie(s) / amendement(en) -> motion;
  kamervraag / kamervragen anywhere, vragen / vraag / antwoord(en) as the query's first word ->
  qa. Only the first kind word is an intent; a later one is text ("vragen motie koopmans": the
  questions about the motion).
- status: open / openstaand(e) / lopend(e) -> open, nagekomen / vervuld(e) / afgerond(e) ->
  fulfilled; only next to a kind intent for commitments (or alone with "toezeggingen").
- year or month: a year 1990-2039 ("2019"), a month name with it ("maart 2021") -> a boost for
  records of that period (a superseded line of that year is then no longer demoted); after
  "sinds" / "vanaf" / "na" -> a filter (`since`). A day before a month ("11 november 2020") stays
  text, the year is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing_tui.dates import MONTHS_NL

KIND_WORDS = {
    "toezegging": "commitment", "toezeggingen": "commitment", "toegezegd": "commitment",
    "toezeggen": "commitment", "commitments": "commitment", "commitment": "commitment",
    "motie": "motion", "moties": "motion", "amendement": "motion", "amendementen": "motion",
    "motions": "motion",
    "kamervraag": "qa", "kamervragen": "qa",
}
FIRST_ONLY_KIND_WORDS = {"vragen": "qa", "vraag": "qa", "antwoord": "qa", "antwoorden": "qa", "questions": "qa"}
STATUS_WORDS = {
    "open": "open", "openstaand": "open", "openstaande": "open", "lopend": "open", "lopende": "open",
    "nagekomen": "fulfilled", "vervuld": "fulfilled", "vervulde": "fulfilled", "afgerond": "fulfilled",
    "afgeronde": "fulfilled", "uitgevoerd": "fulfilled", "uitgevoerde": "fulfilled",
}
SINCE_WORDS = frozenset(("sinds", "vanaf", "na", "since", "after"))
MONTHS = {name: n for n, name in enumerate(MONTHS_NL, 1)}
MONTHS.update({"jan": 1, "feb": 2, "mrt": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
               "okt": 10, "nov": 11, "dec": 12})
_YEAR = re.compile(r"^(199\d|20[0-3]\d)$")
_TOKEN = re.compile(r"\S+")
_STRIP = ".,;:!?()[]{}'\"’‘"

@dataclass(frozen=True)
class Intent:
    kind: str  # "kind" | "status" | "period" | "since"
    value: str  # a record kind, a status, or a partial date ("2021", "2021-03")
    words: str  # as typed, e.g. "toezeggingen", "sinds oktober 2020"


def read_intents(text: str, keep_words: tuple[str, ...] = ()) -> tuple[list[Intent], str]:
    """(intents, the text without their words). Never raises; quoted text is left alone."""
    if not text or '"' in text:
        return [], text or ""
    keep = {w.casefold() for w in keep_words}
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    plain = [t[2].casefold().strip(_STRIP) for t in tokens]
    used: set[int] = set()
    intents: list[Intent] = []

    def typed(idx: list[int]) -> str:
        return " ".join(tokens[i][2].strip(_STRIP) for i in idx)

    # Periods first: "sinds oktober 2020", "maart 2021", "2019".
    for i, word in enumerate(plain):
        if not _YEAR.match(word):
            continue
        span = [i]
        value = word
        j = i - 1
        if j >= 0 and plain[j] in MONTHS and not (j >= 1 and plain[j - 1].isdigit()):
            value = f"{word}-{MONTHS[plain[j]]:02d}"
            span.insert(0, j)
            j -= 1
        kind = "period"
        if j >= 0 and plain[j] in SINCE_WORDS:
            kind = "since"
            span.insert(0, j)
        words = typed(span)
        if words.casefold() in keep or word in keep:
            continue
        intents.append(Intent(kind, value, words))
        used.update(span)
    # Kinds: the first kind word.
    kind_at = None
    first_content = next((i for i, w in enumerate(plain) if i not in used and w), None)
    for i, word in enumerate(plain):
        if i in used or word in keep:
            continue
        record_kind = KIND_WORDS.get(word) or (FIRST_ONLY_KIND_WORDS.get(word) if i == first_content else None)
        if record_kind:
            intents.append(Intent("kind", record_kind, typed([i])))
            used.add(i)
            kind_at = record_kind
            break
    if kind_at == "commitment":
        for i, word in enumerate(plain):
            if i not in used and word in STATUS_WORDS and word not in keep:
                intents.append(Intent("status", STATUS_WORDS[word], typed([i])))
                used.add(i)
                break
    if not used:
        return [], text
    rest = " ".join(tokens[i][2] for i in range(len(tokens)) if i not in used)
    if text and text[-1].isspace() and rest:
        rest += " "  # the last word is finished: no prefix
    return intents, rest
