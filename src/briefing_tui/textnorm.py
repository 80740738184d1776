"""Text folding for search: the same functions prepare what is indexed and what is asked.

`fold(text)`
    Lowercase, diacritics removed (NFKD base letter), typographic quotes and dashes made plain.
    OCR variants of Dutch diaeresis words fold with it: the OCR'd sources write "technologieén"
    and "potentiéle" where the letter says "technologieën" and "potentiële"; all of them fold to
    "technologieen" / "potentiele". `fold` maps every character to exactly one character, so an
    offset in folded text is the same offset in the text it came from (search marks matched
    words in the original text with it), and it never turns a letter into a separator or back.

`repair_ocr(text)`
    Case-sensitive repair of one OCR error: a capital I read as a lowercase l inside an
    abbreviation ("Al" for AI, "AlV" for AIV, "DUl" for DUI). An all-capitals token with an "l"
    in it ("AlV", "DUl") has it read as I. The two-letter "Al" is AI too, except where it is the
    start of an Arabic name ("Al-Qaida", "Al Gore": followed by a hyphen or a capitalised word)
    or a sentence-initial Dutch "Al" in one of its fixed combinations ("Al met al", "Al jaren",
    "Al sinds", "Al in 2019", ...: see `_DUTCH_AFTER_AL`). Lowercase "al" is always the Dutch
    word ("already") and is never touched. In the five seed sources every capitalised "Al" is
    AI. Also one character per character.

`searchable(text)`
    What search sees of a text: line-wrap hyphens joined ("wapenbe-⏎heersing" ->
    "wapenbeheersing"), whitespace collapsed, then `repair_ocr` and `fold`.

`words(text)`
    The words of a folded text as SQLite's unicode61 tokenizer cuts them: runs of letters and
    digits; everything else separates.

Decision on "al" (see also content/synonyms.yaml): the index repairs OCR "Al" to "ai", so a
search for "AI" finds the OCR'd passages without expanding to the Dutch word "al". The query
goes through the same `searchable`, so "al" typed in lowercase searches the Dutch word only
(and is not a synonym of AI there), while "Al" pasted from an OCR'd text searches AI.
"""

from __future__ import annotations

import re
import unicodedata

# Bump when folding changes what is indexed: the index stores it and rebuilds on a mismatch.
FOLD_VERSION = 1

_PUNCT = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
    "\u0060": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"', "\u2039": "'", "\u203a": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u2002": " ",
    "\u2003": " ",
    "\u0130": "i",  # capital I with dot: str.lower() would make two characters of it
}


def _token_char(ch: str) -> bool:
    """Letters, digits and private-use characters: what unicode61 keeps inside a token."""
    cat = unicodedata.category(ch)
    return cat[0] in "LN" or cat == "Co"


