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
from dataclasses import dataclass, field
from pathlib import Path

import yaml

__all__ = ["ExistingSource", "Link", "existing_sources", "find_duplicate", "find_links", "text_fingerprint"]


@dataclass
class ExistingSource:
    id: str
    yaml_path: Path
    txt_path: Path
    meta: dict = field(default_factory=dict)
    _text: str | None = None

    @property
    def kind(self) -> str | None:
        return self.meta.get("kind")

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
    norm = unicodedata.normalize("NFC", text)
    norm = re.sub(r"\s+", " ", norm).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def existing_sources(sources_dir: Path) -> list[ExistingSource]:
    out: list[ExistingSource] = []
    if not sources_dir.is_dir():
        return out
    stems = {p.stem for p in sources_dir.glob("*.yaml")} | {p.stem for p in sources_dir.glob("*.txt")}
    for stem in sorted(s for s in stems if not s.startswith(".")):
        yp, tp = sources_dir / f"{stem}.yaml", sources_dir / f"{stem}.txt"
        meta: dict = {}
        if yp.is_file():
            try:
                data = yaml.safe_load(yp.read_text(encoding="utf-8"))
                meta = data if isinstance(data, dict) else {}
            except (OSError, UnicodeDecodeError, yaml.YAMLError):
                meta = {}
        out.append(ExistingSource(stem, yp, tp, meta))
    return out


def find_duplicate(text: str, existing: list[ExistingSource]) -> ExistingSource | None:
    """The existing source with the same normalised text, if any."""
    fp = text_fingerprint(text)
    for src in existing:
        if src.txt_path.is_file() and text_fingerprint(src.text()) == fp:
            return src
    return None


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
        meta = src.meta
        if meta.get("kind") != want:
            continue
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
