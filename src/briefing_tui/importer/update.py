"""A document that is already in content/: find it by its official ids, and update it.

`same_document` finds the existing source a new import is: the same id, or the same official
number under another id (a letter imported from text before its Kamerstuk number was known has a
dated slug id; its YAML may still hold the number): the Kamerstuk (dossier and ondernummer), the
Aanhangsel (vergaderjaar and number) or the Kamervragen number.

`official_changes` lists the fields where official data (metadata.xml or the publication XML)
states something the existing source does not (a value that differs, or one it has only
inferred or lacks). `updated_metadata` applies them: the existing YAML keeps its id, its text,
its links and everything the official data does not state; stated fields replace what was
there and lose their `inferred` entry. Evidence that points at lines of a text ("regel 12") is
not taken over: the stored text stays the one that was imported first, so statements quoting it
stay valid.
"""

from __future__ import annotations

from briefing_tui.dossiers import parse_dossier
from pathlib import Path

from briefing_tui.importer.link import ExistingSource, SourceLookup, existing_sources

__all__ = ["FIELD_LABELS", "OFFICIAL_FIELDS", "existing_document", "official_changes", "same_document", "updated_metadata"]

# The metadata fields official data can state, with their Dutch names for messages.
FIELD_LABELS = {
    "kind": "soort",
    "title": "titel",
    "date": "datum",
    "ministers": "ministers",
    "ministry": "ministerie",
    "members": "Kamerleden",
    "kamerstuk": "Kamerstuk",
    "aanhangsel": "Aanhangsel",
    "kamervragen": "Kamervragen",
}
OFFICIAL_FIELDS = tuple(FIELD_LABELS)


def _kst(value) -> tuple[str, str] | None:
    if isinstance(value, dict) and value.get("dossier") and value.get("number"):
        return parse_dossier(str(value["dossier"])) or str(value["dossier"]), str(value["number"])
    return None


def _ah(value) -> tuple[str, str] | None:
    if isinstance(value, dict) and value.get("year") and value.get("number"):
        return str(value["year"]), str(value["number"])
    return None


def existing_document(sources_dir: Path, sid: str, metadata: dict, known: SourceLookup) -> ExistingSource | None:
    """`same_document` among the sources `known` names: the source with this id (its files are
    looked for directly), else those that may carry one of the official numbers."""
    if sid and not sid.startswith(".") and ((sources_dir / f"{sid}.yaml").exists() or (sources_dir / f"{sid}.txt").exists()):
        return ExistingSource(sid, sources_dir / f"{sid}.yaml", sources_dir / f"{sid}.txt")
    kst, ah, kv = _kst(metadata.get("kamerstuk")), _ah(metadata.get("aanhangsel")), metadata.get("kamervragen")
    if not (kst or ah or kv):
        return None
    return same_document(sid, metadata, existing_sources(sources_dir, known.same_numbers(kst, ah, kv)))


def same_document(sid: str, metadata: dict, existing: list[ExistingSource]) -> ExistingSource | None:
    """The existing source that is this document (same id or same official number)."""
    for src in existing:
        if src.id == sid:
            return src
    kst, ah, kv = _kst(metadata.get("kamerstuk")), _ah(metadata.get("aanhangsel")), metadata.get("kamervragen")
    if not (kst or ah or kv):
        return None
    for src in existing:
        meta = src.meta
        if kst and _kst(meta.get("kamerstuk")) == kst:
            return src
        if ah and _ah(meta.get("aanhangsel")) == ah:
            return src
        if kv and metadata.get("kind") == meta.get("kind") and str(meta.get("kamervragen", "")).upper() == kv.upper():
            return src
    return None


def _official(evidence: str | None) -> bool:
    return evidence is not None and evidence.startswith(("metadata.xml ", "XML <", "HTML <meta> "))


def official_changes(new: dict, old: dict) -> list[str]:
    """The fields official data states differently from (or beyond) the existing metadata."""
    detected = new.get("detected", {})
    old_inferred = old.get("inferred") or {}
    changes = []
    for name in OFFICIAL_FIELDS:
        if name not in new or not _official(detected.get(name)):
            continue
        if new[name] != old.get(name) or name in old_inferred:
            changes.append(name)
    return changes


def updated_metadata(new: dict, old: dict, fields: list[str], note: str) -> dict:
    """The existing metadata with the official fields `fields` taken from `new`."""
    out = dict(old)
    detected = dict(old.get("detected") or {})
    inferred = dict(old.get("inferred") or {})
    for name in fields:
        out[name] = new[name]
        detected[name] = new["detected"][name]
        inferred.pop(name, None)
    if "kamerstuk" in fields or "aanhangsel" in fields:
        if new.get("url"):
            out["url"] = new["url"]
            inferred.pop("url", None)
    # keep the key order of a fresh import for the fields, then what only the old file had
    ordered = {k: out[k] for k in ("id", *OFFICIAL_FIELDS, "url") if k in out}
    ordered.update({k: v for k, v in out.items() if k not in ordered and k not in ("detected", "inferred", "notes")})
    if detected:
        ordered["detected"] = detected
    if inferred:
        ordered["inferred"] = inferred
    ordered["notes"] = f"{old['notes']} {note}" if old.get("notes") else note
    return ordered