class _FoldTable(dict):
    """Character -> folded character, computed on first sight (str.translate calls __missing__)."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        out = _PUNCT.get(ch)
        if out is None:
            out = ch.lower()
            if len(out) != 1:
                out = ch
            base = "".join(c for c in unicodedata.normalize("NFKD", out) if not unicodedata.combining(c))
            # Keep the NFKD base only when it is one character of the same kind (a letter stays
            # a letter): "é" -> "e", "ï" -> "i", but "½" or "ﬁ" stay as they are.
            if len(base) == 1 and _token_char(base) == _token_char(ch):
                out = base.lower() if len(base.lower()) == 1 else base
        self[code] = out
        return out


_TABLE = _FoldTable()


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


_ASCII_BYTES = bytes(range(128))


def _non_ascii(text: str) -> set[str]:
    """The text's characters outside ASCII: its UTF-8 less every ASCII byte, read back (in C; a
    regex over the text takes twice as long). A lone surrogate passes as the three bytes of its
    code point."""
    return set(text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass"))


def _fold_char(m: re.Match) -> str:
    return _TABLE[ord(m.group())]


def fold(text: str) -> str:
    """Lowercase, without diacritics, plain quotes and dashes; same length as `text`."""
    if text.isascii():
        return text.lower()
    # str.lower() keeps the length for every character but U+0130 (the table maps that one).
    lowered = text.lower() if "\u0130" not in text else text.replace("\u0130", "i").lower()
    # Each kind of character replaced at once: a text repeats a few (a filing context's "·", "é",
    # "’"), and one replace of each is faster than a call for every character. Not when one folds
    # to another of the text that folds further ("⁻" to "−", which folds to "-"): in turn, then.
    chars = _non_ascii(lowered)
    pairs = [(ch, out) for ch in chars if (out := _TABLE[ord(ch)]) != ch]
    if any(out in chars for _, out in pairs):
        return _NON_ASCII.sub(_fold_char, lowered)
    for ch, out in pairs:
        lowered = lowered.replace(ch, out)
    return lowered


# --- OCR repair --------------------------------------------------------------------------------

# A capitalised token with an "l" in it: "Al", "AlV", "DUl" (and "Als", "Alle": filtered below).
_CAND = re.compile(r"[A-Z]+l[A-Zl]*(?![^\W\d_])")
# Words that make a sentence-initial "Al" the Dutch adverb rather than AI.
_DUTCH_AFTER_AL = frozenset(
    "met jaren jarenlang sinds vanaf eerder geruime lange lang enige decennia ruim vroeg "
    "meteen direct spoedig snel tijdens daarvoor eerder langer".split()
)
_NEXT_WORD = re.compile(r"\s*([^\W_]+)")


def _al_is_ai(text: str, end: int) -> bool:
    m = _NEXT_WORD.match(text, end)
    if not m:
        return True
    nxt = m.group(1)
    if nxt[0].isupper() and not nxt.isupper():
        return False  # "Al Gore", "Al Qaida": a name
    if nxt.lower() in _DUTCH_AFTER_AL:
        return False
    if nxt == "in" or nxt == "op":
        after = _NEXT_WORD.match(text, m.end())
        if after and after.group(1)[0].isdigit():
            return False  # "Al in 2019 ...": Dutch
    return True


def _repair(m: re.Match) -> str:
    token = m.group(0)
    start = m.start()
    if start and (m.string[start - 1].isalnum() or m.string[start - 1] in "'’-‐_"):
        return token  # inside a longer word ("HoekstrAl", "GGE-Al")
    if token == "Al":
        string, end = m.string, m.end()
        # "Al-Qaida", "Al's": part of a longer word.
        if end + 1 < len(string) and string[end] in "-‐'’" and string[end + 1].isalpha():
            return token
        return "AI" if _al_is_ai(string, end) else token
    if len(token) > 6 or sum(c.isupper() for c in token) < 2:
        return token
    return token.replace("l", "I")


# What every candidate has, a capital before an "l": written from the "l" (the lookbehind checks
# the capital), so that the regex engine skips to the text's l's instead of trying every
# position (four times faster than "[A-Z]l"; a text is repaired for each search that reads it).
_CAND_START = re.compile(r"l(?<=[A-Z]l)")


def repair_ocr(text: str) -> str:
    """Read OCR "l" for capital I in abbreviations: "Al" -> "AI", "AlV" -> "AIV"; same length."""
    if "l" not in text or _CAND_START.search(text) is None:
        return text
    return _CAND.sub(_repair, text)


# --- layout -------------------------------------------------------------------------------------

# A hyphen at a line end between lowercase letters: a line-wrap hyphen ("wapenbe-⏎heersing").
_WRAP_HYPHEN = re.compile(r"(?<=[^\W\d_A-Z])-[ \t]*\r?\n\s*(?=[^\W\d_A-Z])")
_WS = re.compile(r"\s+")


def join_wrap_hyphens(text: str) -> str:
    """Join words hyphenated across a line break; other line breaks stay."""
    if "-" not in text:
        return text
    return _WRAP_HYPHEN.sub("", text)


_LAYOUT = re.compile(r"\s\s|[^ \S]")  # two whitespace characters, or one that is not a space


def display_text(text: str) -> str:
    """One clean line: NFC, wrap hyphens joined, whitespace runs as one space."""
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    # Printable: no whitespace but the plain space (every other one is a separator or control
    # character); without two in a row there is no layout to clean. Checked in C, ten times
    # faster than the regex, which decides the rest.
    if (text.isprintable() and "  " not in text) or _LAYOUT.search(text) is None:
        return text.strip()
    return _WS.sub(" ", join_wrap_hyphens(text)).strip()


def index_text(display: str) -> str:
    """What the index stores for a display text: OCR repaired and folded, same length."""
    return fold(repair_ocr(display))


class Folded(dict):
    """`index_text` of each text asked, folded once: one search folds a record's texts to check a
    phrase, to score it or sort it into a broad listing's passes, and to mark its snippet
    (`folded[text]`). `chars` counts the characters of the texts folded (what the memo holds,
    about twice that in memory), so that a memo kept between searches can be emptied in time."""

    def __init__(self) -> None:
        super().__init__()
        self.chars = 0

    def __missing__(self, text: str) -> str:
        out = self[text] = index_text(text)
        self.chars += len(text)
        return out

    def clear(self) -> None:
        super().clear()
        self.chars = 0


def searchable(text: str) -> str:
    """Everything search does to a text before cutting it into words."""
    return index_text(display_text(text))


_WORD = re.compile(r"[^\W_]+")


# ASCII letters and digits kept, every other ASCII character a space: for ASCII text, the words
# of `_WORD` are the runs `str.split` leaves (twice as fast as the regex).
_ASCII_WORDS = str.maketrans({i: chr(i) if chr(i).isalnum() else " " for i in range(128)})


def words(text: str) -> list[str]:
    """The words of a text as the index cuts them (fold first for the index's spelling)."""
    if text.isascii():
        return text.translate(_ASCII_WORDS).split()
    return _WORD.findall(text)


def word_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every word, in order."""
    return [m.span() for m in _WORD.finditer(text)]
