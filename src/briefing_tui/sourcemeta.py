"""Completing a source's metadata from its official publication (`briefing source set`).

Source metadata is in one of three states (docs/content-format.md): stated in the text (no
entry), `inferred` (with the evidence) or `established` from the official publication (with its
id or URL). Setting a field here writes its value and an `established` entry naming the
publication, and drops an `inferred` entry for that field: the value is no longer a guess.

    set_source_metadata(content, "2022-kabinetsreactie-...", number="Kamerstuk 35 925 X, nr. 90",
                        year="2021-2022", date="2022-06-17",
                        evidence="https://zoek.officielebekendmakingen.nl/kst-35925-X-90.html")

The file is rewritten atomically; nothing is written when a value is not valid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from briefing_tui.atomic import atomic_write_bytes
from briefing_tui.dates import is_valid

# Where new keys go, so a completed file reads like a hand-written one.
KEY_ORDER = ("id", "kind", "title", "date", "ministers", "ministry", "members", "kamerstuk", "aanhangsel",
             "url", "kamervragen", "answers", "answered_by", "seed_file", "summary", "inferred",
             "established", "detected", "notes")
_OFFICIAL_ID = re.compile(r"(?:^|/)(kst-(?P<dossier>\d+(?:-[A-Za-z0-9]+)?)-(?P<nr>\d+)|ah-tk-(?P<y1>\d{4})(?P<y2>\d{4})-(?P<anr>\d+))(?:\.html)?$")


class SourceMetaError(ValueError):
    """A value that cannot be set; the message is for the user (Dutch)."""


@dataclass(frozen=True)
class Number:
    kind: str  # "kamerstuk" | "aanhangsel"
    value: dict


def parse_number(text: str, year: str | None = None) -> Number:
    """'Kamerstuk 35 925 X, nr. 90', 'Kamerstukken II 2021/22, 35 925 X, nr. 90', 'kst-35925-X-90',
    'Aanhangsel Handelingen II 2020/21, nr. 2345' or 'ah-tk-20202021-2345'."""
    from briefing_tui.references import find_references

    text = text.strip()
    m = _OFFICIAL_ID.search(text)
    if m and m.group("dossier"):
        dossier = m.group("dossier")
        digits, _, suffix = dossier.partition("-")
        dossier = f"{digits}-{suffix.upper()}" if suffix else digits
        value = {"dossier": dossier, "number": m.group("nr")}
        if year:
            value["year"] = year
        return Number("kamerstuk", value)
    if m and m.group("anr"):
        return Number("aanhangsel", {"year": f"{m.group('y1')}-{m.group('y2')}", "number": m.group("anr")})
    refs = [r for r in find_references(text) if r.kind in ("kamerstuk", "aanhangsel")]
    if len(refs) != 1:
        raise SourceMetaError(f"geen Kamerstuk- of Aanhangselnummer herkend in {text!r} "
                              "(bijvoorbeeld 'Kamerstuk 35 925 X, nr. 90' of 'kst-35925-X-90')")
    ref = refs[0]
    if ref.kind == "kamerstuk":
        value = {"dossier": ref.dossier, "number": ref.number}
        if year or ref.year:
            value["year"] = year or ref.year
        return Number("kamerstuk", value)
    return Number("aanhangsel", {"year": ref.year, "number": ref.number})


def _vergaderjaar(text: str) -> str:
    m = re.match(r"^(\d{4})\s*[-/]\s*(\d{2}|\d{4})$", text.strip())
    if m:
        first = int(m.group(1))
        second = int(m.group(2)) if len(m.group(2)) == 4 else first // 100 * 100 + int(m.group(2))
        if second == first + 1:
            return f"{first}-{second}"
    raise SourceMetaError(f"vergaderjaar {text!r} is geen vergaderjaar zoals '2021-2022' of '2021/22'")


class _Quoted(str):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _represent(dumper: yaml.SafeDumper, value: _Quoted):
    """Double quotes, as the hand-written files have them; a long text folded (`>-`)."""
    text = str(value)
    style = ">" if len(text) > 90 and "\n" not in text and text == text.strip() else '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(_Quoted, _represent)


def _quoted(data):
    if isinstance(data, dict):
        return {k: _quoted(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_quoted(v) for v in data]
    return _Quoted(data) if isinstance(data, str) and not isinstance(data, bool) else data


def set_source_metadata(content: Path, source_id: str, *, evidence: str, number: str | None = None,
                        year: str | None = None, date: str | None = None, title: str | None = None,
                        ministers: list[dict] | None = None) -> tuple[Path, list[str]]:
    """Set the given fields of source `source_id` as established by `evidence` (the official
    publication's id or URL). Returns the file written and the fields set."""
    if not evidence or not evidence.strip():
        raise SourceMetaError("--evidence ontbreekt: noem de officiële publicatie (URL of id) waaruit de gegevens komen")
    path = Path(content) / "sources" / f"{source_id}.yaml"
    if not path.is_file():
        raise SourceMetaError(f"geen bron {source_id!r} ({path} bestaat niet)")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise SourceMetaError(f"{path} is niet te lezen: {exc}") from None
    if not isinstance(data, dict):
        raise SourceMetaError(f"{path} is geen bronbeschrijving (geen mapping)")
    changes: dict[str, object] = {}
    if number:
        parsed = parse_number(number, _vergaderjaar(year) if year else None)
        changes[parsed.kind] = parsed.value
    elif year:
        if not isinstance(data.get("kamerstuk"), dict):
            raise SourceMetaError("--year hoort bij een Kamerstuknummer: geef ook --number")
        changes["kamerstuk"] = {**data["kamerstuk"], "year": _vergaderjaar(year)}
    if date:
        if not is_valid(date):
            raise SourceMetaError(f"datum {date!r} is geen datum (JJJJ-MM-DD, JJJJ-MM of JJJJ)")
        changes["date"] = date
    if title:
        changes["title"] = " ".join(title.split())
    if ministers:
        changes["ministers"] = ministers
    if not changes:
        raise SourceMetaError("niets om in te vullen: geef --number, --date, --year, --title of --minister")
    data.update(changes)
    inferred = dict(data.get("inferred") or {})
    established = dict(data.get("established") or {})
    for key in changes:
        inferred.pop(key, None)
        established[key] = evidence.strip()
    data["inferred"] = inferred or None
    data["established"] = established
    ordered = {k: data[k] for k in KEY_ORDER if data.get(k) is not None}
    ordered.update({k: v for k, v in data.items() if k not in ordered and v is not None})
    text = yaml.dump(_quoted(ordered), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100,
                     default_flow_style=False)
    atomic_write_bytes(path, text.encode("utf-8"))
    return path, list(changes)
