"""An official publication (KOOP XML and/or metadata.xml) as a source: text, metadata, Q&A.

`read_official(path)` returns None for inputs that are not official XML (a folder, a zip, an
`.xml` file), so that plain text and PDF go their usual way. Otherwise it returns the rendered
text (`official_body.render`), a `Detection` and the questions and answers from the structure.

Metadata from these files is *stated*: every field is `detected` with its evidence naming the
element or the metadata.xml field ("metadata.xml OVERHEIDop.dossiernummer: «35925-X»",
"XML <dossiernummer>: «35 925 X»"), never inferred; the one exception is a Kamerbrief whose
only date is the publication date (`DCTERMS.issued`), which is not the date of the letter and
is marked inferred. What the files do not state is taken from the rendered text by the text
detector (`detect`), with the line it stands on, as for any other import.

A saved web page of a publication (`read_web_page`) is read the same way: its text as a reader
sees it (`importer/html.py`), its `<meta>` fields as metadata.xml.

Which elements and fields are read: see docs/import.md ("Official XML").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from briefing_tui.dossiers import format_dossier, parse_dossier, parse_kamerstuk_id, parse_zaak
from briefing_tui.importer.detect import Detection, detect, ministry_of
from briefing_tui.importer.extract import Extracted, ImportRefused, read_input
from briefing_tui.importer.html import read_html
from briefing_tui.importer.official_body import Rendered, render
from briefing_tui.importer.official_files import OfficialFiles, read_official_files
from briefing_tui.importer.qa import QAItem

__all__ = ["Meta", "Official", "apply_stated", "official_from", "read_official"]

_AH_ID = re.compile(r"^ah-tk-(\d{4})(\d{4})-(\d+)$", re.IGNORECASE)
_KV_ID = re.compile(r"^kv-tk-(\S+)$", re.IGNORECASE)


@dataclass
class Official:
    extracted: Extracted
    detection: Detection
    qa: list[QAItem]
    files: list[str]
    notes: list[str] = field(default_factory=list)
    metadata_only: bool = False  # metadata.xml without the publication: only --update can use it


class Meta:
    """Metadata fields by name (case-insensitive); `label` says where they stand, for evidence:
    "metadata.xml", or "HTML <meta>" for a saved web page."""

    def __init__(self, values: dict[str, list[str]], label: str = "metadata.xml"):
        self.values = {k.lower(): v for k, v in values.items()}
        self.label = label

    def ev(self, name: str, value: str) -> str:
        return f"{self.label} {name}: «{value}»"

    def all(self, name: str) -> list[str]:
        return self.values.get(name.lower(), [])

    def first(self, *names: str) -> tuple[str, str] | None:
        """(name, value) of the first of `names` that the metadata holds."""
        for name in names:
            vals = self.all(name)
            if vals:
                return name, vals[0]
        return None


def _ev_xml(element: str, value: str) -> str:
    value = value if len(value) <= 120 else value[:119] + "…"
    return f"XML <{element}>: «{value}»"


def _iso(value: str) -> str | None:
    m = re.match(r"^(\d{4}-\d{2}-\d{2})", value.strip())
    return m.group(1) if m else None


def _kind(r: Rendered, meta: Meta, det: Detection) -> tuple[str, str] | None:
    """(kind, evidence) from the structure and the metadata."""
    if r.kind in ("kamervragen", "aanhangsel"):
        if r.qa or "antwoord" in r.descriptions:
            what = r.descriptions.get("antwoord") or "<antwoord>"
            return "antwoorden", _ev_xml("kamervraagomschrijving type=antwoord", what)
        return "vragen", _ev_xml("kamervraagomschrijving", r.descriptions.get("vraag", "<vraag>"))
    dc_type = meta.first("DC.type")
    if dc_type and "aanhangsel" in dc_type[1].lower():
        return "antwoorden", meta.ev(*dc_type)
    doc = meta.first("OVERHEIDop.documenttitel")
    label = (doc[1] if doc else "") + " " + (r.title or "")
    low = label.lower()
    if "motie" in low:
        return "motie", meta.ev(*doc) if doc and "motie" in doc[1].lower() else _ev_xml("stuk/titel", r.title or "")
    if det.kind == "kabinetsreactie":
        return None  # the text says so; keep the text's evidence
    if "brief" in low:
        return "kamerbrief", meta.ev(*doc) if doc and "brief" in doc[1].lower() else _ev_xml("stuk/titel", r.title or "")
    if "verslag" in low:
        return "verslag", meta.ev(*doc) if doc and "verslag" in doc[1].lower() else _ev_xml("stuk/titel", r.title or "")
    if "advies" in low:
        return "advies", meta.ev(*doc) if doc and "advies" in doc[1].lower() else _ev_xml("stuk/titel", r.title or "")
    return None


def _title(r: Rendered, meta: Meta) -> tuple[str, str] | None:
    dc = meta.first("DC.title")
    if dc:
        parts = [p.strip() for p in dc[1].split(";") if p.strip()]
        dossier_title = (meta.first("OVERHEIDop.dossiertitel") or ("", r.dossier_title or ""))[1]
        doc = (meta.first("OVERHEIDop.documenttitel") or ("", ""))[1]
        if len(parts) > 1 and dossier_title and parts[0] == dossier_title:
            parts = parts[1:]
        # "<dossier title>; <document kind>; <subject>": the subject is the title
        kinds = [i for i, p in enumerate(parts[:-1]) if doc and p.lower() == doc.lower()]
        if kinds:
            parts = parts[kinds[0] + 1 :]
        return "; ".join(parts), meta.ev(*dc)
    return None


def _kamerstuk(r: Rendered, meta: Meta, notes: list[str]) -> tuple[dict, str] | None:
    ident = meta.first("DC.identifier")
    from_id = parse_kamerstuk_id(ident[1]) if ident else None
    md = meta.first("OVERHEIDop.dossiernummer")
    mn = meta.first("OVERHEIDop.ondernummer")
    dossier = number = None
    evidence: list[str] = []
    if md and mn and parse_dossier(md[1]) and mn[1].isdigit():
        dossier, number = parse_dossier(md[1]), mn[1]
        evidence.append(f"{meta.ev(*md)}, {meta.ev(*mn)}")
    elif from_id and ident:  # from_id comes from ident
        dossier, number = from_id
        evidence.append(meta.ev(*ident))
    if r.dossiers and r.number:
        xml_dossier = parse_dossier(r.dossiers[0])
        if dossier is None and xml_dossier:
            dossier, number = xml_dossier, r.number
            evidence.append(_ev_xml("dossiernummer", r.dossiers[0]) + ", " + _ev_xml("ondernummer", r.number))
        elif xml_dossier and dossier is not None and (xml_dossier, r.number) != (dossier, number):
            notes.append(
                f"de XML noemt Kamerstuk {format_dossier(xml_dossier)}, nr. {r.number}, metadata.xml "
                f"{format_dossier(dossier)}, nr. {number}; metadata.xml gevolgd"
            )
    if len(r.dossiers) > 1:
        others = ", ".join(r.dossiers[1:])
        notes.append(f"het stuk hoort ook bij dossier {others}; als Kamerstuk geldt het eerste")
    if dossier is None or number is None:
        return None
    value = {"dossier": dossier, "number": number}
    vj = meta.first("OVERHEIDop.vergaderjaar")
    year = vj[1] if vj and re.fullmatch(r"\d{4}-\d{4}", vj[1]) else r.vergaderjaar
    if year:
        value["year"] = year
    return value, "; ".join(evidence)


def _aanhangsel(r: Rendered, meta: Meta) -> tuple[dict, str] | None:
    ident = meta.first("DC.identifier")
    m = _AH_ID.match(ident[1]) if ident else None
    if ident and m and int(m.group(2)) == int(m.group(1)) + 1:
        return {"year": f"{m.group(1)}-{m.group(2)}", "number": m.group(3)}, meta.ev(*ident)
    number = meta.first("OVERHEIDop.aanhangselnummer", "OVERHEIDop.aanhangsel")
    vj = meta.first("OVERHEIDop.vergaderjaar")
    year = vj[1] if vj and re.fullmatch(r"\d{4}-\d{4}", vj[1]) else r.vergaderjaar
    if number and (digits := re.search(r"(\d+)\s*$", number[1])) and year:
        ev = meta.ev(*number) + (f", {meta.ev(*vj)}" if vj else "")
        return {"year": year, "number": str(int(digits.group(1)))}, ev
    if r.aanhangsel_number and year:
        ev = _ev_xml("kamervraagnummer", r.aanhangsel_number) + (f", {meta.ev(*vj)}" if vj else f", XML vergaderjaar «{year}»")
        return {"year": year, "number": r.aanhangsel_number}, ev
    return None


def _kamervragen(meta: Meta) -> tuple[str, str] | None:
    kv = meta.first("OVERHEIDop.vraagnummer", "OVERHEIDop.zaaknummer")
    if kv and (number := parse_zaak(kv[1])):
        return number, meta.ev(*kv)
    ident = meta.first("DC.identifier")
    m = _KV_ID.match(ident[1]) if ident else None
    if ident and m and (number := parse_zaak(m.group(1))):
        return number, meta.ev(*ident)
    return None


def _date(kind: str, r: Rendered, meta: Meta) -> tuple[str, str, bool] | None:
    """(ISO date, evidence, inferred)."""
    names = {
        "antwoorden": ("OVERHEIDop.datumOntvangst",),
        "vragen": ("OVERHEIDop.datumIndiening",),
        "motie": ("OVERHEIDop.datumIndiening",),
    }.get(kind, ("OVERHEIDop.datumBrief",))
    found = meta.first(*names)
    if found and (iso := _iso(found[1])):
        return iso, meta.ev(*found), False
    element = {"antwoorden": "antwoord", "vragen": "vraag"}.get(kind, "datumtekst")
    if element in r.dates:
        where = f"kamervraagomschrijving type={element}" if element != "datumtekst" else "datumtekst"
        return r.dates[element], _ev_xml(f"{where}/datum isodatum", r.dates[element]), False
    return None


def _signers(r: Rendered) -> tuple[list[dict], str] | None:
    people: list[dict] = []
    for s in r.signers:
        role = re.sub(r"^\s*(?:de|De)\s+", "", s.function).strip().rstrip(",").strip()
        if not re.match(r"(?i)(minister|staatssecretaris|minister-president)\b", role):
            continue
        role = role[0].lower() + role[1:]
        if not any(p["name"] == s.name for p in people):
            people.append({"name": s.name, "role": role})
    if not people:
        return None
    ev = "; ".join(_ev_xml("ondertekening", f"{s.function} {s.name}") for s in r.signers if any(p["name"] == s.name for p in people))
    return people, ev


def _set(det: Detection, name: str, value, evidence: str) -> None:
    setattr(det, name, value)
    det.evidence[name] = evidence
    det.inferred.pop(name, None)
    det.missing.pop(name, None)


def read_official(path: str | Path) -> Official | None:
    """An official publication's XML (file, folder, zip) or a saved web page of one; None for
    anything else (plain text, PDF)."""
    files = read_official_files(path)
    if files is not None:
        return official_from(files)
    return read_web_page(path)


def read_web_page(path: str | Path) -> Official | None:
    p = Path(path)
    if not p.is_file():
        return None
    data = read_input(p)
    page = read_html(data)
    if page is None:
        return None
    text, values = page
    if len(text.strip()) < 20:
        raise ImportRefused.of("import.web_page_empty", name=str(p))
    notes: list[str] = []
    det = detect(text)
    apply_stated(det, Rendered(text=text, kind=""), Meta(values, "HTML <meta>"), notes)
    extracted = Extracted(text=text, format="html", notes=tuple(notes), parts=(p.name,))
    return Official(extracted=extracted, detection=det, qa=[], files=[p.name], notes=notes)


def official_from(files: OfficialFiles) -> Official:
    if files.body is None:
        # metadata.xml alone: no text to import, but it can update a source that is this publication
        notes: list[str] = []
        det = Detection()
        apply_stated(det, Rendered(text="", kind=""), Meta(files.metadata), notes)
        extracted = Extracted(text="", format="xml", notes=tuple(notes), parts=tuple(files.names))
        return Official(extracted, det, [], list(files.names), notes, metadata_only=True)
    r = render(files.body)
    if len(r.text.strip()) < 20:
        raise ImportRefused.of("import.xml_no_text", name=files.names[0])
    notes = []
    det = detect(r.text)
    apply_stated(det, r, Meta(files.metadata), notes)
    extracted = Extracted(text=r.text, format="xml", notes=tuple(notes), parts=tuple(files.names))
    return Official(extracted=extracted, detection=det, qa=r.qa, files=list(files.names), notes=notes)


def apply_stated(det: Detection, r: Rendered, meta: Meta, notes: list[str]) -> None:
    """Override the text detection with what the structure `r` and the metadata state."""
    if kind := _kind(r, meta, det):
        _set(det, "kind", *kind)
    if (r.kind == "kamerstuk" or (not r.kind and det.kind not in ("antwoorden", "vragen"))) and (
        ks := _kamerstuk(r, meta, notes)
    ):
        _set(det, "kamerstuk", *ks)
    if r.kind in ("kamervragen", "aanhangsel") or det.kind in ("antwoorden", "vragen"):
        if det.kind == "antwoorden" and (ah := _aanhangsel(r, meta)):
            _set(det, "aanhangsel", *ah)
        if kv := _kamervragen(meta):
            _set(det, "kamervragen", *kv)
    if title := _title(r, meta):
        _set(det, "title", *title)
    if det.kind and (when := _date(det.kind, r, meta)):
        iso, ev, _ = when
        _set(det, "date", iso, ev)
    elif det.date is None and (issued := meta.first("DCTERMS.issued")) and (issued_iso := _iso(issued[1])):
        det.date = issued_iso
        det.inferred["date"] = f"De tekst noemt geen datum; {issued[0]} «{issued[1]}» is de datum van publicatie."
        det.missing.pop("date", None)
    if signed := _signers(r):
        _set(det, "ministers", *signed)
        roles = {ministry_of(p["role"]) for p in det.ministers} - {None}
        if len(roles) == 1:
            det.ministry = roles.pop()
    names = [s.name for s in r.signers if not s.function]
    if det.kind == "motie" and names:
        _set(det, "members", [{"name": n} for n in names], "; ".join(_ev_xml("ondertekening/naam", n) for n in names))
    if det.kind in ("motie", "vragen", "antwoorden") and not det.members:
        names = meta.all("OVERHEIDop.indiener")
        if names:
            _set(det, "members", [{"name": n} for n in names], "; ".join(meta.ev("OVERHEIDop.indiener", n) for n in names))

