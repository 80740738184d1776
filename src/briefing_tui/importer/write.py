"""Plan an import (what would be written) and write it, all or nothing.

    plan = plan_import(Path("motie.pdf"), Path("content"), kind=None, date=None, ...)
    plan.metadata       # the source's YAML mapping, with `detected:` evidence
    plan.files          # path -> new text for every file the import writes or changes
    written = write_import(plan)

`plan_import` raises `ImportRefused` for bad input (see `extract`), for a text that is already a
source (same normalised text), for an id that exists, and for bad command-line values; nothing
is written then.

`write_import` writes every file to a temporary file in its folder first (flushed and fsync'ed),
then puts them in place: the new source's `.txt` and `.yaml` (never over an existing file), then
the changed files (`qa.yaml`, the `.yaml` of a linked source), each only if nobody changed it
since it was read. When any step fails, the new files are removed again and the changed files
get their old content back, so a failed import leaves no half-written source.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from briefing_tui.atomic import MAX_FILE_NAME, clean_stale, fsync_dir, name_fits, write_temporary
from briefing_tui.files import display_path
from briefing_tui.citations import BASE_URL
from briefing_tui.dates import parse_partial
from briefing_tui.dossiers import kamerstuk_url, parse_dossier, parse_kamerstuk_id
from briefing_tui.importer.detect import Detection, detect
from briefing_tui.importer.extract import Extracted, ImportRefused, extract_file
from briefing_tui.importer.link import (
    FolderSources, Link, SourceLookup, duplicate_candidates, find_duplicate, find_links, linkable_sources,
)
from briefing_tui.importer.official import read_official
from briefing_tui.importer.qa import QAItem, find_qa, find_questions
from briefing_tui.importer.update import FIELD_LABELS, existing_document, official_changes, updated_metadata
from briefing_tui.model import SOURCE_KINDS
from briefing_tui.yamlio import MAX_YAML_BYTES

__all__ = ["ImportPlan", "plan_import", "write_import", "ImportRefused"]

ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
FIELDS = ("kind", "title", "date", "ministers", "ministry", "members", "kamerstuk", "aanhangsel", "kamervragen")
QA_HEADER = "# Questions put by the Kamer and the answers given.\nqa:\n"


@dataclass
class ImportPlan:
    source_id: str
    text: str
    metadata: dict
    detection: Detection
    extracted: Extracted
    given: dict[str, str]  # field -> the command-line option that set it
    qa_items: list[dict]
    links: list[Link]
    files: dict[Path, str]  # every file to write: path -> new content
    originals: dict[Path, bytes | None]  # what those files held when planned (None: new file)
    notes: list[str] = field(default_factory=list)  # things the user should know
    updated: list[str] = field(default_factory=list)  # --update: the fields taken from official data

    @property
    def txt_path(self) -> Path:
        return next(p for p in self.files if p.suffix == ".txt")

    @property
    def yaml_path(self) -> Path:
        return self.txt_path.with_suffix(".yaml")


def _check_options(kind, date, source_id, dossier, number) -> None:
    if kind is not None and kind not in SOURCE_KINDS:
        raise ImportRefused(f"--kind {kind!r}: kies uit {', '.join(SOURCE_KINDS)}")
    if date is not None:
        try:
            parse_partial(date)
        except ValueError:
            raise ImportRefused(f"--date {date!r}: geef een datum als 2021-03-22, 2021-03 of 2021") from None
    if source_id is not None and not ID_RE.match(source_id):
        raise ImportRefused(f"--id {source_id!r}: een id bestaat uit kleine letters, cijfers, '.', '_' en '-'")
    if source_id is not None and not name_fits(f"{source_id}.yaml"):
        raise ImportRefused(
            f"--id is te lang ({len(source_id)} tekens; een bestandsnaam mag hoogstens {MAX_FILE_NAME - 5} tekens "
            "hebben plus '.yaml'); kies een korter id"
        )
    if (dossier is None) != (number is None):
        raise ImportRefused("--dossier en --number horen bij elkaar: geef ze allebei")
    if dossier is not None and parse_dossier(dossier) is None:
        raise ImportRefused.of("import.bad_dossier_option", value=dossier)
    if number is not None and not re.match(r"^\d{1,5}$", number):
        raise ImportRefused(f"--number {number!r}: een ondernummer is een getal")


def plan_import(
    file: str | Path,
    content_dir: str | Path,
    *,
    source_id: str | None = None,
    kind: str | None = None,
    date: str | None = None,
    title: str | None = None,
    dossier: str | None = None,
    number: str | None = None,
    update: bool = False,
    known: SourceLookup | None = None,
) -> ImportPlan:
    """What importing `file` into `content_dir` would write. `known` names the existing sources
    that could match (the knowledge base's index: `KnowledgeBase.known_sources()`); without it
    every file in `sources/` is looked at."""
    _check_options(kind, date, source_id, dossier, number)
    content = Path(content_dir)
    sources_dir = content / "sources"
    known = known if known is not None else FolderSources(content)
    official = read_official(file)
    if official is not None and official.metadata_only:
        return _plan_metadata_only(content, official, Path(file).name, update, known)
    if official is not None:
        extracted, det = official.extracted, official.detection
    else:
        extracted = extract_file(file)
        det = detect(extracted.text)
    text = extracted.text

    given: dict[str, str] = {}
    if kind is not None:
        det.kind = kind
        given["kind"] = "--kind"
    if date is not None:
        det.date = date
        given["date"] = "--date"
    if title is not None:
        det.title = title.strip()
        given["title"] = "--title"
    if dossier is not None and number is not None:
        d = parse_dossier(dossier)
        year = det.kamerstuk.get("year") if det.kamerstuk and det.kamerstuk.get("dossier") == d else None
        det.kamerstuk = {"dossier": d, "number": number, **({"year": year} if year else {})}
        given["kamerstuk"] = "--dossier/--number"
    for name in given:
        det.evidence.pop(name, None)
        det.inferred.pop(name, None)
        det.missing.pop(name, None)
    if not det.kind:
        raise ImportRefused(
            "soort document niet herkend (geen motie, vragen, antwoorden, kabinetsreactie of Kamerbrief); "
            "geef --kind " + "|".join(SOURCE_KINDS)
        )
    if not det.title:
        raise ImportRefused("geen titel in de tekst gevonden; geef --title \"...\"")

    sid = source_id or det.source_id()
    if source_id:
        given["id"] = "--id"
    txt_path, yaml_path = sources_dir / f"{sid}.txt", sources_dir / f"{sid}.yaml"
    if update and official is None:
        raise ImportRefused.of("import.update_needs_official")
    if official is not None:
        fresh = _metadata(sid, det, extracted, Path(file).name, [])
        match = existing_document(sources_dir, sid, fresh, known)
        if match is not None:
            return _plan_update(content, match, fresh, det, extracted, given, Path(file).name, update)
        if update:
            raise ImportRefused.of("import.update_nothing_there", id=sid)
    if txt_path.exists() or yaml_path.exists():
        raise ImportRefused(
            f"bron {sid!r} bestaat al ({_shown(content, yaml_path if yaml_path.exists() else txt_path)}); "
            "kies een ander id met --id"
        )
    used = id_in_use(content, sid, known)
    if used is not None:
        raise ImportRefused(
            f"id {sid!r} is al in gebruik ({_shown(content, used[0])}:{used[1]}); ids zijn uniek in de hele "
            "kennisbank: kies een ander id met --id"
        )

    dup = find_duplicate(text, duplicate_candidates(sources_dir, known, text))
    if dup is not None:
        raise ImportRefused(
            f"deze tekst is al geïmporteerd als bron {dup.id!r} ({_shown(content, dup.txt_path)}); er is niets geschreven"
        )

    qa_items: list[QAItem] = []
    if det.kind == "antwoorden":
        qa_items = official.qa if official is not None and official.qa else find_qa(text)
    own_questions = list(find_questions(text).values()) if det.kind == "vragen" else None
    existing = linkable_sources(sources_dir, known, det.kind, det.kamervragen, det.members)
    links = find_links(
        det.kind,
        det.kamervragen,
        det.members,
        det.subject,
        qa_items[0].question if qa_items else None,
        existing,
        own_questions,
    )

    metadata = _metadata(sid, det, extracted, Path(file).name, links)
    files: dict[Path, str] = {txt_path: text, yaml_path: _dump_yaml(metadata)}
    originals: dict[Path, bytes | None] = {txt_path: None, yaml_path: None}
    notes: list[str] = []

    qa_records = [_qa_record(sid, item, text) for item in qa_items]
    if qa_records:
        qa_path = content / "qa.yaml"
        old = qa_path.read_bytes() if qa_path.exists() else None
        files[qa_path] = _append_qa(_utf8(old, qa_path) if old is not None else None, qa_records, qa_path)
        originals[qa_path] = old

    for link in links:
        other = next(s for s in existing if s.id == link.other)
        current = other.meta.get(link.key_there)
        if current and current != sid:
            notes.append(
                f"{other.id} heeft al {link.key_there}: {current}; niet overschreven (alleen {link.key_here} in de nieuwe bron)"
            )
            continue
        if current == sid:
            continue
        raw = other.yaml_path.read_bytes()
        files[other.yaml_path] = _add_key(_utf8(raw, other.yaml_path), link.key_there, sid)
        originals[other.yaml_path] = raw

    return ImportPlan(
        source_id=sid,
        text=text,
        metadata=metadata,
        detection=det,
        extracted=extracted,
        given=given,
        qa_items=qa_records,
        links=links,
        files=files,
        originals=originals,
        notes=notes,
    )


def _plan_update(content, match, fresh, det, extracted, given, filename, update) -> ImportPlan:
    """The existing source `match` is this publication: update its metadata with what the
    official data states (only with --update), or say what --update would change."""
    old = match.meta
    changes = official_changes(fresh, old)
    where = _shown(content, match.yaml_path)
    if not update:
        if changes:
            names = ", ".join(FIELD_LABELS[c] for c in changes)
            raise ImportRefused.of("import.publication_present_update", id=match.id, path=where, fields=names)
        raise ImportRefused.of("import.publication_present_same", id=match.id, path=where)
    if not changes:
        raise ImportRefused.of("import.publication_up_to_date", id=match.id, path=where)
    labels = ", ".join(FIELD_LABELS[c] for c in changes)
    note = f"Bijgewerkt met officiële gegevens uit {filename} ({', '.join(extracted.parts)}): {labels}."
    metadata = updated_metadata({**fresh, "id": match.id}, {**old}, changes, note)
    raw = match.yaml_path.read_bytes()
    if not match.txt_path.exists():
        raise ImportRefused.of("import.source_without_text", id=match.id, path=where)
    text_raw = match.txt_path.read_bytes()
    files: dict[Path, str] = {}
    originals: dict[Path, bytes | None] = {}
    files[match.txt_path] = text_raw.decode("utf-8")  # unchanged: written back as it is
    originals[match.txt_path] = text_raw
    files[match.yaml_path] = _dump_yaml(metadata)
    originals[match.yaml_path] = raw
    return ImportPlan(
        source_id=match.id,
        text=match.text(),
        metadata=metadata,
        detection=det,
        extracted=extracted,
        given=given,
        qa_items=[],
        links=[],
        files=files,
        originals=originals,
        notes=[f"bijgewerkt: {labels}; de tekst en de vragen en antwoorden van de bron zijn niet veranderd"],
        updated=changes,
    )


def _plan_metadata_only(content: Path, official, filename: str, update: bool, known: SourceLookup) -> ImportPlan:
    """metadata.xml alone: it updates the source that is this publication, or is refused."""
    det = official.detection
    sid = det.source_id() if (det.kamerstuk or det.aanhangsel or det.kamervragen) else ""
    fresh = _metadata(sid, det, official.extracted, filename, [])
    match = existing_document(content / "sources", sid, fresh, known) if sid else None
    if match is None:
        raise ImportRefused.of("import.metadata_only", names=", ".join(official.files))
    return _plan_update(content, match, fresh, det, official.extracted, {}, filename, update)


def id_in_use(content: Path, record_id: str, known: SourceLookup | None = None) -> tuple[Path, int] | None:
    """Where `record_id` is already the id of something (a source, statement, domain, forum,
    commitment, motion or question): (file, line), or None.

    Ids are one namespace: a source that took a statement's id would hide it. A domain or forum
    file of that name is in use; else the YAML files that may define it (`known.defining`: those
    the index has the id in, or, without an index, every content YAML file) are searched as text
    for an `id:` key with this value, which needs no loaded knowledge base.
    """
    from briefing_tui.files import YAML_SUFFIXES

    known = known if known is not None else FolderSources(content)
    for kind in ("domains", "forums"):
        for ext in YAML_SUFFIXES:
            if _regular_inside(content, f"{kind}/{record_id}{ext}"):
                return content / kind / f"{record_id}{ext}", 1
    needle = record_id.encode("utf-8")
    # Starts with the literal "id:", which the regex engine scans for quickly; what may stand
    # before it (a line start, a space, "{", "," or "- ") is checked per match.
    pattern = re.compile(rb"(?m)id:[ \t]*(['\"]?)" + re.escape(needle) + rb"\1[ \t]*(?:\r?$|[,}#])")
    for rel in known.defining(record_id):
        path = content / rel
        try:
            if path.stat().st_size > MAX_YAML_BYTES:
                continue
            data = path.read_bytes()
        except OSError:
            continue
        if needle not in data:
            continue
        for m in pattern.finditer(data):
            if m.start() == 0 or data[m.start() - 1 : m.start()] in b" \t\n{,-":
                return path, data.count(b"\n", 0, m.start()) + 1
    return None


def _regular_inside(content: Path, rel: str) -> bool:
    """Is `rel` a content file: a regular file, not a link out of the folder (`files.scan_content`)?"""
    path = content / rel
    try:
        if not path.is_file():
            return False
        return not path.is_symlink() or path.resolve().is_relative_to(content.resolve())
    except OSError:
        return False


def _shown(content: Path, path: Path) -> str:
    return display_path(path, content.resolve().parent)


# --- metadata --------------------------------------------------------------------------------

def _metadata(sid: str, det: Detection, extracted: Extracted, filename: str, links: list[Link]) -> dict:
    meta: dict = {"id": sid, "kind": det.kind, "title": det.title}
    if det.date:
        meta["date"] = det.date
    if det.ministers:
        meta["ministers"] = [dict(p) for p in det.ministers]
    if det.ministry:
        meta["ministry"] = det.ministry
    if det.members:
        meta["members"] = [dict(p) for p in det.members]
    if det.kamerstuk:
        meta["kamerstuk"] = dict(det.kamerstuk)
    if det.aanhangsel and det.aanhangsel.get("year"):
        meta["aanhangsel"] = dict(det.aanhangsel)
    if det.kamervragen:
        meta["kamervragen"] = det.kamervragen
    url = _url(sid, det)
    if url:
        meta["url"] = url
    for link in links:
        meta[link.key_here] = link.other
    detected = {name: det.evidence[name] for name in FIELDS if name in det.evidence and name in _present(meta)}
    if detected:
        meta["detected"] = detected
    inferred = {k: v for k, v in det.inferred.items() if k in meta}
    if inferred:
        meta["inferred"] = inferred
    how = {"pdf": "PDF, tekstlaag", "xml": "officiële XML: " + ", ".join(extracted.parts), "html": "webpagina"}.get(
        extracted.format, f"tekst, {extracted.encoding}"
    )
    pages = ""
    if extracted.pages:
        pages = f", {extracted.pages} pagina" if extracted.pages == 1 else f", {extracted.pages} pagina's"
    note = f"Geïmporteerd uit {filename} ({how}{pages}); tekst zoals ontvangen."
    if extracted.notes:
        note += " " + "; ".join(extracted.notes) + "."
    meta["notes"] = note
    return meta


def _present(meta: dict) -> set[str]:
    return {k for k, v in meta.items() if v not in (None, [], {})}


def _url(sid: str, det: Detection) -> str | None:
    if sid.startswith("kv-tk-") and det.kamervragen and sid == f"kv-tk-{det.kamervragen}".lower():
        return f"{BASE_URL}kv-tk-{det.kamervragen}.html"
    ks = parse_kamerstuk_id(sid)
    if ks:
        return kamerstuk_url(*ks)  # the official spelling: kst-35925-X-90
    if re.match(r"^ah-tk-", sid):
        return f"{BASE_URL}{sid}.html"
    return None


class _Quoted(str):
    """A string value written in double quotes, as the hand-written content files do."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(_Quoted, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", str(v), style='"'))


