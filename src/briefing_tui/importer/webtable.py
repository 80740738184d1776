"""The metadata table of a page copied from zoek.officielebekendmakingen.nl, squashed.

Copying the page's text glues the cells of its metadata table together: a line of labels, then
a line of values, without separators:

    Datum publicatieOrganisatieVergaderjaarDossier- en ondernummer
    Tweede Kamer der Staten-Generaal2016-201734700 nr. 19

    Datum publicatieOrganisatieVergaderjaarVraagDatum indiening
    Tweede Kamer der Staten-Generaal2018-20192018Z16320

`squashed_table(text)` finds such a pair near the top and reads the values the labels announce:
the vergaderjaar, the Kamerstuk (dossier in any form of `briefing_tui.dossiers`, "nr." and the
ondernummer), the Kamervragen number, the Aanhangsel number. The labels also appear one per line
with their value after them ("Dossiernummer33694"), which `detect` reads as cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing_tui.dossiers import DOSSIER_CORE, ZAAK_PATTERN, parse_dossier

__all__ = ["Table", "squashed_table"]

_LABELS = (
    "Datum publicatie", "Publicatiedatum", "Organisatie", "Vergaderjaar", "Dossier- en ondernummer",
    "Dossiernummer", "Ondernummer", "Vraagnummer", "Vraag", "Datum indiening", "Datum ontvangst",
    "Aanhangselnummer", "Aanhangsel", "Nummer", "Kamer", "Indiener", "Ontvanger", "Documentsoort", "Datum",
)
_HEADER = re.compile(r"^[ \t]*((?:" + "|".join(re.escape(x) for x in _LABELS) + r"){3,})[ \t]*$", re.MULTILINE)
_ORG = re.compile(r"^(?:Tweede|Eerste)\s+Kamer\s+der\s+Staten-Generaal|^Staten-Generaal")
_VJ = re.compile(r"(\d{4})\s*[-–]\s*(\d{4})")
_KST = re.compile(rf"({DOSSIER_CORE})\s*,?\s*nr\.?\s*(\d+)")
_KV = re.compile(ZAAK_PATTERN)
_AH_NR = re.compile(r"(?:nr\.?\s*)?(\d{1,5})")


@dataclass(frozen=True)
class Table:
    start: int  # offset of the label line
    end: int  # end of the value line
    labels: str
    values: str
    vergaderjaar: str | None = None
    dossier: str | None = None
    number: str | None = None
    kamervragen: str | None = None
    aanhangsel: str | None = None

    def evidence(self) -> str:
        return f"{self.labels} / {self.values}"


def squashed_table(text: str, within: int = 3000) -> Table | None:
    for header in _HEADER.finditer(text, 0, min(len(text), within)):
        rest = text[header.end() :].lstrip("\n")
        line_end = rest.find("\n")
        values = (rest if line_end < 0 else rest[:line_end]).strip()
        if not values:
            continue
        labels = header.group(1)
        end = header.end() + (len(text[header.end() :]) - len(rest)) + len(values)
        remaining = _ORG.sub("", values).strip()
        found: dict[str, str] = {}
        vj = _VJ.match(remaining) if "Vergaderjaar" in labels else None
        if vj and int(vj.group(2)) == int(vj.group(1)) + 1:
            found["vergaderjaar"] = f"{vj.group(1)}-{vj.group(2)}"
            remaining = remaining[vj.end() :]
        if "ondernummer" in labels.lower() and (kst := _KST.search(remaining)) and (dossier := parse_dossier(kst.group(1))):
            found["dossier"], found["number"] = dossier, kst.group(2)
            remaining = remaining[kst.end() :]
        if "Vraag" in labels and (kv := _KV.search(remaining)):
            found["kamervragen"] = kv.group(0)
            remaining = remaining[kv.end() :]
        if ("Aanhangsel" in labels or labels.endswith("Nummer")) and (ah := _AH_NR.match(remaining.strip())):
            found["aanhangsel"] = ah.group(1)
        if found:
            return Table(header.start(), end, labels, values, **found)
    return None
