"""The briefing pack as a Word document (python-docx), with real Word footnotes.

Same structure as the Markdown pack: Title, Heading 1-3, quotes in the "Quote" style, bullets
in "List Bullet", links as hyperlinks. python-docx has no footnote API, so this module adds the
footnotes part (`word/footnotes.xml`) itself: one Word footnote per citation, numbered as in
the Markdown pack. A citation used again later refers back to its footnote with a NOTEREF
cross-reference field (what Word's "Insert cross-reference > Footnote number" makes), so the
same (source, locator) keeps one number in the text and one note at the foot of the page.

The file is reproducible: every zip entry carries the same fixed timestamp and the document
properties carry no creation or modification time, so exporting an unchanged briefing against
unchanged content gives the same bytes (and a diff of two exports shows only real changes).
"""

from __future__ import annotations

import io
import re
import zipfile

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, RGBColor

from briefing_tui.export.pack import Block, Break, Link, Note, NoteRef, Pack, Text
from briefing_tui.export.chars import showable
from briefing_tui.export.target import docx_identifier

QUOTE_STYLE = "Quote"
WARNING_COLOR = RGBColor(0xC0, 0x00, 0x00)
LINK_COLOR = RGBColor(0x05, 0x63, 0xC1)
_HEADING_STYLES = {1: "Heading 1", 2: "Heading 2", 3: "Heading 3"}
# The earliest time a zip entry can carry: the same for every export, so the bytes are too.
ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)
# Elements that follow w:footnotePr in w:settings (ECMA-376 CT_Settings sequence).
_AFTER_FOOTNOTE_PR = (
    "w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema",
    "w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown",
    "w:smartTagType", "sl:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags",
    "w:decimalSymbol", "w:listSeparator",
)


def _clean(text: str) -> str:
    """Text Word can store, shown as the Markdown pack shows it (export/chars.py)."""
    return showable(text)


_BREAKS = re.compile(r"(\t|\r\n|\n|\r)")


def _run(text: str, bold: bool, italic: bool, warning: bool):
    """A w:r element: what python-docx's add_run(text) with bold/italic/colour makes, in one
    pass (tabs and line breaks as w:tab and w:br, like Run.text)."""
    r = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    if bold:
        rpr.append(OxmlElement("w:b"))
    if italic:
        rpr.append(OxmlElement("w:i"))
    if warning:
        color = OxmlElement("w:color")
        color.set(qn("w:val"), str(WARNING_COLOR))
        rpr.append(color)
    r.append(rpr)
    for part in _BREAKS.split(text):
        if not part:
            continue
        if part == "\t":
            r.append(OxmlElement("w:tab"))
        elif part in ("\r\n", "\n", "\r"):
            r.append(OxmlElement("w:br"))
        else:
            t = OxmlElement("w:t")
            t.text = part
            if part != part.strip():
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            r.append(t)
    return r


def _bookmark(number: int) -> str:
    return f"_RefNote{number}"


