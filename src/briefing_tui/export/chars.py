"""Characters a pack cannot show, shown the same way in Markdown and in Word.

A control character in a verbatim quote (a stray byte in a source text) cannot be stored in a
Word document and means nothing in Markdown. Both writers put U+FFFD (the replacement
character, "�") in its place, so the quote visibly differs there and is the same in both
packs; vertical tab and form feed (page breaks in extracted text) are spaces. Tab, newline and
carriage return are left to the writers. Non-characters (U+FFFE, U+FFFF) and lone surrogates,
which no file can hold either, are replaced too.
"""

from __future__ import annotations

import re

_UNSHOWABLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_SPACES = re.compile(r"[\x0b\x0c]")

__all__ = ["showable"]


def showable(text: str) -> str:
    """`text` with every character a pack cannot show replaced (see the module docstring)."""
    return _UNSHOWABLE.sub("\ufffd", _SPACES.sub(" ", text))
