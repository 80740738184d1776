"""Reading a document: any common text encoding, PDF text layers, and clear refusals of bad input."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter

from briefing_tui.importer.extract import ImportRefused, extract_bytes, extract_file

TEXT = (
    "Geachte voorzitter,\n\n"
    "Het kabinet deelt de zorgen over nieuwe technologieën en de Geïntegreerde\n"
    "Buitenland- en Veiligheidsstrategie – zoals eerder “gemeld” – blijft leidend.\n"
)
LATIN1_TEXT = "Geachte voorzitter,\n\nHet kabinet deelt de zorgen over nieuwe technologieën en de Geïntegreerde strategie.\n"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


@pytest.mark.parametrize(
    "encoding, data",
    [
        ("utf-8", TEXT.encode("utf-8")),
        ("utf-8-sig", TEXT.encode("utf-8-sig")),
        ("utf-16", TEXT.encode("utf-16")),  # with BOM
        ("utf-16-be-bom", b"\xfe\xff" + TEXT.encode("utf-16-be")),
        ("cp1252", TEXT.encode("cp1252")),
    ],
)
def test_text_in_common_encodings_reads_the_same(encoding, data):
    got = extract_bytes(data, "brief.txt")
    assert got.text == TEXT
    assert got.format == "text"


def test_cp1252_with_a_capital_accent_before_a_curly_quote_is_still_cp1252():
    text = "Het ‘CAFÉ’ van de NAVO en de ‘DÜSSELDORF’-afspraken over technologieën en ideeën.\n"
    assert extract_bytes(text.encode("cp1252"), "x.txt").text == text


def test_latin1_reads_right():
    got = extract_bytes(LATIN1_TEXT.encode("latin-1"), "brief.txt")
    assert got.text == LATIN1_TEXT
    assert "technologieën" in got.text


def test_windows_and_old_mac_line_ends_become_newlines():
    got = extract_bytes(TEXT.replace("\n", "\r\n").encode("cp1252"), "brief.txt")
    assert got.text == TEXT
    got = extract_bytes(TEXT.replace("\n", "\r").encode("utf-8"), "brief.txt")
    assert got.text == TEXT


def test_text_is_otherwise_unchanged():
    raw = "  Regel met spaties   \n\twapenbe-\nheersing»1?\n\n\n"
    assert extract_bytes(raw.encode("utf-8")).text == raw


@pytest.mark.parametrize(
    "data, says",
    [
        (b"", "leeg"),
        (b"   \n\n\t  \n", "witruimte"),
        (bytes(range(256)) * 8, "binair"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "PNG"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 50, "programma"),
    ],
)
def test_bad_input_is_refused_with_a_reason(data, says):
    with pytest.raises(ImportRefused, match=says):
        extract_bytes(data, "x")


def test_mostly_utf8_with_a_stray_cp1252_byte_is_refused_not_garbled():
    data = "De Geïntegreerde strategie noemt technologieën én ideeën.\n".encode("utf-8") + "Één regel in cp1252.\n".encode("cp1252")
    with pytest.raises(ImportRefused, match="regel 2"):
        extract_bytes(data, "gemengd.txt")


def test_a_word_document_is_refused_with_advice():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(ImportRefused, match="Word"):
        extract_bytes(buf.getvalue(), "brief.docx")


def test_missing_file(tmp_path):
    with pytest.raises(ImportRefused, match="niet gevonden"):
        extract_file(tmp_path / "nope.pdf")


# --- PDF -------------------------------------------------------------------------------------

def make_pdf(pages: list[list[str]]) -> bytes:
    pdf = FPDF()
    if DEJAVU.exists():
        pdf.add_font("DejaVu", "", str(DEJAVU))
        pdf.set_font("DejaVu", size=11)
    else:
        pdf.set_font("Helvetica", size=11)
    pdf.set_auto_page_break(False)
    for lines in pages:
        pdf.add_page()
        for line in lines:
            if not DEJAVU.exists():
                line = line.replace("–", "-").encode("latin-1", "replace").decode("latin-1")
            pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_pdf_text_layer_pages_joined_with_a_form_feed():
    data = make_pdf([["Geachte voorzitter,", "Het kabinet deelt de zorgen."], ["De minister van Buitenlandse Zaken,", "S.A. Blok"]])
    got = extract_bytes(data, "brief.pdf")
    assert got.format == "pdf" and got.pages == 2
    first, second = got.text.split("\n\f\n")
    assert "Het kabinet deelt de zorgen." in first
    assert "S.A. Blok" in second


def test_encrypted_pdf_is_refused():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf([["Geheime tekst over drones."]]))))
    writer.encrypt(user_password="geheim", owner_password="eigenaar")
    buf = io.BytesIO()
    writer.write(buf)
    with pytest.raises(ImportRefused, match="versleutelde PDF"):
        extract_bytes(buf.getvalue(), "geheim.pdf")


def test_image_only_pdf_is_refused():
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # a page with a drawing and no text, as a scan has
    with pytest.raises(ImportRefused, match="geen tekstlaag"):
        extract_bytes(bytes(pdf.output()), "scan.pdf")


def test_truncated_pdf_is_refused():
    data = make_pdf([["Geachte voorzitter,"] * 20] * 3)
    with pytest.raises(ImportRefused, match="beschadigde PDF"):
        extract_bytes(data[: len(data) // 2], "kapot.pdf")


def test_garbled_pdf_is_refused():
    data = b"%PDF-1.7\n" + b"\x00\xff garbage " * 200 + b"\n%%EOF\n"
    with pytest.raises(ImportRefused, match="PDF"):
        extract_bytes(data, "kapot.pdf")
