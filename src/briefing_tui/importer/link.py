"""What an imported document has in common with the sources already there.

- duplicates: the same text (compared after Unicode NFC and with every run of whitespace, line
  ends and page breaks as one space) is the same document, whatever its file name or encoding;
- answers and the questions they answer: an answer document and a questions document are linked
  when both carry the same Kamervragen number ("2019Z04567"), or when the answer document repeats
  the questions' heading (same members, same subject after "over"), or when its first question
  stands word for word in the questions document.

Existing sources are read directly from `sources/*.yaml` (only the keys needed here) and
`sources/*.txt`, so a half-edited file elsewhere in the content never stops an import. Which of
them are read is a `SourceLookup`'s answer: the knowledge base's index names the few that could
match (`store/known_sources.py`: the same text fingerprint, the same official number, a
questions document with the same number or members), so an import reads a handful of files
whatever the number of sources; `FolderSources` names every file in the folder (a caller
without an index).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import yaml

from briefing_tui.sourcekeys import fold as _fold
from briefing_tui.sourcekeys import surname, text_fingerprint

__all__ = [
    "ExistingSource", "FolderSources", "Link", "SourceLookup", "duplicate_candidates", "existing_sources",
    "find_duplicate", "find_links", "linkable_sources", "surnames", "text_fingerprint",
]


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_KIND_LINE = re.compile(r"""^kind:[ \t]*["']?([a-z]+)""", re.MULTILINE)