def _quote_values(data):
    if isinstance(data, dict):
        return {k: _quote_values(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_quote_values(v) for v in data]
    if isinstance(data, str):
        return _Quoted(data)
    return data


def _dump_yaml(data, width: int = 100) -> str:
    return yaml.dump(
        _quote_values(data), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=width, default_flow_style=False
    )


# --- qa --------------------------------------------------------------------------------------

def _qa_record(sid: str, item: QAItem, text: str) -> dict:
    from briefing_tui.quotes import QuoteIndex

    index = QuoteIndex.for_text(text)
    question, answer = item.question, item.answer
    # The joining rules agree with the quote checker; if a text still does not match (mixed wrap
    # and real hyphens), keep every line-end hyphen joined, which the checker always accepts.
    if not index.contains(question):
        question = _joined_variant(question, text) or question
    if not index.contains(answer):
        answer = _joined_variant(answer, text) or answer
    return {
        "id": f"qa-{sid}-vraag-{item.number}",
        "source": sid,
        "number": item.number,
        "question": question,
        "answer_locator": item.answer_locator,
        "answer": answer,
    }


def _joined_variant(s: str, text: str) -> str | None:
    from briefing_tui.quotes import QuoteIndex

    cand = re.sub(r"(?<=\w)- (?=\w)", "", s)
    return cand if QuoteIndex.for_text(text).contains(cand) else None


def _utf8(data: bytes, path: Path) -> str:
    """A content file's text; ImportRefused (with the line) when it is not UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ImportRefused(
            f"{path}:{line}: is geen UTF-8 (byte 0x{data[exc.start]:02x}); sla het bestand op als UTF-8 en "
            "probeer opnieuw; er is niets geschreven"
        ) from None


def _safe_load(text: str, path: Path | None) -> Any:
    """YAML text as data; ImportRefused (with the line) for anything a safe loader refuses,
    including a tagged value of the wrong type (`!!int abc`, `!!timestamp 2021-02-30`)."""
    from briefing_tui.yamlio import parse_yaml

    data, problems = parse_yaml(text, str(path) if path is not None else "bron")
    errors = [p for p in problems if p.severity == "error"]
    if data is None and errors:
        raise ImportRefused(f"{errors[0]}; herstel het bestand eerst, er is niets geschreven")
    return data


def _append_qa(old: str | None, records: list[dict], path: Path) -> str:
    """qa.yaml with the new items appended as text (comments and layout of the file are kept)."""
    if old is None or not old.strip():
        base = QA_HEADER
        indent = "  "
        existing: list = []
    else:
        data = _safe_load(old, path)
        if not isinstance(data, dict) or set(data) != {"qa"}:
            raise ImportRefused(f"{path}: verwacht één sleutel 'qa:' met een lijst; herstel het bestand eerst")
        existing = data["qa"] or []
        if not isinstance(existing, list):
            raise ImportRefused(f"{path}: 'qa' is geen lijst; herstel het bestand eerst")
        ids = {i.get("id") for i in existing if isinstance(i, dict)}
        clash = [r["id"] for r in records if r["id"] in ids]
        if clash:
            raise ImportRefused(f"{path}: id {clash[0]} bestaat al; kies een ander bron-id met --id")
        if not existing:
            base = re.sub(r"(?m)^qa:.*$", "qa:", old, count=1)
            indent = "  "
        else:
            m = re.search(r"(?m)^([ \t]*)- ", old[old.index("qa:") :])
            indent = m.group(1) if m else "  "
            base = old
        if not base.endswith("\n"):
            base += "\r\n" if "\r\n" in base else "\n"
    chunk = ""
    for rec in records:
        dumped = _dump_yaml([rec], width=10**6)
        chunk += "\n" + "".join(indent + ln if ln.strip() else ln for ln in dumped.splitlines(keepends=True))
    if "\r\n" in base:  # a file saved with Windows line endings keeps them
        chunk = chunk.replace("\n", "\r\n")
    new = base + chunk
    check = _safe_load(new, path)
    if not isinstance(check, dict) or check.get("qa") != existing + records:
        raise ImportRefused(f"{path}: kan de vragen niet veilig toevoegen aan dit bestand; er is niets geschreven")
    return new


def _add_key(old: str, key: str, value: str) -> str:
    """A source YAML with one top-level key added at the end (the rest kept as written)."""
    eol = "\r\n" if "\r\n" in old else "\n"  # a file with Windows line endings keeps them
    base = old if old.endswith("\n") else old + eol
    new = base + f"{key}: {value}{eol}"
    data = _safe_load(new, None)
    if not isinstance(data, dict) or data.get(key) != value:
        raise ImportRefused(f"kan {key} niet toevoegen aan een bestaande bron; er is niets geschreven")
    return new


# --- writing ---------------------------------------------------------------------------------

def _tmp_write(path: Path, data: bytes) -> str:
    return write_temporary(path, data)


def _unlink(path: str | Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _place_new(tmp: str, target: Path) -> None:
    """Put a new file in place, never over an existing one."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise ImportRefused(f"{target} is intussen door iemand anders aangemaakt; er is niets geschreven") from None
    except OSError:
        # A file system without hard links: check, then rename.
        if target.exists():
            raise ImportRefused(f"{target} is intussen door iemand anders aangemaakt; er is niets geschreven") from None
        os.replace(tmp, target)
        return
    _unlink(tmp)


def _place_changed(tmp: str, target: Path, original: bytes) -> None:
    try:
        now = target.read_bytes()
    except FileNotFoundError:
        now = None
    if now != original:
        raise ImportRefused(f"{target} is intussen gewijzigd; er is niets geschreven, probeer opnieuw")
    os.replace(tmp, target)


def write_import(plan: ImportPlan) -> list[Path]:
    """Write the plan: all files or none. Returns the paths written, in order."""
    plan.txt_path.parent.mkdir(parents=True, exist_ok=True)
    order = [plan.txt_path, plan.yaml_path] + [p for p in plan.files if p not in (plan.txt_path, plan.yaml_path)]
    return write_files(order, plan.files, plan.originals)


def write_files(order: list[Path], files: dict[Path, str], originals: dict[Path, bytes | None]) -> list[Path]:
    """Write `files` in `order`: all or none. A file whose original is None must not exist yet
    (never overwritten); a changed file is replaced only if it still holds its original."""
    for folder in dict.fromkeys(path.parent for path in order):
        clean_stale(folder)  # what a killed import left behind
    tmps: dict[Path, str] = {}
    placed: list[Path] = []
    try:
        for path in order:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmps[path] = _tmp_write(path, files[path].encode("utf-8"))
        for path in order:
            original = originals.get(path)
            if original is None:
                _place_new(tmps[path], path)
            else:
                _place_changed(tmps[path], path, original)
            placed.append(path)
    except BaseException:
        for path in reversed(placed):
            original = originals.get(path)
            try:
                if original is None:
                    _unlink(path)
                else:
                    restore = _tmp_write(path, original)
                    os.replace(restore, path)
            except OSError:
                pass
        for tmp in tmps.values():
            _unlink(tmp)
        raise
    for folder in dict.fromkeys(path.parent for path in order):
        fsync_dir(folder)
    return order


def undo_import(plan: ImportPlan) -> list[Path]:
    """Take a written import back: new files removed, changed files restored; the paths that
    could not be taken back (changed by someone else since, or not writable)."""
    left: list[Path] = []
    for path in reversed(list(plan.files)):
        ours = plan.files[path].encode("utf-8")
        try:
            now = path.read_bytes()
        except FileNotFoundError:
            continue
        except OSError:
            left.append(path)
            continue
        if now != ours:
            left.append(path)
            continue
        original = plan.originals.get(path)
        try:
            if original is None:
                _unlink(path)
            else:
                os.replace(_tmp_write(path, original), path)
        except OSError:
            left.append(path)
    return left