class _Writer:
    def __init__(self, pack: Pack):
        self.pack = pack
        self.doc = Document()
        self.notes: dict[int, Note] = {n.number: n for n in pack.notes}
        self.placed: set[int] = set()
        self._next_bookmark_id = 1
        self._style_ids: dict[str, str] = {}
        self._sect_pr = None
        self._styles()
        self.footnotes_part = self._footnotes_part() if pack.notes else None

    # --- setup -------------------------------------------------------------------------------
    def _styles(self) -> None:
        styles = self.doc.styles
        names = {s.name for s in styles}
        if QUOTE_STYLE not in names:
            quote = styles.add_style(QUOTE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
            quote.base_style = styles["Normal"]
            quote.font.italic = True
            quote.paragraph_format.left_indent = Pt(24)
            quote.paragraph_format.right_indent = Pt(24)
        if "Footnote Text" not in names:
            ft = styles.add_style("Footnote Text", WD_STYLE_TYPE.PARAGRAPH)
            ft.base_style = styles["Normal"]
            ft.font.size = Pt(9)
            ft.paragraph_format.space_after = Pt(0)
        if "Footnote Reference" not in names:
            fr = styles.add_style("Footnote Reference", WD_STYLE_TYPE.CHARACTER)
            fr.font.superscript = True
        if "Hyperlink" not in names:
            hl = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
            hl.font.color.rgb = LINK_COLOR
            hl.font.underline = True
        # Dutch proofing language for the whole document.
        rpr = styles.element.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))
        if rpr is not None:
            lang = rpr.find(qn("w:lang"))
            if lang is None:
                lang = parse_xml(f"<w:lang {nsdecls('w')}/>")
                rpr.append(lang)
            lang.set(qn("w:val"), "nl-NL")
        props = self.doc.core_properties
        props.title = _clean(self.pack.title)
        props.author = ""
        props.last_modified_by = ""
        props.comments = ""  # the template says "generated by python-docx"
        props.language = "nl-NL"
        if self.pack.briefing:
            props.identifier = docx_identifier(self.pack.briefing)
        # The template's created/modified times (2013) are not this pack's, and a time of export
        # would make every export differ: leave them out.
        core = props._element
        for name in ("dcterms:created", "dcterms:modified", "cp:lastPrinted"):
            for el in core.findall(qn(name)):
                core.remove(el)

    def _footnotes_part(self) -> XmlPart:
        sep = (
            '<w:footnote w:type="{t}" w:id="{i}"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
            'w:lineRule="auto"/></w:pPr><w:r><w:{t}/></w:r></w:p></w:footnote>'
        )
        xml = (
            f"<w:footnotes {nsdecls('w', 'r')}>"
            + sep.format(t="separator", i=-1)
            + sep.format(t="continuationSeparator", i=0)
            + "</w:footnotes>"
        )
        package = self.doc.part.package
        part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, parse_xml(xml), package)
        self.doc.part.relate_to(part, RT.FOOTNOTES)
        settings = self.doc.settings.element
        if settings.find(qn("w:footnotePr")) is None:
            pr = parse_xml(f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>')
            settings.insert_element_before(pr, *_AFTER_FOOTNOTE_PR)
        return part

    # --- inline content ----------------------------------------------------------------------
    def _inlines(self, p_element, inlines: list, *, warning: bool = False) -> None:
        for item in inlines:
            if isinstance(item, Text):
                p_element.append(_run(_clean(item.text), item.bold, item.italic, warning or item.flag))
            elif isinstance(item, Break):
                r = OxmlElement("w:r")
                r.append(OxmlElement("w:br"))
                p_element.append(r)
            elif isinstance(item, Link):
                self._hyperlink(p_element, self.doc.part, item.text, item.url)
            elif isinstance(item, NoteRef):
                self._note_ref(p_element, item.number)

    def _hyperlink(self, p_element, part, text: str, url: str) -> None:
        r_id = part.relate_to(url, RT.HYPERLINK, is_external=True)
        link = parse_xml(
            f'<w:hyperlink {nsdecls("w", "r")} r:id="{r_id}" w:history="1">'
            '<w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t xml:space="preserve"></w:t></w:r>'
            "</w:hyperlink>"
        )
        link.find(".//" + qn("w:t")).text = _clean(text)
        p_element.append(link)

    def _note_ref(self, p_element, number: int) -> None:
        if number not in self.placed:
            # First use: the real footnote, wrapped in a bookmark for later cross-references.
            self.placed.add(number)
            bid = self._next_bookmark_id
            self._next_bookmark_id += 1
            p_element.append(parse_xml(f'<w:bookmarkStart {nsdecls("w")} w:id="{bid}" w:name="{_bookmark(number)}"/>'))
            p_element.append(parse_xml(
                f'<w:r {nsdecls("w")}><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                f'<w:footnoteReference w:id="{number}"/></w:r>'
            ))
            p_element.append(parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="{bid}"/>'))
            self._add_footnote(self.notes[number])
            return
        # Later use: a NOTEREF field showing the same number in footnote-reference format.
        rpr = '<w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
        for xml in (
            f'<w:r {nsdecls("w")}>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>',
            f'<w:r {nsdecls("w")}>{rpr}<w:instrText xml:space="preserve"> NOTEREF {_bookmark(number)} \\f \\h </w:instrText></w:r>',
            f'<w:r {nsdecls("w")}>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>',
            f'<w:r {nsdecls("w")}>{rpr}<w:t>{number}</w:t></w:r>',
            f'<w:r {nsdecls("w")}>{rpr}<w:fldChar w:fldCharType="end"/></w:r>',
        ):
            p_element.append(parse_xml(xml))

    def _add_footnote(self, note: Note) -> None:
        assert self.footnotes_part is not None
        fn = parse_xml(
            f'<w:footnote {nsdecls("w")} w:id="{note.number}"><w:p>'
            '<w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
            '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
            '<w:r><w:t xml:space="preserve"> </w:t></w:r>'
            "</w:p></w:footnote>"
        )
        p = fn.find(qn("w:p"))
        text_run = parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve"></w:t></w:r>')
        text_run.find(qn("w:t")).text = _clean(note.text) + (". " if note.url else "")
        p.append(text_run)
        if note.url:
            self._hyperlink(p, self.footnotes_part, note.url, note.url)
            if note.url_inferred:
                tail = parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve"> (afgeleid)</w:t></w:r>')
                p.append(tail)
        self.footnotes_part.element.append(fn)

    # --- blocks ------------------------------------------------------------------------------
    def _style_id(self, name: str) -> str:
        # python-docx looks a style up by name on every add_paragraph(style=...), which is slow
        # for long packs; resolve each name once and set the id directly.
        if name not in self._style_ids:
            self._style_ids[name] = self.doc.styles[name].style_id
        return self._style_ids[name]

    def block(self, block: Block) -> None:
        if block.kind == "title":
            style = "Title"
        elif block.kind == "heading":
            style = _HEADING_STYLES.get(block.level, "Heading 3")
        elif block.kind == "quote":
            style = QUOTE_STYLE
        elif block.kind == "bullet":
            style = "List Bullet"
        else:
            style = None
        # Built as XML and put before the section properties directly: python-docx's
        # add_paragraph looks for them among all the body's children each time (quadratic).
        p = OxmlElement("w:p")
        if style is not None:
            ppr = OxmlElement("w:pPr")
            pstyle = OxmlElement("w:pStyle")
            pstyle.set(qn("w:val"), self._style_id(style))
            ppr.append(pstyle)
            p.append(ppr)
        if self._sect_pr is not None:
            self._sect_pr.addprevious(p)
        else:
            self.doc.element.body.append(p)
        self._inlines(p, block.inlines, warning=block.kind == "warning")

    def write(self) -> bytes:
        # The template starts with one empty paragraph; the title replaces it.
        body = self.doc.element.body
        for p in list(body.iterchildren(qn("w:p"))):
            if not p.xpath(".//w:t"):
                body.remove(p)
        self._sect_pr = body.find(qn("w:sectPr"))
        for block in self.pack.blocks:
            self.block(block)
        out = io.BytesIO()
        self.doc.save(out)
        return _reproducible(out.getvalue())


def _reproducible(data: bytes) -> bytes:
    """The same zip with a fixed timestamp and attributes on every entry, in the same order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIMESTAMP)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0  # as Word writes it: no Unix mode bits from this machine
            entry.external_attr = 0
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def pack_to_docx_bytes(pack: Pack) -> bytes:
    return _Writer(pack).write()


def render_docx(briefing, corpus) -> bytes:
    """The briefing pack as .docx bytes. Raises ExportError for ids not in the corpus."""
    from briefing_tui.export.pack import build_pack

    return pack_to_docx_bytes(build_pack(briefing, corpus))
