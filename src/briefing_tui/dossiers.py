"""Kamerstuk dossier numbers: the one definition, used by every part of the tool.

A dossier number is written in many ways; they all mean one dossier:

    written                                stored (content, ids)   cited
    "33694", "33 694"                      "33694"                 "33 694"
    "21 501-02", "21501-02", "21 501 - 02"   "21501-02"              "21 501-02"
    "35 925 X", "35925-X", "35925 X"       "35925-X"               "35 925 X"
    "36 180-V", "36180-v" (from an id)     "36180-V"               "36 180 V"

A suffix is either a two-digit series number (the Raad series "21 501-02", "21 501-20") or a
budget chapter / letter: a Roman numeral, optionally with a letter ("X", "VIII", "IXB"), or one
capital ("A"). The stored form is the digits, and a hyphen and the suffix (upper case) when there
is one; it is what `content/` holds under `kamerstuk.dossier`.

Identifiers follow officielebekendmakingen: `kst-35925-X-90`, `kst-21501-02-2600`,
`kst-33694-43` (`kamerstuk_id`); content ids are lower case (`kamerstuk_content_id`), the link
keeps the official spelling (`kamerstuk_url`). Citations: `format_dossier` gives the dossier as
Kamerstukken cite it ("35 925 X", "21 501-02").

The Kamer's zaak numbers ("2018Z16320", written questions) and document numbers ("2022D25679")
are defined here too (`ZAAK_PATTERN`, `DOCUMENT_PATTERN`, `parse_zaak`).

`DOSSIER_PATTERN` is a regular-expression fragment (no groups) that finds a dossier number in
running text, whitespace and no-break spaces allowed where people put them; feed what it matched
to `parse_dossier`. `DOSSIER_CORE` is the same without the look-behind (for squashed web table
cells such as "Dossiernummer35925-X"); `KST_ID_PATTERN` finds an id such as "kst-21501-02-2600".
"""

from __future__ import annotations

import re

__all__ = [
    "BASE_URL",
    "DOSSIER_CORE",
    "DOSSIER_PATTERN",
    "KST_ID_PATTERN",
    "DOCUMENT_PATTERN",
    "STORED_PATTERN",
    "ZAAK_PATTERN",
    "format_dossier",
    "is_stored_dossier",
    "kamerstuk_content_id",
    "kamerstuk_id",
    "kamerstuk_url",
    "parse_dossier",
    "parse_kamerstuk_id",
    "parse_zaak",
]

BASE_URL = "https://zoek.officielebekendmakingen.nl/"

_WS = r"[\s\u00a0]"
# A budget chapter (Roman numeral, possibly with a letter: "IXB") or a single capital ("A").
_LETTERS = r"(?:[IVXL]{1,6}[A-C]?|[A-Z])"
_DASH = r"[-\u2010-\u2013]"

# The number itself; DOSSIER_PATTERN adds that no digit or letter stands right before it.
DOSSIER_CORE = (
    rf"(?:\d{{2}}{_WS}+\d{{3}}|\d{{5}})(?!\d)"
    rf"(?:{_WS}*{_DASH}{_WS}*\d{{2}}(?!\d)|(?:[ \t\u00a0]+|{_DASH}){_LETTERS}(?![A-Za-z0-9]))?"
)
DOSSIER_PATTERN = rf"(?<![\d\w]){DOSSIER_CORE}"
# An officielebekendmakingen Kamerstuk id in text ("kst-35925-X-90"); read it with parse_kamerstuk_id.
KST_ID_PATTERN = rf"kst-\d{{5,6}}(?:-(?:\d{{2}}|{_LETTERS}))?-\d+"

