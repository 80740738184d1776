"""From a file's bytes to the source text, exactly as received.

Plain text in any common encoding (UTF-8, UTF-8 or UTF-16 with a byte order mark, cp1252 and
latin-1, or whatever charset-normalizer recognises) and PDF (the text layer, read with pypdf).
The text is normalised only to Python `str` (UTF-8 when written) and `\\n` line ends; the byte
order mark is part of the encoding, not of the text, and is dropped.

PDF text is read in pypdf's layout mode, which keeps a blank line between paragraphs; of its
layout whitespace, trailing spaces and runs of blank lines are reduced (see `_page_text`).
Pages are joined with a form feed on a line of its own (`\\n\\f\\n`): the conventional page
separator of text extracted from PDF, which also reads as a page break to the passage splitter
(two blank lines).

Whatever cannot be imported raises `ImportRefused` with a message for the user: an empty file, a
binary file (a Word document, an image, an archive ...), an encrypted, image-only or damaged PDF.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from briefing_tui.yamlio import MAX_TEXT_BYTES

__all__ = ["Extracted", "ImportRefused", "extract_bytes", "extract_file", "decode_text", "PAGE_BREAK"]

PAGE_BREAK = "\n\f\n"
# A PDF holds more than its text (fonts, images): it may be larger than the text it gives, which
# must fit MAX_TEXT_BYTES like every source text.
MAX_PDF_BYTES = 100 * 1024 * 1024

# Files that are clearly not text, by their first bytes: a message that says what they are.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "een ZIP-archief (of een Word/OpenDocument-bestand); sla het op als PDF of als tekst"),
    (b"\xd0\xcf\x11\xe0", "een oud Office-bestand (.doc/.xls); sla het op als PDF of als tekst"),
    (b"\x89PNG", "een PNG-afbeelding; een afbeelding heeft geen tekst (eerst OCR toepassen)"),
    (b"\xff\xd8\xff", "een JPEG-afbeelding; een afbeelding heeft geen tekst (eerst OCR toepassen)"),
    (b"GIF8", "een GIF-afbeelding; een afbeelding heeft geen tekst"),
    (b"II*\x00", "een TIFF-afbeelding; een afbeelding heeft geen tekst (eerst OCR toepassen)"),
    (b"MM\x00*", "een TIFF-afbeelding; een afbeelding heeft geen tekst (eerst OCR toepassen)"),
    (b"\x1f\x8b", "een gzip-archief"),
    (b"\x7fELF", "een programma (ELF)"),
    (b"{\\rtf", "een RTF-document; sla het op als PDF of als tekst"),
)

# Characters a Dutch (or any Western European) text plausibly holds beyond ASCII. Used to choose
# between single-byte code pages that all decode the same bytes.
_WESTERN = set(
    "àáâäãåèéêëìíîïòóôöõùúûüýÿçñæøœßÀÁÂÄÃÅÈÉÊËÌÍÎÏÒÓÔÖÕÙÚÛÜÝÇÑÆØŒ"
    "‘’“”„‚«»–—…€£§°·•½¼¾×"
    "\u00a0"
)


# A valid UTF-8 sequence of two to four bytes (a character beyond ASCII).
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


class ImportRefused(Exception):
    """The file cannot be imported; the message says why, for the user.

    `ImportRefused.of(code, **data)` carries a code (`import.*`, worded in
    `briefing_tui.wording.importer`) and its data; `str()` is the Dutch text either way.
    """

    code: str | None = None
    data: dict = {}

    @classmethod
    def of(cls, code: str, /, **data) -> "ImportRefused":
        from briefing_tui.wording import say

        exc = cls(say(code, **data))
        exc.code, exc.data = code, data
        return exc


@dataclass(frozen=True)
class Extracted:
    text: str
    format: str  # "text" | "pdf" | "xml" (official publication, see importer/official.py)
    encoding: str | None = None  # plain text: the encoding it was read in
    pages: int | None = None  # PDF: number of pages
    notes: tuple[str, ...] = field(default_factory=tuple)  # what the extraction observed
    parts: tuple[str, ...] = field(default_factory=tuple)  # XML: the files read (body, metadata.xml)


def extract_file(path: str | Path) -> Extracted:
    """The text of a regular file no larger than the limits; ImportRefused for anything else."""
    p = Path(path)
    data = read_input(p, lambda head: MAX_PDF_BYTES if head.lstrip().startswith(b"%PDF-") else MAX_TEXT_BYTES)
    return extract_bytes(data, name=str(p))


def read_input(p: Path, limit=MAX_PDF_BYTES) -> bytes:
    """The bytes of an input file: a regular file only (a FIFO or a device such as /dev/zero
    would block or never end), its size checked before it is read. `limit` is a number of
    bytes, or a function of the first 1,024 bytes that gives it."""
    try:
        st = p.stat()
    except FileNotFoundError:
        raise ImportRefused(f"{p}: bestand niet gevonden") from None
    except OSError as exc:
        raise ImportRefused(f"{p}: kan niet gelezen worden ({exc.strerror or exc})") from None
    if stat.S_ISDIR(st.st_mode):
        raise ImportRefused(f"{p}: is een map, geen bestand")
    if not stat.S_ISREG(st.st_mode):
        raise ImportRefused(f"{p}: is geen gewoon bestand (maar een apparaat, pipe of socket); alleen tekst en PDF")
    try:
        with open(p, "rb") as fh:
            head = fh.read(1024)
            most = limit(head) if callable(limit) else limit
            size = os.fstat(fh.fileno()).st_size
            if size > most:
                raise ImportRefused(f"{p}: te groot ({_size(size)}; de grens is {_size(most)})")
            data = head + fh.read(most + 1 - len(head))
    except OSError as exc:
        raise ImportRefused(f"{p}: kan niet gelezen worden ({exc.strerror or exc})") from exc
    if len(data) > most:  # grew while being read
        raise ImportRefused(f"{p}: te groot (meer dan {_size(most)})")
    return data


def _size(n: int) -> str:
    """Bytes, grouped the Dutch way: '21.000.048 bytes'."""
    return f"{n:,} bytes".replace(",", ".")


def _check_text_size(text: str, name: str) -> None:
    """The text as it will be stored (UTF-8) must fit the content limit, or `check` fails on it."""
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > MAX_TEXT_BYTES:
        raise ImportRefused(
            f"{name}: de tekst is te groot ({_size(size)} als UTF-8; een brontekst mag hoogstens "
            f"{_size(MAX_TEXT_BYTES)} zijn)"
        )


def extract_bytes(data: bytes, name: str = "bestand") -> Extracted:
    if not data:
        raise ImportRefused(f"{name}: het bestand is leeg")
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF-"):
        extracted = _extract_pdf(data, name)
        _check_text_size(extracted.text, name)
        return extracted
    if not data.strip():
        raise ImportRefused(f"{name}: het bestand bevat alleen witruimte, geen tekst")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise ImportRefused(f"{name}: geen tekst of PDF maar {what}")
    text, encoding = decode_text(data, name)
    text = _normalise_newlines(text)
    if not text.strip():
        raise ImportRefused(f"{name}: het bestand bevat geen tekst")
    _check_text_size(text, name)
    return Extracted(text=text, format="text", encoding=encoding)


# --- plain text ------------------------------------------------------------------------------

def decode_text(data: bytes, name: str = "bestand") -> tuple[str, str]:
    """Decode text bytes; return (text, encoding). Raise ImportRefused for binary data."""
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as exc:
                raise ImportRefused(
                    f"{name}: begint als {enc.upper()} (byte order mark) maar is dat niet op byte {exc.start}"
                ) from exc
            _refuse_binary_text(text, name)
            return text, enc
    if b"\x00" in data:
        raise ImportRefused(f"{name}: binair bestand (bevat NUL-bytes), geen tekst of PDF")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # Mostly UTF-8 with a few bytes that are not (more valid multi-byte characters than bad
        # bytes; a cp1252 text has the opposite): a mixed file. Reading it as cp1252 would
        # turn every "ë" into "Ã«"; replacing the bad bytes would change the text. Say where.
        valid = len(_UTF8_MULTIBYTE.findall(data))
        invalid = data.decode("utf-8", "replace").count("\ufffd")
        if valid >= 3 and valid > invalid:
            line = data[: exc.start].count(b"\n") + 1
            raise ImportRefused(
                f"{name}: gemengde tekencodering: UTF-8, maar regel {line} (byte {exc.start}) is geen UTF-8; "
                "sla het bestand opnieuw op als UTF-8"
            ) from exc
    else:
        _refuse_binary_text(text, name)
        return text, "utf-8"
    text, enc = _guess_single_byte(data, name)
    _refuse_binary_text(text, name)
    return text, enc


def _guess_single_byte(data: bytes, name: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    guess_enc = best.encoding if best is not None else None
    guess_text = str(best) if best is not None else None
    # cp1252 is what Windows writes for Dutch; it covers latin-1's printable range too. Prefer it
    # when it decodes the bytes and reads at least as plausibly as the detector's guess (which
    # often says cp1250 for a short Dutch text with one "ë").
    try:
        cp = data.decode("cp1252")
    except UnicodeDecodeError:
        cp = None
    if cp is not None and (guess_text is None or _western_score(cp) >= _western_score(guess_text)):
        return cp, "cp1252"
    if guess_text is None:
        raise ImportRefused(f"{name}: binair bestand of onbekende tekencodering, geen tekst of PDF")
    return guess_text, guess_enc or "unknown"


def _western_score(text: str) -> int:
    return sum(1 for ch in text if ord(ch) > 127 and ch in _WESTERN) - sum(
        1 for ch in text if ord(ch) > 127 and ch not in _WESTERN
    )


def _refuse_binary_text(text: str, name: str) -> None:
    """Decoded text that is mostly control characters is a binary file."""
    sample = text[:65536]
    if not sample:
        return
    controls = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f\v") or 0x7F <= ord(ch) < 0xA0)
    if "\x00" in sample or controls > max(8, len(sample) // 100):
        raise ImportRefused(f"{name}: binair bestand (stuurtekens in de inhoud), geen tekst of PDF")


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- PDF -------------------------------------------------------------------------------------

def _extract_pdf(data: bytes, name: str) -> Extracted:
    import logging  # only here: a text import starts without it

    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    tail = data[-2048:]
    if b"%%EOF" not in tail:
        raise ImportRefused(
            f"{name}: beschadigde PDF (het einde van het bestand ontbreekt; afgebroken download of kopie?)"
        )
    # pypdf logs repairs of slightly broken files as warnings; the user gets our message instead.
    pypdf_log = logging.getLogger("pypdf")
    level = pypdf_log.level
    pypdf_log.setLevel(logging.ERROR)
    try:
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
        except Exception as exc:  # pypdf raises many types for broken files
            raise ImportRefused(f"{name}: beschadigde PDF, kan niet gelezen worden ({_short(exc)})") from exc
        if reader.is_encrypted:
            try:
                ok: int = reader.decrypt("")  # a PasswordType, an IntEnum: 0 is NOT_DECRYPTED
            except (DependencyError, NotImplementedError) as exc:
                raise ImportRefused(f"{name}: versleutelde PDF ({_short(exc)}); sla een onbeveiligde kopie op") from exc
            except Exception:
                ok = 0
            if not ok:
                raise ImportRefused(
                    f"{name}: versleutelde PDF (met wachtwoord beveiligd); sla een onbeveiligde kopie op en importeer die"
                )
        try:
            pages = list(reader.pages)
        except Exception as exc:
            raise ImportRefused(f"{name}: beschadigde PDF, de pagina's zijn niet te lezen ({_short(exc)})") from exc
        if not pages:
            raise ImportRefused(f"{name}: de PDF heeft geen pagina's")
        texts: list[str] = []
        for number, page in enumerate(pages, 1):
            try:
                texts.append(_page_text(page))
            except FileNotDecryptedError as exc:
                raise ImportRefused(f"{name}: versleutelde PDF; sla een onbeveiligde kopie op") from exc
            except (PdfReadError, Exception) as exc:
                raise ImportRefused(f"{name}: beschadigde PDF, pagina {number} is niet te lezen ({_short(exc)})") from exc
    finally:
        pypdf_log.setLevel(level)
    if not any(t.strip() for t in texts):
        raise ImportRefused(
            f"{name}: de PDF heeft geen tekstlaag (alleen afbeeldingen, een scan?); "
            "pas eerst OCR toe en importeer de tekst"
        )
    empty = [str(i) for i, t in enumerate(texts, 1) if not t.strip()]
    notes = (f"pagina {', '.join(empty)} zonder tekstlaag",) if empty else ()
    joined = PAGE_BREAK.join(_normalise_newlines(t).rstrip("\n") for t in texts)
    return Extracted(text=joined + "\n", format="pdf", pages=len(texts), notes=notes)


def _page_text(page) -> str:
    """A page's text layer.

    Layout mode renders vertical space as blank lines, so the blank line between paragraphs
    survives (the plain mode runs all lines of a page together, and the passages of a source are
    its paragraphs). Its layout whitespace is reduced to what a text file would have: trailing
    spaces are dropped and a run of blank lines becomes one (two blank lines would read as a page
    break). A page that defeats layout mode is read in the plain mode.
    """
    try:
        text = page.extract_text(extraction_mode="layout", layout_mode_space_vertically=True) or ""
    except Exception:
        text = ""
    if not text.strip():
        text = page.extract_text() or ""
    text = "\n".join(line.rstrip() for line in _normalise_newlines(text).split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def _short(exc: BaseException) -> str:
    msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return msg[:120]
