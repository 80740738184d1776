"""Deadlines of commitments: a due range read from the wording and the date of a toezegging.

The Tweede Kamer's own records give a toezegging no deadline: it hides in the text ("voor de
zomer", "in 2021", "binnen drie weken"). `due_of(commitment, corpus)` finds the phrase, first in
the verbatim quote, then in the commitment's own-words text, and turns it into a range of days
relative to the date of the letter the quote is from ("dit jaar" in a letter of 2019 is 2019),
falling back to the date the commitment was made. The phrase found is kept as the evidence.

Where the parse is wrong, the knowledge base says so: a commitment's optional `due` field in
commitments.yaml (`{from, to, evidence}`; without `from` and `to` it means "no deadline")
replaces the parse. The rules, as docs/content-format.md ("Deadlines") lists them:

- "zo spoedig / zo snel mogelijk", "op zo kort mogelijke termijn": no deadline (`none`);
- "binnen drie weken / twee maanden / 10 dagen": from the date to that many units after it;
- "voor de zomer", "voor het zomerreces": until 15 July (the recess begins in the first half
  of July); "na de zomer", "na het zomerreces": September to December;
- "dit / in het / komend voorjaar, najaar": March to June, September to December;
- "eind 2021", "eind dit jaar", "(voor) het einde van het jaar": October to December;
  "begin 2022": January to March;
- "in het eerste (tweede, derde, vierde) kwartaal [van 2022 / dit jaar / volgend jaar]",
  "in de eerste (tweede) helft van [dit jaar / 2019]";
- "voor de begrotingsbehandeling": until 30 November (the budget debates follow Prinsjesdag
  in October and November); "voor Prinsjesdag": until the third Tuesday of September;
- "op 11 november a.s.", "op 11 november 2020": that day; "in november 2021": that month;
- "in 2021", "uiterlijk in 2021", "in de loop van 2021": that year; "voor 2022": until the end
  of 2021; "dit jaar", "later dit jaar": until 31 December; "volgend jaar": the next year;
- "de komende weken / maanden": six weeks / six months from the date.

A year, month or day already past at the date of the letter is history, not a deadline ("op 25
februari 2021 organiseerde ...", "4 oktober jl."), and is skipped. Of the remaining phrases the
first in the text counts; a "zo spoedig mogelijk" counts only when no phrase gives a range.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from briefing_tui.dates import MONTHS_NL, bounds, is_valid, prinsjesdag
from briefing_tui.model import Commitment, Corpus

# Statuses under which a commitment is still to be kept (and so can be overdue).
OPEN_STATUSES = ("open", "partially-fulfilled", "unknown")


@dataclass(frozen=True, slots=True)
class Due:
    """A due range. `start`/`end` are ISO days (None: open-ended on that side).

    `none` is True for an explicit "no deadline" ("zo spoedig mogelijk", or `due` without
    dates in the knowledge base). `evidence` is the phrase as written in the text (or the
    knowledge base's own evidence for an override); `origin` says where it came from:
    "quote", "text" or "content" (the `due` field of commitments.yaml).
    """

    start: str | None
    end: str | None
    evidence: str
    origin: str
    none: bool = False

    def to_json(self) -> dict | None:
        """The contract of `briefing debate --json`: {from, to, evidence}, or None for no deadline."""
        if self.none:
            return None
        return {"from": self.start, "to": self.end, "evidence": self.evidence}


# --- the phrases ------------------------------------------------------------------------------

_NUMBERS = {
    "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7,
    "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12,
}
_ORDINALS = {"eerste": 1, "tweede": 2, "derde": 3, "vierde": 4}
_MONTH = "|".join(MONTHS_NL)
_YEAR = r"(?:19|20)\d\d"
_REL_YEAR = rf"(?:{_YEAR}|dit jaar|volgend jaar|het volgende jaar|komend jaar)"
_VOOR = r"(?:voor|vóór|uiterlijk)"

# (name, pattern). Matched case-insensitively on the text as written.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("asap", re.compile(r"\bzo (?:spoedig|snel) mogelijk\b|\bop zo kort mogelijke termijn\b", re.I)),
    ("within", re.compile(
        rf"\bbinnen (?P<n>\d+|{'|'.join(_NUMBERS)}) (?P<unit>dagen|dag|weken|week|maanden|maand)\b", re.I)),
    ("before_summer", re.compile(rf"\b{_VOOR} (?:de zomer|het zomerreces)\b", re.I)),
    ("after_summer", re.compile(r"\bna (?:de zomer|het zomerreces)\b", re.I)),
    ("season", re.compile(r"\b(?:dit|in het|komend|komende|het) (?P<season>voorjaar|najaar)\b", re.I)),
    ("end_of_year", re.compile(
        rf"\b(?:eind(?:e)? (?:van )?(?P<y>{_REL_YEAR})|(?:{_VOOR} )?het einde? van (?:dit|het) jaar)\b", re.I)),
    ("start_of_year", re.compile(rf"\bbegin (?:van )?(?P<y>{_REL_YEAR})\b", re.I)),
    ("quarter", re.compile(
        rf"\b(?:in )?het (?P<q>eerste|tweede|derde|vierde) kwartaal(?: van (?P<y>{_REL_YEAR}))?", re.I)),
    ("half", re.compile(rf"\b(?:in )?de (?P<h>eerste|tweede) helft van (?P<y>{_REL_YEAR})", re.I)),
    ("budget", re.compile(rf"\b{_VOOR} de begrotingsbehandeling\b", re.I)),
    ("prinsjesdag", re.compile(rf"\b{_VOOR} prinsjesdag\b", re.I)),
    ("day", re.compile(rf"\b(?P<d>[0-3]?\d) (?P<m>{_MONTH})(?: (?P<y>{_YEAR})| (?P<as>a\.s\.|aanstaande)| (?P<jl>jl\.|jongstleden))?", re.I)),
    ("month", re.compile(rf"\bin (?P<m>{_MONTH}) (?P<y>{_YEAR})\b", re.I)),
    ("before_year", re.compile(rf"\b(?:voor|vóór) (?P<y>{_YEAR})\b", re.I)),
    ("year", re.compile(rf"\b(?:in de loop van|uiterlijk in|uiterlijk|in) (?P<y>{_YEAR})\b", re.I)),
    ("this_year", re.compile(r"\b(?:later |nog |in de loop van )?dit jaar\b", re.I)),
    ("next_year", re.compile(r"\b(?:volgend|komend) jaar\b", re.I)),
    ("coming", re.compile(r"\b(?:in )?de komende (?P<unit>weken|maanden)\b", re.I)),
]


def _iso(d: date) -> str:
    return d.isoformat()


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    y += d.year
    m += 1
    last = (date(y + (m == 12), 1 if m == 12 else m + 1, 1) - timedelta(days=1)).day
    return date(y, m, min(d.day, last))


def _year_of(word: str | None, base: date) -> int:
    if not word:
        return base.year
    w = word.lower()
    if w == "dit jaar":
        return base.year
    if w in ("volgend jaar", "het volgende jaar", "komend jaar"):
        return base.year + 1
    return int(w)


def _range(name: str, m: re.Match[str], first: date, last: date) -> tuple[date | None, date | None] | None:
    """The range a phrase means, relative to the letter's date (first..last possible day).

    None when the phrase names a time already past at the letter's date (history, not a
    deadline) or cannot be read."""
    g = m.groupdict()
    y = first.year
    if name == "within":
        raw = g["n"].lower()
        n = int(raw) if raw.isdigit() else _NUMBERS[raw]
        unit = g["unit"].lower()
        if unit.startswith("dag"):
            return first, last + timedelta(days=n)
        if unit.startswith("we"):  # week, weken
            return first, last + timedelta(weeks=n)
        return first, _add_months(last, n)
    if name == "before_summer":
        end = date(y, 7, 15)
        if first > end:
            end = date(y + 1, 7, 15)
        return first, end
    if name == "after_summer":
        yy = y + 1 if first.month >= 9 else y  # a letter of the autumn means next year's
        return date(yy, 9, 1), date(yy, 12, 31)
    if name == "season":
        season = g["season"].lower()
        lo, hi = ((3, 1), (6, 30)) if season == "voorjaar" else ((9, 1), (12, 31))
        start, end = date(y, *lo), date(y, *hi)
        if end < first:
            start, end = date(y + 1, *lo), date(y + 1, *hi)
        return max(start, first), end
    if name == "end_of_year":
        yy = _year_of(g.get("y"), first)
        if yy < first.year:
            return None
        return max(date(yy, 10, 1), first), date(yy, 12, 31)
    if name == "start_of_year":
        yy = _year_of(g.get("y"), first)
        if date(yy, 3, 31) < first:
            return None
        return max(date(yy, 1, 1), first), date(yy, 3, 31)
    if name == "quarter":
        q = _ORDINALS[g["q"].lower()]
        yy = _year_of(g.get("y"), first)
        start, end = date(yy, 3 * q - 2, 1), _add_months(date(yy, 3 * q - 2, 1), 3) - timedelta(days=1)
        if end < first:
            if g.get("y"):
                return None
            start, end = date(yy + 1, 3 * q - 2, 1), _add_months(date(yy + 1, 3 * q - 2, 1), 3) - timedelta(days=1)
        return max(start, first), end
    if name == "half":
        h = _ORDINALS[g["h"].lower()]
        yy = _year_of(g.get("y"), first)
        start, end = (date(yy, 1, 1), date(yy, 6, 30)) if h == 1 else (date(yy, 7, 1), date(yy, 12, 31))
        if end < first:
            return None
        return start, end
    if name == "budget":
        end = date(y, 11, 30)
        if first > end:
            end = date(y + 1, 11, 30)
        return first, end
    if name == "prinsjesdag":
        end = prinsjesdag(y)
        if first > end:
            end = prinsjesdag(y + 1)
        return first, end
    if name == "day":
        if g.get("jl"):
            return None
        month = MONTHS_NL.index(g["m"].lower()) + 1
        try:
            if g.get("y"):
                day = date(int(g["y"]), month, int(g["d"]))
            else:
                day = date(y, month, int(g["d"]))
                if day < first:
                    day = date(y + 1, month, int(g["d"]))
        except ValueError:
            return None
        if day < first:
            return None
        return day, day
    if name == "month":
        month = MONTHS_NL.index(g["m"].lower()) + 1
        start, end = bounds(f"{int(g['y']):04d}-{month:02d}")
        if end < first:
            return None
        return max(start, first), end
    if name == "before_year":
        yy = int(g["y"])
        if date(yy - 1, 12, 31) < first:
            return None
        return first, date(yy - 1, 12, 31)
    if name == "year":
        yy = int(g["y"])
        if yy < first.year:
            return None
        return max(date(yy, 1, 1), first), date(yy, 12, 31)
    if name == "this_year":
        return first, date(y, 12, 31)
    if name == "next_year":
        return date(y + 1, 1, 1), date(y + 1, 12, 31)
    if name == "coming":
        if g["unit"].lower() == "weken":
            return first, last + timedelta(weeks=6)
        return first, _add_months(last, 6)
    return None


def parse_due(text: str, written: str | None, origin: str = "quote") -> Due | None:
    """The due range a text states, relative to the date it was written (a partial ISO date).

    None when the text states no time at all (or no date is known to read it against)."""
    if not text or not written or not is_valid(written):
        return None
    first, last = bounds(written)
    found: list[tuple[int, int, str, re.Match[str]]] = []
    for name, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            found.append((m.start(), -(m.end() - m.start()), name, m))
    found.sort(key=lambda f: (f[0], f[1]))
    taken_to = -1
    asap: re.Match[str] | None = None
    for start, _neg, name, m in found:
        if start < taken_to:
            continue  # inside a longer phrase already read ("dit jaar" in "de eerste helft van dit jaar")
        if name == "asap":
            asap = asap or m
            taken_to = m.end()
            continue
        rng = _range(name, m, first, last)
        if rng is None:
            taken_to = m.end()
            continue
        lo, hi = rng
        return Due(_iso(lo) if lo else None, _iso(hi) if hi else None, _phrase(m), origin)
    if asap is not None:
        return Due(None, None, _phrase(asap), origin, none=True)
    return None


def _phrase(m: re.Match[str]) -> str:
    return " ".join(m.group(0).split())


def written_on(commitment: Commitment, corpus: Corpus) -> str | None:
    """The date the quote was written: the source's date, else the date the commitment was made."""
    return corpus.source_date(commitment.source) or commitment.made_on


