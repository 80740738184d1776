"""Recognise references to other parliamentary documents inside a source's text.

    find_references(text) -> list[Reference]   (in text order)

Forms recognised (all of them occur in the seed texts; whitespace, no-break spaces and line
breaks may stand anywhere between the parts):

- Kamerstukken: "Kamerstuk 33 694, nr. 12", "33694 nr. 48", "Kamerstuk 33     783, nr.     41",
  "Kamerstuk 13 mei 2019, 33694, nr.45" (with a date), "Kamerstuk: vergaderjaar 2015-2016,
  34 300 X, nr. 88" (with a vergaderjaar), "Kamerstukken II 2018/19, 33 694, nr. 43" (the formal
  citation), "motie 33694, nr. 43", "Kamerstuk Kamerstuk 33694 nr. 48" (a doubled word), and
  several dossiers sharing one number: "Kamerstukken 34 300 X en 34 300 V, nr. 88" gives two
  references. A dossier is five digits ("33694" or "33 694"), optionally with a suffix
  ("34 300 X", "36 180-V", "21 501-02"; see `briefing_tui.dossiers`, the one definition); a
  number ("nr.") must follow, so plain numbers and dates are never references.
- Aanhangsel Handelingen: "Aanhangsel Handelingen II 2018/19, nr. 264" (also "2018-2019" and
  "vergaderjaar 2018-2019").
- Kamervragen numbers: "2019Z01633".

Ids follow officielebekendmakingen: "kst-33694-43", "kst-34300-X-88", "kst-21501-02-2345",
"ah-tk-20182019-264", "kv-tk-2019Z01633" (the official spelling, with a capital Z; content ids
are lowercase, so compare `Reference.content_id` with source ids). Each reference has the
normalised Dutch citation as `label` ("Kamerstuk 33 694, nr. 43") and the link as `url`.

`start`/`end` are the offsets of the reference in the text. When several dossiers share one
number, the first reference runs from the start of the match to the end of its dossier and each
further one from its dossier to the end of the match, so the spans never overlap.
`date` is an ISO date when the reference states one ("13 mei 2019" -> "2019-05-13"); `year`
is the vergaderjaar ("2015-2016") when the reference states one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing_tui.dates import MONTHS_NL
from briefing_tui.dossiers import BASE_URL, DOSSIER_PATTERN, ZAAK_PATTERN, format_dossier, kamerstuk_id, parse_dossier

__all__ = ["Reference", "find_references", "BASE_URL"]


@dataclass(frozen=True, slots=True)
class Reference:
    kind: str  # "kamerstuk" | "aanhangsel" | "kamervragen"
    id: str  # "kst-33694-43", "ah-tk-20182019-264", "kv-tk-2019Z01633"
    label: str  # "Kamerstuk 33 694, nr. 43"
    url: str
    start: int
    end: int
    date: str | None = None  # ISO, when the reference states a date
    year: str | None = None  # vergaderjaar "2015-2016", when the reference states one
    dossier: str | None = None  # Kamerstukken: "33694", "34300-X", "21501-02"
    number: str | None = None  # the document number: "43"; Kamervragen: "2019Z01633"

    @property
    def content_id(self) -> str:
        """The id as a content source would have it (content ids are lowercase)."""
        return self.id.lower()


_WS = r"[\s\u00a0]"
_MONTH = "|".join(MONTHS_NL)
_DOSSIER = DOSSIER_PATTERN
_KAMERSTUK = re.compile(
    rf"""
    (?:
        (?P<kw>(?:Kamerstuk(?:ken)?{_WS}*(?:II{_WS}+)?:?{_WS}*)+|[Mm]otie{_WS}+)
        (?:
            (?P<date>\d{{1,2}}{_WS}+(?:{_MONTH}){_WS}+\d{{4}}){_WS}*,{_WS}*
          | (?:vergaderjaar{_WS}+)?(?P<vj>\d{{4}}{_WS}*[-/]{_WS}*\d{{2}}(?:\d{{2}})?){_WS}*,{_WS}*
        )?
    )?
    (?P<dossiers>{_DOSSIER}(?:{_WS}*(?:,|en|&){_WS}*{_DOSSIER})*)
    {_WS}*,?{_WS}*nr\.?{_WS}*(?P<nr>\d+)(?!\d)
    """,
    re.VERBOSE,
)
_ONE_DOSSIER = re.compile(_DOSSIER)
_AANHANGSEL = re.compile(
    rf"Aanhangsel{_WS}+(?:van{_WS}+de{_WS}+)?Handelingen(?:{_WS}+II)?{_WS}*,?{_WS}*(?:vergaderjaar{_WS}+)?"
    rf"(?P<y1>\d{{4}}){_WS}*[/-]{_WS}*(?P<y2>\d{{2}}(?:\d{{2}})?){_WS}*,{_WS}*nr\.?{_WS}*(?P<nr>\d+)(?!\d)"
)
_KAMERVRAGEN = re.compile(rf"(?<!\d){ZAAK_PATTERN}")


def _vergaderjaar(raw: str | None) -> str | None:
    if not raw:
        return None
    m = re.match(r"^(\d{4})[\s\u00a0]*[-/][\s\u00a0]*(\d{2}|\d{4})$", raw.strip())
    if not m:
        return None
    first = int(m.group(1))
    second = int(m.group(2)) if len(m.group(2)) == 4 else (first // 100) * 100 + int(m.group(2))
    if second != first + 1:
        return None
    return f"{first}-{second}"


def _iso_date(raw: str | None) -> str | None:
    if not raw:
        return None
    day, month, year = re.split(r"[\s\u00a0]+", raw.strip())
    return f"{int(year):04d}-{MONTHS_NL.index(month) + 1:02d}-{int(day):02d}"


def find_references(text: str) -> list[Reference]:
    """Every reference to a Kamerstuk, Aanhangsel or Kamervragen number in the text, in order."""
    refs: list[Reference] = []
    taken: list[tuple[int, int]] = []
    for m in _KAMERSTUK.finditer(text):
        date = _iso_date(m.group("date"))
        year = _vergaderjaar(m.group("vj"))
        number = m.group("nr")
        dossiers = list(_ONE_DOSSIER.finditer(text, m.start("dossiers"), m.end("dossiers")))
        for i, d in enumerate(dossiers):
            dossier = parse_dossier(d.group(0)) or re.sub(r"\D", "", d.group(0))
            rid = kamerstuk_id(dossier, number)
            start = m.start() if i == 0 else d.start()
            end = m.end() if i == len(dossiers) - 1 else d.end()
            refs.append(
                Reference(
                    kind="kamerstuk",
                    id=rid,
                    label=f"Kamerstuk {format_dossier(dossier)}, nr. {number}",
                    url=f"{BASE_URL}{rid}.html",
                    start=start,
                    end=end,
                    date=date,
                    year=year,
                    dossier=dossier,
                    number=number,
                )
            )
        taken.append((m.start(), m.end()))
    for m in _AANHANGSEL.finditer(text):
        year = _vergaderjaar(f"{m.group('y1')}/{m.group('y2')}")
        if year is None:
            continue
        rid = f"ah-tk-{year.replace('-', '')}-{m.group('nr')}"
        short = f"{year[:4]}/{year[7:]}"
        refs.append(
            Reference(
                kind="aanhangsel",
                id=rid,
                label=f"Aanhangsel Handelingen II {short}, nr. {m.group('nr')}",
                url=f"{BASE_URL}{rid}.html",
                start=m.start(),
                end=m.end(),
                year=year,
                number=m.group("nr"),
            )
        )
        taken.append((m.start(), m.end()))
    for m in _KAMERVRAGEN.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        code = m.group(0)
        rid = f"kv-tk-{code}"
        refs.append(
            Reference(
                kind="kamervragen",
                id=rid,
                label=f"Kamervragen {code}",
                url=f"{BASE_URL}{rid}.html",
                start=m.start(),
                end=m.end(),
                number=code,
            )
        )
    refs.sort(key=lambda r: (r.start, r.end))
    return refs
