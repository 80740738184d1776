"""Who answers: the ministers and state secretaries of an "Antwoord van …" heading.

    parse_answerers("de Ministers Hoekstra (Buitenlandse Zaken) en Ollongren (Defensie)")
    -> [Answerer("Hoekstra", "minister van Buitenlandse Zaken"),
        Answerer("Ollongren", "minister van Defensie")]

Forms read (titles in any case, singular or plural; "de" optional):

- "minister Blok (Buitenlandse Zaken)", "staatssecretaris Van der Burg (Justitie en Veiligheid)";
- several: "de Ministers Hoekstra (Buitenlandse Zaken) en Ollongren (Defensie)", "minister
  Hoekstra (Buitenlandse Zaken) en minister Ollongren (Defensie)";
- by office only: "de minister van Buitenlandse Zaken en de minister van Defensie",
  "de Ministers van Buitenlandse Zaken en van Defensie" (the name is then not in the heading);
- "…, mede namens de minister van Defensie" / "mede namens minister Ollongren (Defensie)":
  co-signatories (`co=True`).

A department in parentheses may hold "en" and commas ("Onderwijs, Cultuur en Wetenschap"): only
a comma or "en" outside parentheses, followed by a title or by a name with its department,
separates two people. Ministers "voor" a policy area (Buitenlandse Handel en
Ontwikkelingssamenwerking) keep "voor".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

__all__ = ["Answerer", "parse_answerers"]

_TITLE = r"(?:minister-president|ministers|minister|staatssecretarissen|staatssecretaris)"
_SEPARATOR = re.compile(
    rf"\s*(?:,\s*(?:en\s+)?|\s+en\s+)(?=(?:de\s+|het\s+)?(?:{_TITLE}\b|van\s|voor\s)|[A-ZÀ-Ý][^()]{{0,60}}\()",
    re.IGNORECASE,
)
_MEDE = re.compile(r",?\s*mede\s+namens\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Answerer:
    name: str | None  # None when the heading names the office only
    role: str  # "minister van Buitenlandse Zaken", "staatssecretaris van Defensie"
    co: bool = False  # "mede namens"


def _singular(title: str) -> str:
    t = title.lower()
    return {"ministers": "minister", "staatssecretarissen": "staatssecretaris"}.get(t, t)


def _top_level_split(text: str) -> list[str]:
    parts, start = [], 0
    for m in _SEPARATOR.finditer(text):
        if text.count("(", 0, m.start()) != text.count(")", 0, m.start()):
            continue  # inside parentheses: part of a department's name
        parts.append(text[start : m.start()])
        start = m.end()
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def _people(text: str, co: bool, clean: Callable[[str], str | None], voor: Callable[[str], bool]) -> list[Answerer]:
    out: list[Answerer] = []
    title: str | None = None
    for part in _top_level_split(text):
        part = re.sub(r"^(?:de|het)\s+", "", part, flags=re.IGNORECASE)
        m = re.match(rf"^({_TITLE})\b\s*(.*)$", part, re.IGNORECASE | re.DOTALL)
        if m:
            title, rest = _singular(m.group(1)), m.group(2).strip()
        else:
            rest = part
        if title is None:
            continue
        office = re.match(r"^(van|voor)\s+(.+?)\s*,?$", rest, re.DOTALL)  # "Van der Burg" is a name
        if office:
            dept = " ".join(office.group(2).split())
            named = re.match(r"^(.+?),\s*([A-ZÀ-Ý][^,]{1,60})$", dept)  # "van Buitenlandse Zaken, Blok"
            if named and clean(named.group(2)):
                out.append(Answerer(clean(named.group(2)), f"{title} {office.group(1)} {named.group(1)}", co))
            else:
                out.append(Answerer(None, f"{title} {office.group(1)} {dept}", co))
            continue
        person = re.match(r"^(.+?)\s*\(\s*([^()]+?)\s*\)$", rest, re.DOTALL)
        if person:
            name = clean(" ".join(person.group(1).split()))
            dept = " ".join(person.group(2).split())
            if name:
                out.append(Answerer(name, f"{title} {'voor' if voor(dept) else 'van'} {dept}", co))
    return out


def parse_answerers(
    who: str,
    clean: Callable[[str], str | None] = lambda s: s.strip() or None,
    voor: Callable[[str], bool] = lambda dept: False,
) -> list[Answerer]:
    """The people of the part between "Antwoord van" and "(ontvangen …)"; `clean` checks and
    tidies a name (None: not a name), `voor` says whether a department takes "voor"."""
    who = " ".join(who.split())
    main, *mede = _MEDE.split(who, maxsplit=1)
    people = _people(main, False, clean, voor)
    if mede:
        people += _people(mede[0], True, clean, voor)
    return people