def override_due(commitment: Commitment) -> Due | None:
    """The knowledge base's own `due` (commitments.yaml), when it gives one."""
    due = commitment.due
    if not due:
        return None
    lo, hi = due.get("from"), due.get("to")
    evidence = due.get("evidence") or ""
    if not lo and not hi:
        return Due(None, None, evidence, "content", none=True)
    start = _iso(bounds(lo)[0]) if lo and is_valid(lo) else None
    end = _iso(bounds(hi)[1]) if hi and is_valid(hi) else None
    return Due(start, end, evidence, "content")


def due_of(commitment: Commitment, corpus: Corpus) -> Due | None:
    """The due range of a commitment: the knowledge base's `due`, else parsed from quote, then text."""
    given = override_due(commitment)
    if given is not None:
        return given
    written = written_on(commitment, corpus)
    return parse_due(commitment.quote, written, "quote") or parse_due(commitment.text, written, "text")


def is_open(commitment: Commitment) -> bool:
    return commitment.status in OPEN_STATUSES


def reference_day(debate_date: str | None, today: date | None = None) -> date:
    """The day overdue is measured against: the debate's first possible day, else today."""
    if debate_date and is_valid(debate_date):
        return bounds(debate_date)[0]
    return today or date.today()


def is_overdue(commitment: Commitment, due: Due | None, on: date) -> bool:
    """Still to be kept, and its due range ended before `on`."""
    if not is_open(commitment) or due is None or due.none or not due.end:
        return False
    return date.fromisoformat(due.end) < on


