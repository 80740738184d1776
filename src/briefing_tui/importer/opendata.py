"""The Tweede Kamer's open data (gegevensmagazijn) as downloaded: SyncFeed Atom XML and OData JSON.

`read_open_data(path)` returns the records of a file (or of a folder / zip of such files), or
None when the input is neither. Both formats give the same `Record`s:

- SyncFeed (`…/SyncFeed/2.0/Feed?category=Toezegging`): an Atom `feed` whose `entry` elements
  each hold one record in `content`: `<toezegging id="…" bijgewerkt="…" verwijderd="false">`
  (namespace `http://www.tweedekamer.nl/xsd/tkData/v1-0`; the attributes also with a `tk:`
  prefix) with one element per field (`<nummer>`, `<tekst>`, `<kamerbriefNakoming>` may repeat)
  and references to other records as elements with a `ref` attribute (`<zaak ref="…"/>`).
- OData v4 (`…/OData/v4/2.0/Zaak?$filter=…&$expand=Besluit($expand=Stemming),Kamerstukdossier`):
  `{"@odata.context": "…$metadata#Zaak…", "value": [{"Id": …, "Nummer": …, "Besluit": [ … ]}]}`
  or one record; field names in PascalCase ("KamerbriefNakoming"), references as `<Name>_Id`,
  expanded records nested as lists or objects.

Field names are given as in the XML (lower camel case: `kamerbriefNakoming`, `fractieGrootte`),
whatever the format. Entities read: Toezegging, Zaak, Besluit, Stemming, Kamerstukdossier,
Persoon, Fractie, ToegezegdAan, ZaakActor, Document; a feed of another entity is refused with
its name. JSON is parsed with the standard library; XML with defusedxml.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element

from briefing_tui.importer.extract import MAX_PDF_BYTES, ImportRefused, read_input
from briefing_tui.importer.official_files import local, parse_xml

__all__ = ["ENTITIES", "OpenData", "Record", "read_open_data"]

ENTITIES = (
    "Toezegging", "Zaak", "Besluit", "Stemming", "Kamerstukdossier", "Persoon", "Fractie",
    "ToegezegdAan", "ZaakActor", "Document",
)
_BY_LOWER = {e.lower(): e for e in ENTITIES}
_ATOM = "http://www.w3.org/2005/Atom"


@dataclass
class Record:
    entity: str  # "Toezegging"
    id: str
    fields: dict[str, list[str]] = field(default_factory=dict)  # name -> values (in order)
    refs: dict[str, list[str]] = field(default_factory=dict)  # relation -> ids
    children: dict[str, list["Record"]] = field(default_factory=dict)  # expanded relations (OData)
    deleted: bool = False
    updated: str | None = None

    def get(self, name: str) -> str | None:
        values = self.fields.get(name)
        return values[0] if values else None

    def all(self, name: str) -> list[str]:
        return list(self.fields.get(name, []))


@dataclass
class OpenData:
    records: list[Record]
    format: str  # "SyncFeed (Atom)" | "OData (JSON)"
    names: list[str]

    def of(self, entity: str) -> list[Record]:
        """Every record of an entity, expanded ones included."""
        out: list[Record] = []

        def walk(rec: Record) -> None:
            if rec.entity == entity:
                out.append(rec)
            for kids in rec.children.values():
                for kid in kids:
                    walk(kid)

        for rec in self.records:
            walk(rec)
        return out

    def by_id(self) -> dict[str, Record]:
        found: dict[str, Record] = {}
        for entity in ENTITIES:
            for rec in self.of(entity):
                found.setdefault(rec.id, rec)
        return found


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]


def _text(value) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    text = " ".join(str(value).split())
    return text or None


# --- Atom -------------------------------------------------------------------------------------

def _from_entity_element(el: Element) -> Record:
    entity = _BY_LOWER.get(local(el.tag).lower(), local(el.tag))
    attrs = {local(k): v for k, v in el.attrib.items()}
    rec = Record(entity, attrs.get("id", ""), deleted=attrs.get("verwijderd") == "true", updated=attrs.get("bijgewerkt"))
    for child in el:
        name = local(child.tag)
        if not name:
            continue
        ref = child.get("ref")
        if ref:
            rec.refs.setdefault(name, []).append(ref)
            continue
        text = _text("".join(child.itertext()))
        if text is not None:
            rec.fields.setdefault(name, []).append(text)
    return rec


def _from_atom(root: Element, name: str) -> list[Record]:
    records: list[Record] = []
    for entry in root:
        if local(entry.tag) != "entry":
            continue
        content = next((c for c in entry if local(c.tag) == "content"), None)
        body = next(iter(content), None) if content is not None else None
        if body is None:
            continue  # an entry without content (a deleted record announced by id only)
        if local(body.tag).lower() not in _BY_LOWER:
            raise ImportRefused.of(
                "import.syncfeed_other_entity", name=name, entity=local(body.tag), entities=", ".join(ENTITIES[:7])
            )
        records.append(_from_entity_element(body))
    return records


# --- OData JSON -------------------------------------------------------------------------------

def _from_json_object(obj: dict, entity: str) -> Record:
    rec = Record(entity, str(obj.get("Id") or obj.get("id") or ""))
    for key, value in obj.items():
        if key.startswith("@") or key in ("Id", "id"):
            continue
        if key == "Verwijderd":
            rec.deleted = value is True
            continue
        if key in ("GewijzigdOp", "ApiGewijzigdOp"):
            rec.updated = rec.updated or _text(value)
            continue
        if key.endswith("_Id"):
            if value:
                rec.refs.setdefault(_lower_first(key[:-3]), []).append(str(value))
            continue
        if isinstance(value, dict):
            kid_entity = _BY_LOWER.get(key.lower(), key)
            rec.children.setdefault(_lower_first(key), []).append(_from_json_object(value, kid_entity))
        elif isinstance(value, list):
            if all(isinstance(v, dict) for v in value):
                kid_entity = _BY_LOWER.get(key.lower(), _singular_entity(key))
                rec.children[_lower_first(key)] = [_from_json_object(v, kid_entity) for v in value]
            else:
                rec.fields[_lower_first(key)] = [t for t in (_text(v) for v in value) if t]
        else:
            text = _text(value)
            if text is not None:
                rec.fields[_lower_first(key)] = [text]
    return rec


def _singular_entity(key: str) -> str:
    # Navigation properties are named after their entity ("Besluit", "Stemming"), some after the
    # relation ("KamerbriefNakoming": Document, "ToegezegdAan", "IsHerhalingVan": Toezegging).
    return {"KamerbriefNakoming": "Document", "VervangenDoor": "Zaak", "VervangenVanuit": "Zaak"}.get(key, key)


def _from_json(data: bytes, name: str) -> list[Record]:
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        where = f" (regel {exc.lineno}, kolom {exc.colno})" if isinstance(exc, json.JSONDecodeError) else ""
        raise ImportRefused.of("import.json_malformed", name=name, where=where) from None
    if not isinstance(doc, dict):
        raise ImportRefused.of("import.json_no_records", name=name)
    context = str(doc.get("@odata.context", ""))
    m = re.search(r"\$metadata#(\w+)", context)
    entity = m.group(1) if m else None
    if entity is None:
        raise ImportRefused.of("import.json_no_context", name=name)
    if entity.lower() not in _BY_LOWER:
        raise ImportRefused.of("import.odata_other_entity", name=name, entity=entity, entities=", ".join(ENTITIES[:7]))
    entity = _BY_LOWER[entity.lower()]
    items = doc["value"] if isinstance(doc.get("value"), list) else [doc]
    return [_from_json_object(item, entity) for item in items if isinstance(item, dict)]


# --- files ------------------------------------------------------------------------------------

def _one(data: bytes, name: str) -> tuple[list[Record], str] | None:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if b"\x00" in data[:4096]:
        return None  # binary: the text importer says what it is
    if head.startswith(b"{") and (name.lower().endswith(".json") or b"@odata" in data[:4096]):
        return _from_json(data, name), "OData (JSON)"
    if head.startswith(b"<") and b"<feed" in data[:4096]:
        root = parse_xml(data, name)
        if local(root.tag) == "feed":
            return _from_atom(root, name), "SyncFeed (Atom)"
    return None


def read_open_data(path: str | Path) -> OpenData | None:
    """The open-data records in a file, or in a folder or zip of feed files; None for other input."""
    p = Path(path)
    parts: list[tuple[bytes, str]] = []
    if p.is_dir():
        entries = sorted(x for x in p.iterdir() if not x.name.startswith("."))
        if not entries or not all(x.is_file() and x.suffix.lower() in (".xml", ".json", ".atom") for x in entries):
            return None
        parts = [(read_input(x), x.name) for x in entries]
    elif p.is_file() and p.suffix.lower() == ".zip":
        try:
            with zipfile.ZipFile(io.BytesIO(read_input(p))) as archive:
                members = [i for i in archive.infolist() if not i.filename.endswith("/") and "/." not in "/" + i.filename]
                if sum(i.file_size for i in members) > MAX_PDF_BYTES:  # a zip bomb: refused before unpacking
                    raise ImportRefused(f"{p}: uitgepakt te groot (meer dan {MAX_PDF_BYTES:,} bytes)".replace(",", "."))
                if not members or not all(i.filename.lower().endswith((".json", ".atom")) or _is_feed(archive.read(i)) for i in members):
                    return None
                parts = [(archive.read(i), f"{p.name}:{i.filename}") for i in members]
        except zipfile.BadZipFile:
            return None
    elif p.is_file():
        parts = [(read_input(p), p.name)]
    else:
        return None
    got = [(_one(data, name), name) for data, name in parts]
    if all(g is None for g, _ in got):
        return None
    strangers = [name for g, name in got if g is None]
    if strangers:
        raise ImportRefused.of("import.not_open_data", name=strangers[0])
    found = [g for g, _ in got if g is not None]  # all of them: a stranger was refused above
    records = [rec for g in found for rec in g[0]]
    if not records:
        raise ImportRefused.of("import.feed_empty", name=str(p))
    return OpenData(records, " en ".join(sorted({g[1] for g in found})), [n for _, n in parts])


def _is_feed(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"{") or (head.startswith(b"<") and b"<feed" in head)
