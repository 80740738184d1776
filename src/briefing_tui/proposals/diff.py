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
import threading
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


@lru_cache(maxsize=1 << 12)
def _tokens(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words of a text as written, and as compared (kept per text: an older line is compared
    with many newer ones)."""
    tokens = tuple(_TOKEN.findall(text))
    return tokens, tuple(_key(t) for t in tokens)


# The newer text of the last diff and its matcher: a proposal's relations are compared with the
# same newer text one after the other, and difflib indexes its second sequence once (`set_seq1`).
_LAST: list = [None, None]
_LAST_LOCK = threading.Lock()


def _opcodes(ka: tuple[str, ...], kb: tuple[str, ...]) -> list[tuple[str, int, int, int, int]]:
    with _LAST_LOCK:
        if _LAST[0] != kb:
            _LAST[0], _LAST[1] = kb, difflib.SequenceMatcher(a=(), b=kb, autojunk=False)
        matcher = _LAST[1]
        matcher.set_seq1(ka)
        return matcher.get_opcodes()


def word_diff(old: str, new: str) -> list[Piece]:
    (a, ka), (b, kb) = _tokens(old), _tokens(new)
    pieces: list[Piece] = []

    def emit(op: str, tokens: tuple[str, ...], keys: tuple[str, ...]) -> None:
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

    for tag, i1, i2, j1, j2 in _opcodes(ka, kb):
        if tag == "equal":
            emit("same", a[i1:i2], ka[i1:i2])
        else:
            if i2 > i1:
                emit("old", a[i1:i2], ka[i1:i2])
            if j2 > j1:
                emit("new", b[j1:j2], kb[j1:j2])
    return pieces


# A run of word characters and hyphens: a polarity word counts only as a whole run ("niet-bindend"
# is one, "wel" in "wel-niet" is none).
_RUN = re.compile(r"[\w-]+")


@lru_cache(maxsize=1 << 14)
def _polar_set(text: str) -> frozenset[str]:
    """The polarity words of a text (kept per text: a proposal's sentence is compared with many lines)."""
    return frozenset(POLARITY.intersection(_RUN.findall(text.lower())))  # polarity words are plain ASCII


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