_PARSE = re.compile(
    rf"^(\d{{2,3}})[ .]?(\d{{3}})(?:{_WS}*{_DASH}{_WS}*(\d{{2}})|(?:{_WS}+|{_WS}*{_DASH}{_WS}*)({_LETTERS}))?$",
    re.IGNORECASE,
)
# The stored form, also the `pattern` of kamerstuk.dossier in the JSON Schemas (schemas/*.json;
# a test keeps them equal).
STORED_PATTERN = rf"^\d{{5,6}}(?:-\d{{2}}|-{_LETTERS})?$"
_STORED = re.compile(STORED_PATTERN)
_KST_ID = re.compile(rf"^kst-(\d{{5,6}})(?:-(\d{{2}}|{_LETTERS}))?-(\d+)$", re.IGNORECASE)


def parse_dossier(raw: str | int | None) -> str | None:
    """Any written form of a dossier number -> its stored form ("35 925 X" -> "35925-X");
    None when `raw` is not a dossier number."""
    if raw is None:
        return None
    text = re.sub(r"[\s\u00a0]+", " ", str(raw)).strip()
    m = _PARSE.match(text)
    if not m:
        return None
    digits = m.group(1) + m.group(2)
    suffix = m.group(3) or (m.group(4).upper() if m.group(4) else None)
    if suffix and not suffix.isdigit() and not re.fullmatch(_LETTERS, suffix):
        return None
    return f"{digits}-{suffix}" if suffix else digits


def is_stored_dossier(value: str) -> bool:
    """True for the stored form: '33694', '21501-02', '35925-X'."""
    return bool(_STORED.match(value))


def _parts(dossier: str) -> tuple[str, str | None]:
    stored = parse_dossier(dossier) or dossier
    digits, _, suffix = stored.partition("-")
    return digits, (suffix or None)


def format_dossier(dossier: str) -> str:
    """The dossier as Kamerstukken cite it: '33694' -> '33 694', '35925-X' -> '35 925 X',
    '21501-02' -> '21 501-02'. A value that is no dossier number is returned as it is."""
    if parse_dossier(dossier) is None:
        return dossier
    digits, suffix = _parts(dossier)
    grouped = f"{int(digits):,}".replace(",", " ")
    if suffix is None:
        return grouped
    return f"{grouped}-{suffix}" if suffix.isdigit() else f"{grouped} {suffix}"


def kamerstuk_id(dossier: str, number: str | int) -> str:
    """The officielebekendmakingen id: ('35 925 X', 90) -> 'kst-35925-X-90'."""
    digits, suffix = _parts(dossier)
    middle = f"{digits}-{suffix}" if suffix else digits
    return f"kst-{middle}-{str(number).strip()}"


def kamerstuk_content_id(dossier: str, number: str | int) -> str:
    """The id of the source in content/ (ids there are lower case): 'kst-35925-x-90'."""
    return kamerstuk_id(dossier, number).lower()


def kamerstuk_url(dossier: str, number: str | int) -> str:
    return f"{BASE_URL}{kamerstuk_id(dossier, number)}.html"


# --- the Kamer's zaak and document numbers ------------------------------------------------------
# A zaak number ("2018Z16320": written questions, a motion's zaak) and a document number
# ("2022D25679"): the year, Z or D, five digits. The fragments find them in text, also glued to
# a year before them ("2018-20192018Z16320" in a squashed web table); `parse_zaak` checks one.

ZAAK_PATTERN = r"(?<![A-Za-z])(?:19|20)\d{2}Z\d{5}(?!\d)"
DOCUMENT_PATTERN = r"(?<![A-Za-z])(?:19|20)\d{2}D\d{5}(?!\d)"
_ZAAK = re.compile(r"^(?:19|20)\d{2}Z\d{5}$")


def parse_zaak(raw: str | None) -> str | None:
    """'2018z16320' -> '2018Z16320' (the official spelling); None for anything else."""
    value = (raw or "").strip().upper()
    return value if _ZAAK.match(value) else None


def parse_kamerstuk_id(value: str) -> tuple[str, str] | None:
    """'kst-35925-x-90' -> ('35925-X', '90'); None for anything else."""
    m = _KST_ID.match(value.strip())
    if not m:
        return None
    digits, suffix, number = m.groups()
    dossier = f"{digits}-{suffix.upper()}" if suffix else digits
    return dossier, number
