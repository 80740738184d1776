"""What changed between an older and a newer position: a word diff, polarity words marked.

`word_diff(old, new)` compares the two texts word by word (case and diacritics folded for the
comparison, the words shown as written) and returns `Piece`s: words both have ("same"), words
only the old one has ("old"), words only the new one has ("new"). A piece whose word is a
polarity word (`POLARITY`: geen, niet, wel, verbod, steun, voorstander, moratorium ...) is
marked `polar`: those are the words that turn a position around, and a reviewer must see them.

`polarity_change(old, new)` names the polarity words one text has and the other lacks
("geen" vervalt, "verbod" erbij): the reason a newer line *supersedes* the older one rather
than only bringing it up to date.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

from briefing_tui.textnorm import fold

__all__ = ["Piece", "POLARITY", "word_diff", "polarity_change", "render_diff"]

POLARITY = frozenset(
    """geen niet wel nooit verbod verboden verbieden moratorium steun steunt steunen ondersteunt
    voorstander tegenstander tegen voor afwijzen wijst verwerpt onderschrijft overnemen neemt
    volledig gedeeltelijk niet-bindend bindend juridisch verplichtend vrijwillig""".split()
)
_TOKEN = re.compile(r"\S+")
_STRIP = re.compile(r"^[\W_]+|[\W_]+$")


@dataclass(frozen=True, slots=True)
class Piece:
    op: str  # "same" | "old" | "new"
    text: str  # one or more words as written
    polar: bool = False


@lru_cache(maxsize=1 << 16)
def _key(token: str) -> str:
    """A word as compared: punctuation around it left out, case and diacritics folded (kept per
    token: a list of proposals compares the same words hundreds of times)."""
    return fold(_STRIP.sub("", token))


def word_diff(old: str, new: str) -> list[Piece]:
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    ka, kb = [_key(t) for t in a], [_key(t) for t in b]
    matcher = difflib.SequenceMatcher(a=ka, b=kb, autojunk=False)
    pieces: list[Piece] = []

    def emit(op: str, tokens: list[str], keys: list[str]) -> None:
        # Polarity words stand alone, so a reviewer sees them marked; other words are grouped.
        run: list[str] = []
        for t, k in zip(tokens, keys):
            if k in POLARITY:
                if run:
                    pieces.append(Piece(op, " ".join(run)))
                    run = []
                pieces.append(Piece(op, t, True))
            else:
                run.append(t)
        if run:
            pieces.append(Piece(op, " ".join(run)))

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            emit("same", a[i1:i2], ka[i1:i2])
        else:
            if i2 > i1:
                emit("old", a[i1:i2], ka[i1:i2])
            if j2 > j1:
                emit("new", b[j1:j2], kb[j1:j2])
    return pieces


_POLAR_WORD = re.compile(r"(?<![\w-])(?:" + "|".join(sorted(map(re.escape, POLARITY), key=len, reverse=True)) + r")(?![\w-])")


@lru_cache(maxsize=1 << 14)
def _polar_set(text: str) -> frozenset[str]:
    """The polarity words of a text (kept per text: a proposal's sentence is compared with many lines)."""
    return frozenset(_POLAR_WORD.findall(text.lower()))  # polarity words are plain ASCII


def polarity_change(old: str, new: str) -> tuple[list[str], list[str]]:
    """(polarity words only the old text has, polarity words only the new text has)."""
    o, n = _polar_set(old), _polar_set(new)
    return sorted(o - n), sorted(n - o)


def render_diff(pieces: list[Piece]) -> str:
    """Plain text: [-old-] {+new+}, polarity words in capitals between asterisks."""
    out = []
    for p in pieces:
        text = f"*{p.text.upper()}*" if p.polar and p.op != "same" else p.text
        out.append({"same": text, "old": f"[-{text}-]", "new": f"{{+{text}+}}"}[p.op])
    return " ".join(out)