@dataclass
class ExistingSource:
    """A source already in the content folder; its metadata and text are read when first asked."""

    id: str
    yaml_path: Path
    txt_path: Path
    _raw: str | None = None
    _meta: dict | None = None
    _text: str | None = None

    def raw_yaml(self) -> str:
        if self._raw is None:
            try:
                self._raw = self.yaml_path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                self._raw = ""
        return self._raw

    @property
    def kind(self) -> str | None:
        m = _KIND_LINE.search(self.raw_yaml())
        return m.group(1) if m else None

    @property
    def meta(self) -> dict:
        if self._meta is None:
            try:
                data = yaml.load(self.raw_yaml(), Loader=_Loader)  # noqa: S506 (a safe loader)
            except (yaml.YAMLError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
                data = None  # a wrong tag or a tagged value of the wrong type (!!int abc): no metadata
            self._meta = data if isinstance(data, dict) else {}
        return self._meta

    def text(self) -> str:
        if self._text is None:
            try:
                self._text = self.txt_path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                self._text = ""
        return self._text


@dataclass(frozen=True)
class Link:
    other: str  # the existing source's id
    key_here: str  # "answers" | "answered_by": the key written in the new source's YAML
    key_there: str  # the reverse key, written in the existing source's YAML
    evidence: str


class SourceLookup(Protocol):
    """Which existing sources (stems in sources/) or content files could answer a question:
    a superset of the right answer, which the functions below then check on the files."""

    def with_text(self, fingerprint: str) -> list[str]:
        """Stems whose text may have this `text_fingerprint`."""
        ...

    def linkable(self, kind: str, kamervragen: str | None, surnames: set[str]) -> list[str]:
        """Stems of `kind` that may carry this Kamervragen number or one of these members."""
        ...

    def same_numbers(self, kamerstuk: tuple[str, str] | None, aanhangsel: tuple[str, str] | None,
                     kamervragen: str | None) -> list[str]:
        """Stems that may carry one of these official numbers."""
        ...

    def defining(self, record_id: str) -> list[str]:
        """Content files (relative paths) that may define `record_id` in an `id:` key."""
        ...


class FolderSources:
    """A `SourceLookup` without an index: every file in the folder is a candidate."""

    def __init__(self, content: Path) -> None:
        self.content = content
        self._stems: list[str] | None = None

    def stems(self) -> list[str]:
        if self._stems is None:
            folder = self.content / "sources"
            stems = {p.stem for p in folder.glob("*.yaml")} | {p.stem for p in folder.glob("*.txt")} if folder.is_dir() else set()
            self._stems = sorted(s for s in stems if not s.startswith("."))
        return self._stems

    def with_text(self, fingerprint: str) -> list[str]:
        return self.stems()

    def linkable(self, kind: str, kamervragen: str | None, surnames: set[str]) -> list[str]:
        return self.stems()

    def same_numbers(self, kamerstuk, aanhangsel, kamervragen) -> list[str]:
        return self.stems()

    def defining(self, record_id: str) -> list[str]:
        from briefing_tui.files import YAML_SUFFIXES, scan_content
        from briefing_tui.yamlio import MAX_YAML_BYTES

        scan = scan_content(self.content)
        return sorted(rel for rel, st in scan.files.items() if rel.endswith(YAML_SUFFIXES) and st.size <= MAX_YAML_BYTES)


def existing_sources(sources_dir: Path, stems: list[str] | None = None) -> list[ExistingSource]:
    """The sources of these stems (default: every stem in the folder), in order of their stem."""
    out: list[ExistingSource] = []
    if not sources_dir.is_dir():
        return out
    if stems is None:
        stems = FolderSources(sources_dir.parent).stems()
    for stem in sorted(s for s in set(stems) if not s.startswith(".")):
        yp, tp = sources_dir / f"{stem}.yaml", sources_dir / f"{stem}.txt"
        out.append(ExistingSource(stem, yp, tp))
    return out


def find_duplicate(text: str, existing: list[ExistingSource]) -> ExistingSource | None:
    """The existing source with the same normalised text, if any."""
    fp = text_fingerprint(text)
    # The same normalised text has the same bytes outside whitespace: compare that count first
    # (on the raw bytes of each file, fast) and read and hash only the texts that could match.
    # An existing text in another Unicode normal form has the size of our text in that form.
    sizes = {_solid_size(v.encode("utf-8")) for v in (text, *(unicodedata.normalize(f, text) for f in ("NFC", "NFD")))}
    for src in existing:
        try:
            data = src.txt_path.read_bytes()
        except OSError:
            continue
        if _solid_size(data) not in sizes:
            continue
        if text_fingerprint(src.text()) == fp:
            return src
    return None


_ASCII_WS = b" \t\n\r\f\v\x1c\x1d\x1e\x1f"


def _solid_size(data: bytes) -> int:
    """UTF-8 bytes outside whitespace (ASCII whitespace and no-break spaces)."""
    return len(data.translate(None, _ASCII_WS)) - 2 * (data.count(b"\xc2\xa0") + data.count(b"\xc2\x85"))


def surnames(people: list | None) -> set[str]:
    """The folded surnames of a list of people as the YAML holds them ({name: ...})."""
    out = set()
    for p in people or []:
        name = p.get("name") if isinstance(p, dict) else None
        last = surname(name) if isinstance(name, str) else None
        if last:
            out.add(last)
    return out


def find_links(
    kind: str | None,
    kamervragen: str | None,
    members: list[dict],
    subject: str | None,
    first_question: str | None,
    existing: list[ExistingSource],
    own_questions: list[str] | None = None,
) -> list[Link]:
    """Links between a new answer (or questions) document and existing questions (or answers)."""
    if kind == "antwoorden":
        want, key_here, key_there = "vragen", "answers", "answered_by"
    elif kind == "vragen":
        want, key_here, key_there = "antwoorden", "answered_by", "answers"
    else:
        return []
    links: list[Link] = []
    my_names = surnames(members)
    for src in existing:
        if src.kind != want:
            continue
        meta = src.meta
        evidence = None
        if kamervragen and str(meta.get("kamervragen") or "").upper() == kamervragen.upper():
            evidence = f"zelfde Kamervragennummer {kamervragen}"
        elif my_names and my_names & surnames(meta.get("members")):
            their_title = _fold(str(meta.get("title") or ""))
            if subject and _fold(subject) and _fold(subject) in their_title:
                evidence = f"zelfde vragensteller(s) en onderwerp «{subject}»"
            elif kind == "antwoorden" and first_question and len(_fold(first_question)) > 20:
                if _fold(first_question) in _fold(src.text()):
                    evidence = "zelfde vragensteller(s); vraag 1 staat letterlijk in de vragen"
            elif kind == "vragen" and own_questions:
                q1 = _fold(own_questions[0])
                if len(q1) > 20 and q1 in _fold(src.text()):
                    evidence = "zelfde vragensteller(s); vraag 1 staat letterlijk in de antwoorden"
        if evidence:
            links.append(Link(src.id, key_here, key_there, evidence))
    return links


_COUNTERPART = {"antwoorden": "vragen", "vragen": "antwoorden"}


def linkable_sources(sources_dir: Path, known: SourceLookup, kind: str | None, kamervragen: str | None,
                     members: list[dict]) -> list[ExistingSource]:
    """The existing sources `find_links` must look at for a new document of `kind`: none for a
    kind that is not linked; else those `known` names as possible counterparts."""
    want = _COUNTERPART.get(kind or "")
    if want is None:
        return []
    return existing_sources(sources_dir, known.linkable(want, kamervragen, surnames(members)))


def duplicate_candidates(sources_dir: Path, known: SourceLookup, text: str) -> list[ExistingSource]:
    """The existing sources `find_duplicate` must look at: those that may have this text."""
    return existing_sources(sources_dir, known.with_text(text_fingerprint(text)))