def describe_range(due: Due | None) -> str:
    """Dutch: "1 januari 2021 t/m 31 december 2021", "geen termijn", "onbekend"."""
    from briefing_tui.dates import format_nl

    if due is None:
        return "geen termijn in de tekst"
    if due.none:
        return f"geen termijn ({due.evidence})" if due.evidence else "geen termijn"
    lo = format_nl(due.start) if due.start else None
    hi = format_nl(due.end) if due.end else None
    if lo and hi:
        return f"{lo} t/m {hi}" if lo != hi else lo
    return f"uiterlijk {hi}" if hi else f"vanaf {lo}"


def validate_due(value: object) -> tuple[str, dict] | None:
    """What is wrong with a `due` mapping from commitments.yaml, as (code, data), or None."""
    if not isinstance(value, dict):
        return "deadline.not_a_mapping", {}
    for key in ("from", "to"):
        v = value.get(key)
        if v is not None and not is_valid(v):
            return "deadline.bad_date", {"field": key, "value": v}
    lo, hi = value.get("from"), value.get("to")
    if lo and hi and is_valid(lo) and is_valid(hi) and bounds(hi)[1] < bounds(lo)[0]:
        return "deadline.to_before_from", {"start": lo, "end": hi}
    if not value.get("evidence"):
        return "deadline.no_evidence", {}
    return None


__all__ = [
    "Due", "OPEN_STATUSES", "describe_range", "due_of", "is_open", "is_overdue", "override_due",
    "parse_due", "reference_day", "validate_due", "written_on",
]
