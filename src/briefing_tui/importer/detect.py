"""Metadata from a document's own text, each field with the evidence it was found by.

Nothing is guessed: a field is filled only when the text states it, and the evidence is the line
that states it ("regel 4: «Voorgesteld 24 april 2019»"). A value that is derived rather than
stated (an Aanhangsel's vergaderjaar from the date of the answers, a title made from the kind and
date) goes to `inferred`, with the reason. What could not be found goes to `missing`, with why.

Recognised documents (see docs/import.md for examples):

- motie: "MOTIE VAN HET LID KOOPMANS C.S." / "Motie van de leden ...", "Voorgesteld 24 april 2019",
  the dossier heading ("33 694 Nucleaire ontwapening" + "Nr. 43"), "De Kamer, gehoord de
  beraadslaging, ... verzoekt de regering ...";
- vragen (schriftelijke vragen): "Vragen van het lid Sjoerdsma (D66) aan de minister van ... over
  ... (ingezonden 12 maart 2019)", the Kamervragen number "2019Z04567";
- antwoorden: "Antwoord van minister Blok (Buitenlandse Zaken) (ontvangen 22 maart 2021)",
  "Vraag 1 ... Antwoord"; in the Aanhangsel der Handelingen with its number;
- kabinetsreactie: a letter that is the cabinet's response to an advice ("Betreft Kabinetsreactie
  op het AIV-advies ...", "kabinetsreactie op het advies", "In de voorliggende reactie");
- kamerbrief: "Geachte voorzitter," and a signature ("De minister van Buitenlandse Zaken,"
  followed by the name), "Betreft ...", "Datum 13 mei 2019" or "Den Haag, 13 mei 2019".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from briefing_tui.citations import BASE_URL
from briefing_tui.dates import MONTHS_NL, vergaderjaar
from briefing_tui.dossiers import (
    DOSSIER_CORE,
    DOSSIER_PATTERN,
    KST_ID_PATTERN,
    ZAAK_PATTERN,
    kamerstuk_content_id,
    kamerstuk_url,
    parse_dossier,
    parse_kamerstuk_id,
)
from briefing_tui.importer.signatories import parse_answerers
from briefing_tui.importer.webtable import squashed_table

__all__ = ["Detection", "detect", "slugify", "ministry_of"]

_MONTH = "|".join(MONTHS_NL)
_DATE = rf"(\d{{1,2}})\s+({_MONTH})\s+(\d{{4}})"
_DATE_RE = re.compile(_DATE, re.IGNORECASE)
_ACADEMIC = re.compile(r"^(?:(?:drs|mr|dr|ir|prof|ing|bc|MSc|MA|LLM)\.?\s+)+", re.IGNORECASE)
_PARTICLES = {"van", "der", "den", "de", "het", "ten", "ter", "te", "in", "'t", "op", "la", "le", "du", "d'"}
# Ministers "voor" a policy area have no ministry of their own.
_VOOR = re.compile(r"\b(minister|staatssecretaris)\s+voor\s+", re.IGNORECASE)


@dataclass
class Detection:
    kind: str | None = None
    title: str | None = None
    date: str | None = None
    ministers: list[dict] = field(default_factory=list)
    ministry: str | None = None
    members: list[dict] = field(default_factory=list)
    kamerstuk: dict | None = None
    aanhangsel: dict | None = None
    kamervragen: str | None = None  # "2019Z04567"
    evidence: dict[str, str] = field(default_factory=dict)
    inferred: dict[str, str] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)
    subject: str | None = None  # the "over ..." part of a questions heading (for linking)
    co_ministries: list[str] = field(default_factory=list)  # "mede namens de minister van Defensie"

    # --- identifiers ---------------------------------------------------------------------------
    def official_id(self) -> str | None:
        """The officielebekendmakingen id, when the text states the identifier."""
        if self.kind in ("motie", "kamerbrief", "kabinetsreactie", "verslag", "other") and self.kamerstuk:
            return kamerstuk_content_id(self.kamerstuk["dossier"], self.kamerstuk["number"])
        if self.kind == "antwoorden" and self.aanhangsel and self.aanhangsel.get("year"):
            return f"ah-tk-{self.aanhangsel['year'].replace('-', '')}-{self.aanhangsel['number']}"
        if self.kind == "vragen" and self.kamervragen:
            # Ids are lowercase in content/; the link keeps the official spelling (…Z…).
            return f"kv-tk-{self.kamervragen}".lower()
        if self.kamerstuk:
            return kamerstuk_content_id(self.kamerstuk["dossier"], self.kamerstuk["number"])
        return None

    def official_url(self) -> str | None:
        if self.kind in ("motie", "kamerbrief", "kabinetsreactie", "verslag", "other") and self.kamerstuk:
            return kamerstuk_url(self.kamerstuk["dossier"], self.kamerstuk["number"])
        if self.kind == "antwoorden" and self.aanhangsel and self.aanhangsel.get("year"):
            return f"{BASE_URL}ah-tk-{self.aanhangsel['year'].replace('-', '')}-{self.aanhangsel['number']}.html"
        if self.kind == "vragen" and self.kamervragen:
            return f"{BASE_URL}kv-tk-{self.kamervragen}.html"
        if self.kamerstuk:
            return kamerstuk_url(self.kamerstuk["dossier"], self.kamerstuk["number"])
        return None

    def slug_id(self) -> str:
        """A dated slug: "2021-03-22-antwoord-van-minister-blok"."""
        parts = [self.date] if self.date else []
        parts.append(slugify(self.title or self.kind or "bron", max_words=6))
        return "-".join(p for p in parts if p)

    def source_id(self) -> str:
        return self.official_id() or self.slug_id()


# --- helpers ---------------------------------------------------------------------------------

def slugify(text: str, max_words: int = 7) -> str:
    import unicodedata

    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", folded)
    return "-".join(words[:max_words]) or "bron"


def _iso(day: str, month: str, year: str) -> str | None:
    try:
        mo = MONTHS_NL.index(month.lower()) + 1
    except ValueError:
        return None
    d = int(day)
    from datetime import date

    try:
        date(int(year), mo, d)
    except ValueError:
        return None
    return f"{int(year):04d}-{mo:02d}-{d:02d}"


def _ws(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def _one_line(s: str, limit: int = 140) -> str:
    s = re.sub(r"\s+", " ", s).strip()
    return s if len(s) <= limit else s[: limit - 1].rstrip() + "…"


class _Text:
    """The text with line lookup for evidence."""

    def __init__(self, text: str):
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]

    def line_no(self, offset: int) -> int:
        import bisect

        return bisect.bisect_right(self.line_starts, offset)

    def evidence(self, m: re.Match | tuple[int, int], what: str | None = None) -> str:
        start, end = (m.start(), m.end()) if isinstance(m, re.Match) else m
        return f"regel {self.line_no(start)}: «{_one_line(what if what is not None else self.text[start:end])}»"


def _name_case(name: str) -> str:
    """'KOOPMANS' -> 'Koopmans', 'VAN DER STAAIJ' -> 'Van der Staaij'; mixed case is kept."""
    if not name.isupper():
        return name
    words = name.lower().split()
    out = []
    for i, w in enumerate(words):
        if w in _PARTICLES and i > 0:
            out.append(w)
        else:
            out.append("-".join(p[:1].upper() + p[1:] for p in w.split("-")))
    return " ".join(out)


def ministry_of(role: str) -> str | None:
    m = re.match(r"^(?:minister|staatssecretaris)\s+van\s+(.+)$", role.strip(), re.IGNORECASE)
    return m.group(1).strip() if m else None


def _role(title: str, rest: str) -> str:
    """'Minister', 'van Buitenlandse Zaken' -> 'minister van Buitenlandse Zaken'."""
    return f"{title.lower()} {rest.strip()}"


def _clean_person(raw: str) -> str | None:
    s = raw.replace("\u00a0", " ").strip()
    s = re.sub(r"\[[^\]]*\]", "", s).strip()  # unfilled template placeholders
    s = _ACADEMIC.sub("", s).strip().rstrip(",")
    if not s or len(s) > 60 or not re.match(r"^[A-ZÀ-Ý]", s):
        return None
    if re.search(r"[:;?!]|\d", s) or len(s.split()) > 6:
        return None
    return s


def _split_names(raw: str) -> list[str]:
    raw = re.sub(r"\s+c\.s\.?\s*$", "", raw.strip(), flags=re.IGNORECASE)
    parts = re.split(r"\s*,\s*|\s+(?:en|EN)\s+", raw)
    return [p.strip() for p in parts if p.strip()]


# --- patterns --------------------------------------------------------------------------------

_MOTIE = re.compile(
    r"^[ \t]*(?:Nr\.\s*(\d+)\s+)?(MOTIE|Motie)\s+VAN\s+(HET\s+LID|DE\s+LEDEN)\s+(.+?)\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_VOORGESTELD = re.compile(rf"^[ \t]*Voorgesteld\s+(?:op\s+)?{_DATE}", re.IGNORECASE | re.MULTILINE)
_GEHOORD = re.compile(r"De\s+Kamer,\s+gehoord\s+de\s+beraadslaging", re.IGNORECASE)
_ORDE = re.compile(r"en\s+gaat\s+over\s+tot\s+de\s+orde\s+van\s+de\s+dag\.?[ \t]*\n((?:[^\n]*\n?){1,12})", re.IGNORECASE)
_VERZOEKT = re.compile(r"\b(verzoekt|roept)\s+de\s+regering\b", re.IGNORECASE)
_VRAGEN = re.compile(
    r"Vragen\s+van\s+(het\s+lid|de\s+leden)\s+(.+?)\s+aan\s+((?:de\s+)?.+?)\s+over\s+(.+?)\s*\(\s*ingezonden\s+"
    + _DATE
    + r"\s*\)",
    re.IGNORECASE | re.DOTALL,
)
_VRAGEN_SHORT = re.compile(
    r"Vragen\s+van\s+(het\s+lid|de\s+leden)\s+(.+?)\s*\(\s*ingezonden\s+" + _DATE + r"\s*\)",
    re.IGNORECASE | re.DOTALL,
)
_ANTWOORD_VAN = re.compile(
    r"Antwoord\s+van\s+(?:de\s+)?(minister|staatssecretaris|minister-president)\s+"
    r"(?:(van|voor)\s+([^()]+?)\s*,?\s*\(?\s*([A-Z][^()\n]{1,60}?)\s*\)?|([^()]{2,60}?)\s*\(\s*([^()]+?)\s*\))"
    r"(?P<mede>\s*,?\s*mede\s+namens\s+(?:de\s+)?(?:(?:minister|staatssecretaris)[^()]*?)(?:\(\s*[^()]+\s*\))?)?"
    r"\s*\(\s*ontvangen\s+" + _DATE + r"\s*\)",
    re.IGNORECASE | re.DOTALL,
)
# Any "Antwoord van … (ontvangen 22 maart 2021)": several ministers, offices only (signatories.py).
_ANTWOORD_ANY = re.compile(
    r"Antwoord\s+van\s+(?:(?:[^()\n]|\n(?![ \t]*\n))|\([^()]*\)){3,400}?\s*\(\s*ontvangen\s+" + _DATE + r"\s*\)",
    re.IGNORECASE,
)
_ONTVANGEN = re.compile(r"\(\s*ontvangen\s+" + _DATE + r"\s*\)", re.IGNORECASE)
_VRAAG_HEADING = re.compile(r"^[ \t]*Vraag\s+\d+\b", re.MULTILINE)
_ANTWOORD_HEADING = re.compile(r"^[ \t]*Antwoord(?:\s+(?:op\s+)?(?:vragen|vraag)?\s*[\d\s,en]*)?\s*[:.]?\s*$", re.MULTILINE)
_GEACHTE = re.compile(r"^[ \t]*Geachte\s+(?:mevrouw\s+de\s+|heer\s+de\s+)?voorzitter\s*,", re.IGNORECASE | re.MULTILINE)
_BETREFT = re.compile(r"^[ \t]*Betreft\s*:?[ \t]+(\S[^\n]*)$", re.MULTILINE)
_DATUM = re.compile(rf"^[ \t]*(?:Datum\s*:?\s*|Den\s+Haag,\s+|'s-Gravenhage,\s+){_DATE}\b", re.IGNORECASE | re.MULTILINE)
_SIGNATURE = re.compile(
    r"^[ \t]*(?:De|de)\s+(Minister-President|Minister|minister|Staatssecretaris|staatssecretaris|"
    r"minister-president)(?:\s+(van|voor)\s+([^,\n]+?))?\s*,?[ \t]*$",
    re.MULTILINE,
)
_KABINETSREACTIE = re.compile(
    r"\b(?:kabinetsreactie|reactie\s+van\s+het\s+kabinet)\s+op\s+(?:het|de|dit)\b|\bvoorliggende\s+(?:kabinets)?reactie\b",
    re.IGNORECASE,
)
_BRIEF_HEADING = re.compile(r"^[ \t]*(?:Nr\.\s*\d+\s+)?BRIEF\s+VAN\s+(?:DE\s+)?(.+?)\s*$", re.MULTILINE)
# "33 694 Nucleaire ontwapening", "34 300 X Vaststelling ...", "21 501-02 Raad Buitenlandse Zaken"
_DOSSIER_HEADING = re.compile(rf"^[ \t]*({DOSSIER_PATTERN})[ \t]+([A-Z][^\n]{{2,}})$", re.MULTILINE)
_NR_LINE = re.compile(r"^[ \t]*Nr\.\s*(\d+)\b", re.MULTILINE)
_VERGADERJAAR = re.compile(r"Vergaderjaar\s*(\d{4})\s*[–\-/]\s*(\d{2,4})", re.IGNORECASE)
_FOOTER = re.compile(
    rf"Tweede\s+Kamer,\s+vergaderjaar\s+(\d{{4}})\s*[–-]\s*(\d{{4}}),\s+({DOSSIER_PATTERN}),\s+nr\.\s*(\d+)",
    re.IGNORECASE,
)
_KST_ID = re.compile(rf"\b{KST_ID_PATTERN}\b", re.IGNORECASE)
_AH_ID = re.compile(r"\bah-tk-(\d{4})(\d{4})-(\d+)\b", re.IGNORECASE)
_AH_CITED = re.compile(r"Aanhangsel\s+(?:van\s+de\s+)?Handelingen\s+II\s+(\d{4})\s*/\s*(\d{2,4}),?\s+nr\.\s*(\d+)", re.IGNORECASE)
_AH_HEADING = re.compile(r"^[ \t]*Aanhangsel\s+van\s+de\s+Handelingen\s*$", re.IGNORECASE | re.MULTILINE)
_BARE_NUMBER = re.compile(r"^[ \t]*(\d{1,5})[ \t]*$", re.MULTILINE)
# Also glued to a vergaderjaar in a squashed web table: "2018-20192018Z16320".
_KV = re.compile(ZAAK_PATTERN)
# Web copies: squashed metadata cells.
_CELL_DOSSIER = re.compile(rf"^[ \t]*Dossiernummer[ \t]*:?[ \t]*({DOSSIER_CORE})", re.MULTILINE)
_CELL_ONDERNUMMER = re.compile(r"^[ \t]*Ondernummer\s*:?\s*(\d+)\b", re.IGNORECASE | re.MULTILINE)


def _year_pair(a: str, b: str) -> str | None:
    y1 = int(a)
    y2 = int(b) if len(b) == 4 else int(a[:2] + b)
    return f"{y1}-{y2}" if y2 == y1 + 1 else None


def _head(text: str, lines: int = 40) -> int:
    """Offset of the end of the first `lines` non-empty lines (where headings stand)."""
    count = 0
    for m in re.finditer(r"\n", text):
        count += 1
        if count >= lines:
            return m.end()
    return len(text)


# --- detection -------------------------------------------------------------------------------

def detect(text: str) -> Detection:
    t = _Text(text)
    det = Detection()
    head_end = _head(text)
    head = text[:head_end]

    _detect_numbers(t, det, head)
    motie = _MOTIE.search(text[: _head(text, 60)])
    antwoord = _ANTWOORD_VAN.search(text[: _head(text, 80)]) or _ANTWOORD_ANY.search(text[: _head(text, 80)])
    ontvangen = _ONTVANGEN.search(text[: _head(text, 80)])
    vragen = _VRAGEN.search(text[: _head(text, 80)]) or _VRAGEN_SHORT.search(text[: _head(text, 80)])
    geachte = _GEACHTE.search(text)
    kabinetsreactie = _find_kabinetsreactie(text)

    if motie:
        det.kind = "motie"
        det.evidence["kind"] = t.evidence(motie)
        _detect_motion(t, det, motie)
    elif antwoord or (ontvangen and _ANTWOORD_HEADING.search(text)):
        det.kind = "antwoorden"
        answer_match = antwoord or ontvangen
        assert answer_match is not None  # the condition above needs one of the two
        det.evidence["kind"] = t.evidence(answer_match)
        _detect_answers(t, det, antwoord, ontvangen, vragen)
    elif vragen:
        det.kind = "vragen"
        det.evidence["kind"] = t.evidence(vragen)
        _detect_questions(t, det, vragen)
    elif kabinetsreactie:
        det.kind = "kabinetsreactie"
        det.evidence["kind"] = t.evidence(kabinetsreactie)
        _detect_letter(t, det)
    elif (letter_match := geachte or _BRIEF_HEADING.search(head)) is not None:
        det.kind = "kamerbrief"
        det.evidence["kind"] = t.evidence(letter_match)
        _detect_letter(t, det)
    elif (signed := _signature_to_kamer(text)) is not None:
        # No salutation (a copy that starts after it), but signed by a minister and written to
        # "uw Kamer": a letter to Parliament.
        det.kind = "kamerbrief"
        det.evidence["kind"] = t.evidence(signed) + " en «uw Kamer» in de tekst"
        _detect_letter(t, det)
    else:
        det.missing["kind"] = (
            "geen kenmerken van een motie, vragen, antwoorden, kabinetsreactie of Kamerbrief gevonden"
        )

    if det.kind and det.kind != "motie" and not det.ministers:
        if det.kind != "vragen":
            det.missing.setdefault("ministers", "geen ondertekening of 'Antwoord van minister ...' gevonden")
    if det.date is None:
        det.missing.setdefault("date", "geen datum in de tekst ('Voorgesteld', 'ingezonden', 'ontvangen', 'Datum', 'Den Haag,')")
    if det.kamerstuk is None and det.kind in ("motie", "kamerbrief", "kabinetsreactie"):
        det.missing.setdefault("kamerstuk", "geen dossier- en ondernummer in de kop van de tekst")
    if det.title is None:
        _fallback_title(det)
    return det


def _signature_to_kamer(text: str) -> re.Match | None:
    if not re.search(r"\buw\s+Kamer\b", text):
        return None
    for m in _SIGNATURE.finditer(text, max(0, len(text) - 2500)):
        if m.group(2):
            return m
    return None


def _fallback_title(det: Detection) -> None:
    """No title in the text: name the document by its kind and signatory or date (inferred)."""
    from briefing_tui.citations import KIND_LABELS
    from briefing_tui.dates import format_nl

    det.missing["title"] = "geen titel in de tekst ('Betreft', kop van motie of vragen)"
    if not det.kind:
        return
    label = KIND_LABELS.get(det.kind, "Document")
    if det.ministers:
        who = ", ".join(f"{p['role']} ({p['name']})" if p.get("role") else p["name"] for p in det.ministers)
        det.title = f"{label} van de {who}"
        how = "soort en ondertekening"
    elif det.date:
        det.title = f"{label} van {format_nl(det.date)}"
        how = "soort en datum"
    else:
        return
    det.inferred["title"] = f"De tekst heeft geen titel; titel samengesteld uit {how}."


def _find_kabinetsreactie(text: str) -> re.Match | None:
    betreft = _BETREFT.search(text)
    if betreft and re.search(r"kabinetsreactie|reactie\s+(?:van\s+het\s+kabinet\s+)?op", betreft.group(1), re.IGNORECASE):
        return betreft
    limit = max(1500, int(len(text) * 0.4))
    for m in _KABINETSREACTIE.finditer(text[:limit]):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line = text[line_start : text.find("\n", m.start()) if "\n" in text[m.start():] else len(text)]
        if re.match(r"^\s*\d{1,2}\s", line):  # a footnote citing another kabinetsreactie
            continue
        return m
    return None


def _detect_numbers(t: _Text, det: Detection, head: str) -> None:
    text = t.text
    year_m = _VERGADERJAAR.search(head)
    year = _year_pair(year_m.group(1), year_m.group(2)) if year_m else None

    table = squashed_table(text)
    kst = _KST_ID.search(text)
    footer = _FOOTER.search(text)
    dossier_m = _DOSSIER_HEADING.search(head)
    nr_m = None
    if dossier_m:
        after = head[dossier_m.end() : dossier_m.end() + 400]
        nr_m = _NR_LINE.search(after)
    if kst and (kst_id := parse_kamerstuk_id(kst.group(0))) is not None:
        det.kamerstuk = {"dossier": kst_id[0], "number": kst_id[1]}
        det.evidence["kamerstuk"] = t.evidence(kst)
    elif dossier_m and nr_m:
        dossier = parse_dossier(dossier_m.group(1))
        det.kamerstuk = {"dossier": dossier, "number": nr_m.group(1)}
        start = dossier_m.start()
        end = dossier_m.end() + nr_m.end()
        det.evidence["kamerstuk"] = t.evidence((start, end), f"{dossier_m.group(0).strip()} … {nr_m.group(0).strip()}")
    elif footer:
        dossier = parse_dossier(footer.group(3))
        det.kamerstuk = {"dossier": dossier, "number": footer.group(4)}
        det.evidence["kamerstuk"] = t.evidence(footer)
        year = year or _year_pair(footer.group(1), footer.group(2))
    elif table and table.dossier:
        det.kamerstuk = {"dossier": table.dossier, "number": table.number}
        det.evidence["kamerstuk"] = t.evidence((table.start, table.end), table.evidence())
    else:
        cd, cn = _CELL_DOSSIER.search(head), _CELL_ONDERNUMMER.search(head)
        if cd and cn:
            det.kamerstuk = {"dossier": parse_dossier(cd.group(1)), "number": cn.group(1)}
            det.evidence["kamerstuk"] = t.evidence((cd.start(), cn.end()), f"{cd.group(0).strip()} … {cn.group(0).strip()}")
    year = year or (table.vergaderjaar if table else None)
    if det.kamerstuk and year:
        det.kamerstuk["year"] = year

    ah = _AH_ID.search(text)
    # Only a citation on a line of its own is the document's own number; "Zie ook Aanhangsel
    # Handelingen II 2018/19, nr. 2345" in a sentence is another document.
    ah_cited = _own_line(_AH_CITED, head) or _own_line(_AH_CITED, text[-1500:])
    ah_heading = _AH_HEADING.search(head)
    if ah:
        det.aanhangsel = {"year": f"{ah.group(1)}-{ah.group(2)}", "number": ah.group(3)}
        det.evidence["aanhangsel"] = t.evidence(ah)
    elif ah_cited:
        y = _year_pair(ah_cited.group(1), ah_cited.group(2))
        if y:
            det.aanhangsel = {"year": y, "number": ah_cited.group(3)}
            offset = ah_cited.start() if ah_cited.string is text else len(text) - len(ah_cited.string) + ah_cited.start()
            det.evidence["aanhangsel"] = t.evidence((offset, offset + len(ah_cited.group(0))), ah_cited.group(0))
    elif table and table.aanhangsel and (year or table.vergaderjaar):
        det.aanhangsel = {"year": year or table.vergaderjaar, "number": table.aanhangsel}
        det.evidence["aanhangsel"] = t.evidence((table.start, table.end), table.evidence())
    elif ah_heading:
        nr = _BARE_NUMBER.search(head, ah_heading.end())
        if nr and int(nr.group(1)) > 0:
            det.aanhangsel = {"year": year, "number": nr.group(1)} if year else {"number": nr.group(1)}
            det.evidence["aanhangsel"] = t.evidence(
                (ah_heading.start(), nr.end()), f"{ah_heading.group(0).strip()} … {nr.group(1)}"
            )

    kv = _KV.search(head)
    if kv:
        det.kamervragen = kv.group(0)
        det.evidence["kamervragen"] = t.evidence(kv)
    elif table and table.kamervragen:
        det.kamervragen = table.kamervragen
        det.evidence["kamervragen"] = t.evidence((table.start, table.end), table.evidence())


def _own_line(pattern: re.Pattern, text: str) -> re.Match | None:
    """The first match that starts its line (a heading, header or footer), not one in a sentence."""
    for m in pattern.finditer(text):
        if not text[text.rfind("\n", 0, m.start()) + 1 : m.start()].strip():
            return m
    return None


def _detect_motion(t: _Text, det: Detection, m: re.Match) -> None:
    text = t.text
    names_raw = m.group(4)
    names = [_name_case(n) for n in _split_names(re.sub(r"\s+OVER\s+.*$", "", names_raw, flags=re.IGNORECASE))]
    names = [n for n in names if _clean_person(n)]
    if names:
        det.members = [{"name": n} for n in names]
        det.evidence["members"] = t.evidence(m)
    heading = f"Motie van {'het lid' if 'LID' in m.group(3).upper() else 'de leden'} {_name_case(names_raw.strip())}"
    if names_raw.isupper():
        heading = re.sub(r"\bC\.S\.", "c.s.", heading, flags=re.IGNORECASE)
    det.title = _one_line(heading, 200)
    det.evidence["title"] = t.evidence(m)
    signers = _ORDE.search(text)
    if signers:
        names = []
        for ln in signers.group(1).split("\n"):
            if not ln.strip():
                if names:
                    break
                continue
            name = _clean_person(ln)
            if not name or re.match(r"^(kst|ISSN|Tweede Kamer|'s-Gravenhage)", ln.strip(), re.IGNORECASE):
                break
            names.append(name)
        if names:
            det.members = [{"name": n} for n in names]
            det.evidence["members"] = t.evidence(
                (signers.start(1), signers.start(1) + len(signers.group(1).rstrip())), "ondertekend: " + ", ".join(names)
            )
    if m.group(1) and not det.kamerstuk:
        det.missing["kamerstuk"] = f"nummer {m.group(1)} gevonden maar geen dossiernummer"
    v = _VOORGESTELD.search(text)
    if v:
        iso = _iso(v.group(1), v.group(2), v.group(3))
        if iso:
            det.date = iso
            det.evidence["date"] = t.evidence(v)
    if not (_GEHOORD.search(text) and _VERZOEKT.search(text)):
        det.missing["request"] = "geen 'De Kamer, gehoord de beraadslaging, ... verzoekt de regering' gevonden"
    det.missing["members.party"] = "een motie noemt de partij van de indieners niet"


def _members_from(raw: str) -> list[dict]:
    """'Sjoerdsma (D66) en Koopmans (VVD)' / 'Sjoerdsma en Van Helvert (beiden D66)'."""
    raw = re.sub(r"\s+", " ", raw).strip()
    shared = re.search(r"\((?:beiden|allen|beide)\s+([^()]+)\)\s*$", raw, re.IGNORECASE)
    if shared:
        raw = raw[: shared.start()].strip()
    out: list[dict] = []
    for part in re.split(r"\s*,\s*(?![^()]*\))|\s+en\s+(?![^()]*\))", raw):
        pm = re.match(r"^(.+?)\s*\(([^()]+)\)\s*$", part.strip())
        name, party = (pm.group(1), pm.group(2)) if pm else (part.strip(), None)
        name = _clean_person(_name_case(name))
        if not name:
            continue
        party = party or (shared.group(1).strip() if shared else None)
        out.append({"name": name, "party": party} if party else {"name": name})
    return out


def _detect_questions(t: _Text, det: Detection, m: re.Match) -> None:
    members = _members_from(m.group(2))
    if members:
        det.members = members
        det.evidence["members"] = t.evidence(m)
        if any("party" not in p for p in members):
            det.missing["members.party"] = "de partij staat niet bij elke vragensteller"
    if m.re is _VRAGEN:
        addressee = re.sub(r"\s+", " ", m.group(3))
        det.subject = re.sub(r"\s+", " ", m.group(4)).strip().rstrip(".")
        det.title = _one_line(f"Vragen van {m.group(1).lower()} {_ws(m.group(2))} aan {addressee} over {det.subject}", 240)
        det.evidence["title"] = t.evidence(m)
        day, month, year = m.group(5), m.group(6), m.group(7)
    else:
        det.title = _one_line(f"Vragen van {m.group(1).lower()} {_ws(m.group(2))}", 240)
        det.evidence["title"] = t.evidence(m)
        day, month, year = m.group(3), m.group(4), m.group(5)
    iso = _iso(day, month, year)
    if iso:
        det.date = iso
        date_m = re.search(r"\(\s*ingezonden\s+" + _DATE + r"\s*\)", m.group(0), re.IGNORECASE)
        det.evidence["date"] = t.evidence((m.start() + date_m.start(), m.start() + date_m.end())) if date_m else t.evidence(m)
    if not det.kamervragen:
        det.missing["kamervragen"] = "geen Kamervragennummer (zoals 2019Z04567) in de kop"


def _detect_answers(t: _Text, det: Detection, antwoord: re.Match | None, ontvangen: re.Match | None, vragen: re.Match | None) -> None:
    text = t.text
    if antwoord:
        who = re.split(r"\(\s*ontvangen", antwoord.group(0), maxsplit=1, flags=re.IGNORECASE)[0]
        who = re.sub(r"^Antwoord\s+van\s+", "", who, flags=re.IGNORECASE)
        for person in parse_answerers(who, clean=_clean_person, voor=_voor_area):
            if person.name:
                if not any(p["name"] == person.name for p in det.ministers):
                    det.ministers.append({"name": person.name, "role": person.role})
            elif person.co:
                det.co_ministries.append(person.role)
                det.missing["ministers"] = f"mede namens de {person.role}: naam niet in de tekst"
            else:
                det.co_ministries.append(person.role)
                det.missing["ministers"] = f"de {person.role}: naam niet in de tekst"
        if det.ministers:
            det.evidence["ministers"] = t.evidence(antwoord, antwoord.group(0).split("(ontvangen")[0])
        day, month, year = antwoord.group(antwoord.re.groups - 2), antwoord.group(antwoord.re.groups - 1), antwoord.group(antwoord.re.groups)
        date_span = antwoord.span(antwoord.re.groups - 2)
    else:
        day, month, year = ontvangen.group(1), ontvangen.group(2), ontvangen.group(3)  # type: ignore[union-attr]
        date_span = ontvangen.span()  # type: ignore[union-attr]
    iso = _iso(day, month, year)
    if iso:
        det.date = iso
        om = _ONTVANGEN.search(text, max(0, date_span[0] - 30))
        det.evidence["date"] = t.evidence(om) if om else t.evidence(antwoord or ontvangen)  # type: ignore[arg-type]
    _set_ministry(det)
    if vragen:
        members = _members_from(vragen.group(2))
        if members:
            det.members = members
            det.evidence["members"] = t.evidence(vragen)
        if vragen.re is _VRAGEN:
            det.subject = re.sub(r"\s+", " ", vragen.group(4)).strip().rstrip(".")
            det.title = _one_line(
                f"Antwoord op vragen van {vragen.group(1).lower()} {_ws(vragen.group(2))} over {det.subject}", 240
            )
        else:
            det.title = _one_line(f"Antwoord op vragen van {vragen.group(1).lower()} {_ws(vragen.group(2))}", 240)
        det.evidence["title"] = t.evidence(vragen)
    elif antwoord:
        det.title = _one_line(antwoord.group(0))
        det.evidence["title"] = t.evidence(antwoord)
        det.missing["members"] = "de tekst noemt niet wie de vragen stelde"
    if det.aanhangsel and "year" not in det.aanhangsel and det.date:
        vj = vergaderjaar(det.date)
        if vj:
            det.aanhangsel["year"] = vj
            det.inferred["aanhangsel"] = (
                f"Het nummer staat in de tekst, het vergaderjaar niet: {vj} is het vergaderjaar van de datum {det.date}."
            )


def _voor_area(dept: str) -> bool:
    return bool(
        re.match(
            r"^(Buitenlandse Handel|Ontwikkelingssamenwerking|Rechtsbescherming|Medische Zorg|Klimaat|Natuur|"
            r"Langdurige|Basis- en Voortgezet|Primair|Armoedebeleid|Volkshuisvesting|Migratie)",
            dept,
            re.IGNORECASE,
        )
    )


def _set_ministry(det: Detection) -> None:
    found = [ministry_of(p["role"]) for p in det.ministers if p.get("role")]
    found += [ministry_of(role) for role in det.co_ministries]
    names: list[str] = list(dict.fromkeys(n for n in found if n))
    if names:
        det.ministry = " en ".join(names) if len(names) <= 2 else ", ".join(names[:-1]) + " en " + names[-1]
        roles = [p["role"] for p in det.ministers if p.get("role")] + [f"mede namens de {r}" for r in det.co_ministries]
        det.evidence["ministry"] = "uit " + ", ".join(roles)


def _detect_letter(t: _Text, det: Detection) -> None:
    text = t.text
    betreft = _BETREFT.search(text)
    if betreft:
        title = betreft.group(1).strip()
        nxt = text[betreft.end() + 1 :].split("\n", 1)[0]
        if nxt.strip() and nxt.strip()[0].islower():
            title = f"{title} {nxt.strip()}"
        det.title = _one_line(title, 240)
        det.evidence["title"] = t.evidence(betreft)
    else:
        brief = _BRIEF_HEADING.search(text[: _head(text)])
        if brief:
            det.title = "Brief van de " + _name_case(brief.group(1)).lower()
            det.title = re.sub(
                r"\b(minister|staatssecretaris|minister-president) (van|voor) (.+)$",
                lambda mm: f"{mm.group(1)} {mm.group(2)} {_title_words(mm.group(3))}",
                det.title,
            )
            det.evidence["title"] = t.evidence(brief)
    dm = _DATUM.search(text[: _head(text, 60)])
    if dm:
        iso = _iso(dm.group(1), dm.group(2), dm.group(3))
        if iso:
            det.date = iso
            det.evidence["date"] = t.evidence(dm)
    _detect_signatures(t, det)
    _set_ministry(det)


def _title_words(s: str) -> str:
    small = {"en", "van", "voor", "de", "het"}
    return " ".join(w if w in small else w[:1].upper() + w[1:] for w in s.split())


def _detect_signatures(t: _Text, det: Detection) -> None:
    text = t.text
    tail_start = max(0, len(text) - 2500)
    for m in _SIGNATURE.finditer(text, tail_start):
        role = _role(m.group(1), f"{m.group(2)} {m.group(3)}") if m.group(2) else m.group(1).lower()
        # The name: the next non-blank line(s), before another role line.
        rest = text[m.end() :].split("\n")
        name = None
        for ln in rest[1:6]:
            if not ln.strip():
                continue
            if _SIGNATURE.match(ln):
                break
            name = _clean_person(ln)
            break
        if not name:
            continue
        if any(p["name"] == name for p in det.ministers):
            continue
        det.ministers.append({"name": name, "role": role})
        ev = t.evidence(m, f"{m.group(0).strip()} {ln.strip()}")
        det.evidence["ministers"] = f"{det.evidence['ministers']}; {ev}" if "ministers" in det.evidence else ev
