"""The files of an official publication as downloaded from officielebekendmakingen (KOOP).

A publication comes as its body XML (root `officiele-publicatie`) and `metadata.xml` (root
`metadata_gegevens`, a list of `<metadata name="…" content="…"/>`), alone or together: one XML
file, a folder holding both, or a zip of both. `read_official_files(path)` returns them parsed,
or None when the input is none of these (plain text, PDF: the other readers take it).

XML is parsed with defusedxml: no entity expansion, no external entities or DTDs fetched, no
network. Element names are read without their namespace. Whatever is wrong gets one message and
nothing is read: malformed XML (with line and column), XML of another kind, a zip or folder with
other files, two body files.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from briefing_tui.importer.extract import ImportRefused, read_input
from briefing_tui.importer.html import looks_like_html

__all__ = ["OfficialFiles", "local", "looks_like_xml", "parse_xml", "read_official_files"]

BODY_ROOT = "officiele-publicatie"
METADATA_ROOT = "metadata_gegevens"
_MAX_ZIP_MEMBER = 50 * 1024 * 1024  # a publication is far smaller; a bigger member is refused


@dataclass
class OfficialFiles:
    body: Element | None = None
    metadata: dict[str, list[str]] = field(default_factory=dict)  # name -> values, in file order
    names: list[str] = field(default_factory=list)  # the files read, for the report
    embedded_metadata: bool = False  # the metadata stood inside the body XML


def local(tag: object) -> str:
    """'{http://…}al' -> 'al'; comments and processing instructions -> ''."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def looks_like_xml(data: bytes) -> bool:
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<?xml") or head.startswith(b"<") and not head[:15].lower().startswith((b"<!doctype html", b"<html"))


def parse_xml(data: bytes, name: str) -> Element:
    """Parse XML safely; ImportRefused with line and column when it is malformed."""
    try:
        return fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except ParseError as exc:
        line, column = getattr(exc, "position", (None, None))
        where = f" (regel {line}, kolom {column + 1})" if line and column is not None else ""
        raise ImportRefused.of("import.xml_malformed", name=name, where=where, reason=_reason(exc)) from None
    except DefusedXmlException:
        raise ImportRefused.of("import.xml_entities", name=name) from None


def _reason(exc: ParseError) -> str:
    text = str(exc)
    return text.split(":", 1)[0] if ":" in text else text


def _metadata_of(root: Element) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for el in root.iter():
        name = el.get("name")
        if local(el.tag) in ("metadata", "meta") and name and el.get("content") is not None:
            value = " ".join(el.get("content", "").split())
            if value:
                out.setdefault(name, []).append(value)
    return out


def _take(files: OfficialFiles, data: bytes, name: str) -> None:
    root = parse_xml(data, name)
    kind = local(root.tag)
    if kind == BODY_ROOT:
        if files.body is not None:
            raise ImportRefused.of("import.xml_second_body", name=name)
        files.body = root
        embedded = next((el for el in root if local(el.tag) == "metadata"), None)
        if embedded is not None:
            for key, values in _metadata_of(embedded).items():
                files.metadata.setdefault(key, values)
            files.embedded_metadata = True
    elif kind == METADATA_ROOT:
        if files.names and any(n.endswith("metadata.xml") for n in files.names):
            raise ImportRefused.of("import.xml_second_metadata", name=name)
        # metadata.xml beside the body wins over metadata inside it: it is the fuller record.
        files.metadata.update(_metadata_of(root))
    else:
        raise ImportRefused.of("import.xml_other_kind", name=name, root=kind)
    files.names.append(name)


def _some(names: list[str]) -> str:
    return ", ".join(names[:3]) + (" …" if len(names) > 3 else "")


def _is_noise(name: str) -> bool:
    base = name.rsplit("/", 1)[-1]
    return not base or base.startswith(".") or name.startswith("__MACOSX/") or name.endswith("/")


def _from_zip(path: Path, data: bytes) -> OfficialFiles:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ImportRefused.of("import.zip_damaged", name=str(path)) from None
    members = [i for i in archive.infolist() if not _is_noise(i.filename)]
    other = [i.filename for i in members if not i.filename.lower().endswith(".xml")]
    if other:
        raise ImportRefused.of("import.zip_other_files", name=str(path), others=_some(other))
    if not members:
        raise ImportRefused.of("import.zip_no_xml", name=str(path))
    files = OfficialFiles()
    for info in members:
        if info.file_size > _MAX_ZIP_MEMBER:
            raise ImportRefused.of("import.zip_member_too_big", name=str(path), member=info.filename, size=info.file_size)
        _take(files, archive.read(info), f"{path.name}:{info.filename}")
    return files


def _from_folder(path: Path) -> OfficialFiles:
    entries = sorted(p for p in path.iterdir() if not p.name.startswith("."))
    xml = [p for p in entries if p.is_file() and p.suffix.lower() == ".xml"]
    other = [p.name for p in entries if p not in xml]
    if not xml:
        raise ImportRefused.of("import.folder_no_xml", name=str(path))
    if other:
        raise ImportRefused.of("import.folder_other_files", name=str(path), others=_some(other))
    files = OfficialFiles()
    for p in xml:
        _take(files, read_input(p), p.name)
    return files


def _announces_publication(data: bytes) -> bool:
    """A file not named .xml is read as a publication only when it is text that names one of
    the two roots early on (random bytes that happen to start with '<' are not XML)."""
    head = data[:4096]
    return b"\x00" not in head and (b"<officiele-publicatie" in head or b"<metadata_gegevens" in head)


def read_official_files(path: str | Path) -> OfficialFiles | None:
    """The publication's parsed files, or None when `path` is not XML, a folder or a zip."""
    p = Path(path)
    if p.is_dir():
        return _from_folder(p)
    if not p.is_file():
        return None
    data = read_input(p)
    if data.startswith(b"PK\x03\x04") and p.suffix.lower() == ".zip":
        return _from_zip(p, data)
    if looks_like_html(data):
        return None  # a web page: importer/html.py
    named_xml = p.suffix.lower() == ".xml"
    if named_xml or (looks_like_xml(data) and _announces_publication(data)):
        if not data.strip():
            return None
        if not looks_like_xml(data):
            raise ImportRefused.of("import.xml_named_not_xml", name=str(p))
        files = OfficialFiles()
        _take(files, data, p.name)
        return files
    return None
