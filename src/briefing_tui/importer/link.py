"""What an imported document has in common with the sources already there.

- duplicates: the same text (compared after Unicode NFC and with every run of whitespace, line
  ends and page breaks as one space) is the same document, whatever its file name or encoding;
- answers and the questions they answer: an answer document and a questions document are linked
  when both carry the same Kamervragen number ("2019Z04567"), or when the answer document repeats
  the questions' heading (same members, same subject after "over"), or when its first question
  stands word for word in the questions document.

Existing sources are read directly from `sources/*.yaml` (only the keys needed here) and
`sources/*.txt`, so a half-edited file elsewhere in the content never stops an import.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

__all__ = ["ExistingSource", "Link", "existing_sources", "find_duplicate", "find_links", "text_fingerprint"]


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


def text_fingerprint(text: str) -> str:
    """sha256 of the text in Unicode NFC with every run of whitespace as one space."""
    norm = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def existing_sources(sources_dir: Path) -> list[ExistingSource]:
    out: list[ExistingSource] = []
    if not sources_dir.is_dir():
        return out
    stems = {p.stem for p in sources_dir.glob("*.yaml")} | {p.stem for p in sources_dir.glob("*.txt")}
    for stem in sorted(s for s in stems if not s.startswith(".")):
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


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii").casefold()
    return re.sub(r"[^a-z0-9]+", " ", s).strip()


def _surnames(people: list | None) -> set[str]:
    out = set()
    for p in people or []:
        name = p.get("name") if isinstance(p, dict) else None
        if name:
            out.add(_fold(name).split()[-1])
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
    my_names = _surnames(members)
    for src in existing:
        if src.kind != want:
            continue
        meta = src.meta
        evidence = None
        if kamervragen and str(meta.get("kamervragen") or "").upper() == kamervragen.upper():
            evidence = f"zelfde Kamervragennummer {kamervragen}"
        elif my_names and my_names & _surnames(meta.get("members")):
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
