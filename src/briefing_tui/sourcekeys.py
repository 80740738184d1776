"""What makes two source documents the same, or a pair of questions and answers: the keys the
importer matches a new document on, and the index keeps for every source so that an import asks
the index instead of reading every file in `sources/` (`index/source_files.py`).

- `text_fingerprint(text)`: sha256 of the text in Unicode NFC with every run of whitespace as
  one space: the same text, whatever its line ends, page breaks or normal form;
- `fold(s)` and `surname(name)`: a member's surname as the Kamervragen links compare it;
- `kamerstuk_key`, `aanhangsel_key`, `kamervragen_key`: an official number as one string.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = ["aanhangsel_key", "fold", "kamerstuk_key", "kamervragen_key", "surname", "text_fingerprint"]


def text_fingerprint(text: str) -> str:
    """sha256 of the text in Unicode NFC with every run of whitespace as one space."""
    norm = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def fold(s: str) -> str:
    """ASCII, case-folded, every run of other characters one space: "Van Helvert" -> "van helvert"."""
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii").casefold()
    return re.sub(r"[^a-z0-9]+", " ", s).strip()


def surname(name: str) -> str | None:
    """The last word of a folded name ("C.J.M. van Helvert" -> "helvert"); None without one."""
    parts = fold(name).split()
    return parts[-1] if parts else None


def kamerstuk_key(dossier: str, number: str) -> str:
    """'33694 43': a Kamerstuk's dossier (in its stored form when it parses) and ondernummer."""
    from briefing_tui.dossiers import parse_dossier

    return f"{parse_dossier(dossier) or dossier} {number}"


def aanhangsel_key(year: str, number: str) -> str:
    return f"{year} {number}"


def kamervragen_key(number: str) -> str:
    return number.upper()
