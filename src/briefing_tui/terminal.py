"""Text from files, made safe to print on a terminal.

Content, briefings and imported documents are other people's files: an ESC or OSC sequence in
a source text must never reach the terminal raw (it can set the clipboard, the window title or
clear the screen), and neither may a bidirectional override that reorders what is shown. Every
such character is shown escaped instead, as `\\u001b`: readable, and valid inside a JSON string.

Escaped: C0 controls except newline and tab, DEL, C1 controls, lone surrogates (which cannot
be encoded at all) and the bidirectional embedding, override and isolate controls.

`printable(text)` escapes one string; `SafeStream` wraps an output stream so that everything
a command prints goes through `printable` (the CLI wraps stdout and stderr for every command;
not for the TUI, which paints the terminal itself).
"""

from __future__ import annotations

import re
from typing import TextIO

_ESCAPED = (
    [c for c in range(0x20) if c not in (0x09, 0x0A)]
    + list(range(0x7F, 0xA0))
    + list(range(0x202A, 0x202F))
    + list(range(0x2066, 0x206A))
    + list(range(0xD800, 0xE000))
)
_TABLE = {c: f"\\u{c:04x}" for c in _ESCAPED}
_ANY = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")  # the chars of _ESCAPED

__all__ = ["SafeStream", "printable"]


def printable(text: str) -> str:
    """`text` with every control character (and lone surrogate) shown as `\\uXXXX`."""
    if _ANY.search(text) is None:  # the common case, and much faster than translate() on a long text
        return text
    return text.translate(_TABLE)


class SafeStream:
    """A text stream whose every write is passed through `printable` first."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(printable(text))
        return len(text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)
