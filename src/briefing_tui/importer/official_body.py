"""The body XML of an official publication as plain text, with its structure kept apart.

`render(body)` turns `officiele-publicatie` into the text stored as the source (what quotes are
checked against) and returns, beside it, what the structure states:

- the text: one paragraph per block element (`al`, `tekstregel`, `titel`, `stuknr`,
  `datumtekst`, `kop`, `tussenkop`, `li`, `kamervraagomschrijving`, `kamervraagnummer`, the `nr`
  of a `vraag` or `antwoord`, each `functie` and `naam` of an `ondertekening`), blank lines
  between them. The dossier heading reads as in print: "33 694 Nucleaire ontwapening".
- footnotes (`noot`): at the place of the note only its number stands, glued to the text as in
  print ("verbieden.1"); the notes themselves follow the text as a footnote block ("1 Kamerstuk
  33 694, nr. 23"), which the passage splitter keeps out of the passages. `nootref` (a second
  reference to a note) gives the number only.
- the numbers (`dossier/dossiernummer`, `stuknr/ondernummer`, the vergaderjaar `tekstregel`,
  `kamervraagnummer`), dates (`datum/@isodatum` in `datumtekst` and in
  `kamervraagomschrijving`), the signatories (`ondertekening`: `functie` + `naam`), and the
  questions and answers: each `vraag` with its `nr` and paragraphs, each `antwoord` with the
  questions its `nr` names ("Antwoord 2 en 3").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from briefing_tui.importer.official_files import local
from briefing_tui.importer.qa import QAItem, question_numbers

__all__ = ["Rendered", "Signer", "render"]

# Elements whose text is a paragraph of its own.
_BLOCKS = {
    "al", "tekstregel", "titel", "stuknr", "datumtekst", "tussenkop", "kamervraagnummer",
    "kamervraagomschrijving", "functie", "naam", "considerans.al", "wat", "wij", "label",
    "li", "kop", "term", "nr",
}
# Elements never shown as text.
_SKIP = {"metadata", "noot", "illustratie", "plaatje", "colspec", "li.nr"}


@dataclass(frozen=True)
class Signer:
    function: str  # "De Minister van Buitenlandse Zaken," as printed
    name: str  # "S.A. Blok"


@dataclass
class Rendered:
    text: str
    kind: str  # "kamerstuk" | "aanhangsel" | "kamervragen" | the element under the root
    dossiers: list[str] = field(default_factory=list)  # as printed: "35 925 X"
    dossier_title: str | None = None
    number: str | None = None  # stuknr/ondernummer
    vergaderjaar: str | None = None  # "2018-2019", from the kamerstukkop / kamervraagkop
    title: str | None = None  # stuk/titel as printed: "MOTIE VAN HET LID KOOPMANS C.S."
    dates: dict[str, str] = field(default_factory=dict)  # "datumtekst" | "vraag" | "antwoord" -> ISO
    aanhangsel_number: str | None = None  # kamervraagnummer
    descriptions: dict[str, str] = field(default_factory=dict)  # kamervraagomschrijving by type
    signers: list[Signer] = field(default_factory=list)
    qa: list[QAItem] = field(default_factory=list)
    footnotes: dict[str, str] = field(default_factory=dict)  # number -> text


def _ws(s: str) -> str:
    return " ".join(s.split())


class _Writer:
    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.notes: dict[str, str] = {}
        self.note_ids: dict[str, str] = {}

    def inline(self, el: Element, clean: bool = False) -> str:
        """The text of an element with its inline children; notes become their number
        (or nothing, when `clean`)."""
        parts: list[str] = [el.text or ""]
        for child in el:
            name = local(child.tag)
            if name == "noot":
                number = _ws("".join(n.text or "" for n in child if local(n.tag) == "noot.nr")) or str(len(self.notes) + 1)
                body = _ws(" ".join(self.inline(n, clean=True) for n in child if local(n.tag) != "noot.nr"))
                self.notes.setdefault(number, body)
                if note_id := child.get("id"):
                    self.note_ids[note_id] = number
                if not clean:
                    parts.append(number)
            elif name == "nootref":
                if not clean:
                    parts.append(self.note_ids.get(child.get("refid", ""), ""))
            elif name in _SKIP:
                pass
            elif name in ("br",):
                parts.append(" ")
            else:
                parts.append(self.inline(child, clean))
            parts.append(child.tail or "")
        return "".join(parts)

    def block(self, el: Element) -> str:
        text = _ws(self.inline(el))
        if text:
            self.blocks.append(text)
        return text


def _isodate(el: Element) -> str | None:
    for d in el.iter():
        if local(d.tag) == "datum" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", d.get("isodatum", "")):
            return d.get("isodatum")
    return None


def _vergaderjaar(text: str) -> str | None:
    m = re.search(r"(\d{4})\s*[-–/]\s*(\d{4})", text)
    if m and int(m.group(2)) == int(m.group(1)) + 1:
        return f"{m.group(1)}-{m.group(2)}"
    return None


def render(body: Element) -> Rendered:
    """The text and the structure of an `officiele-publicatie` element."""
    w = _Writer()
    _number_notes(body, w)
    top = next((c for c in body if local(c.tag) not in ("metadata", "")), None)
    out = Rendered(text="", kind=local(top.tag) if top is not None else "")
    events: list[tuple[str, str, str]] = []  # ("vraag" | "antwoord", heading, text), in order

    def walk(el: Element) -> None:
        name = local(el.tag)
        if name in _SKIP or not name:
            return
        if name in ("kamerstukkop", "kamervraagkop"):
            for line in el:
                if local(line.tag) != "tekstregel":
                    walk(line)  # a kop may also hold the kamervraagnummer or -omschrijving
                    continue
                text = w.block(line)
                if text and (vj := _vergaderjaar(text)) and out.vergaderjaar is None:
                    out.vergaderjaar = vj
            return
        if name == "dossier":
            # "<dossiernr>35 925</dossiernr><begrotingshoofdstuk>X</begrotingshoofdstuk>" -> "35 925 X"
            numbers = [
                _ws(" ".join([n.text or ""] + [w.inline(c, clean=True) for c in n]))
                for n in el.iter() if local(n.tag) == "dossiernummer"
            ]
            title_el = next((c for c in el if local(c.tag) == "titel"), None)
            title = _ws(w.inline(title_el, clean=True)) if title_el is not None else ""
            out.dossiers.extend(n for n in numbers if n)
            out.dossier_title = title or None
            w.blocks.append(_ws(" ".join([*numbers, title])))
            return
        if name == "stuknr":
            text = w.block(el)
            nr = next((c for c in el.iter() if local(c.tag) == "ondernummer"), None)
            if nr is not None and _ws(nr.text or "").isdigit():
                out.number = _ws(nr.text or "")
            elif m := re.search(r"(\d+)", text):
                out.number = m.group(1)
            return
        if name == "titel" and out.title is None and out.kind == "kamerstuk":
            out.title = w.block(el)
            return
        if name == "datumtekst":
            w.block(el)
            if iso := _isodate(el):
                out.dates.setdefault("datumtekst", iso)
            return
        if name == "kamervraagnummer":
            text = w.block(el)
            if text.isdigit():
                out.aanhangsel_number = text
            return
        if name == "kamervraagomschrijving":
            text = w.block(el)
            kind = el.get("type") or ("antwoord" if re.match(r"\s*Antwoord", text) else "vraag")
            out.descriptions.setdefault(kind, text)
            if iso := _isodate(el):
                out.dates.setdefault(kind, iso)
            return
        if name in ("vraag", "antwoord"):
            heading = ""
            paras: list[str] = []
            for child in el:
                if local(child.tag) == "nr" and not heading:
                    heading = w.block(child)
                    continue
                walk(child)
                paras.extend(_ws(w.inline(b, clean=True)) for b in _blocks_in(child))
            events.append((name, heading, " ".join(p for p in paras if p)))
            return
        if name == "ondertekening":
            _signers(el, w, out)
            return
        if name in _BLOCKS:
            w.block(el)
            return
        if not list(el):
            if _ws(el.text or ""):
                w.block(el)
            return
        for child in el:
            walk(child)

    for child in body:
        walk(child)

    out.qa = _pair(events)
    text = "\n\n".join(b for b in w.blocks if b)
    if w.notes:
        ordered = sorted(w.notes.items(), key=lambda item: (not item[0].isdigit(), int(item[0]) if item[0].isdigit() else 0))
        text += "\n\n" + "\n".join(f"{n} {t}" for n, t in ordered)
    out.text = text + "\n"
    out.footnotes = dict(w.notes)
    return out


def _number_notes(body: Element, w: _Writer) -> None:
    """Every `noot` by its id first: a `nootref` may come before its note, and some documents
    keep their notes apart from the text (a `noot` beside the paragraphs, pointed at by
    `nootref`). A note that stands apart is listed with the footnotes all the same."""
    inline_parents = {"al", "titel", "li", "tussenkop", "kamervraagomschrijving", "noot.al", "entry", "functie", "naam"}
    for parent in body.iter():
        for child in parent:
            if local(child.tag) != "noot":
                continue
            number = _ws("".join(n.text or "" for n in child if local(n.tag) == "noot.nr"))
            if not number:
                continue
            if note_id := child.get("id"):
                w.note_ids[note_id] = number
            if local(parent.tag) not in inline_parents:  # apart from the text: only a nootref marks it
                body_text = _ws(" ".join(w.inline(n, clean=True) for n in child if local(n.tag) != "noot.nr"))
                w.notes.setdefault(number, body_text)


def _blocks_in(el: Element) -> list[Element]:
    """The block elements of a question's or answer's child, in order (the child itself when
    it is one)."""
    name = local(el.tag)
    if name in _SKIP:
        return []
    if name in _BLOCKS:
        return [el]
    found: list[Element] = []
    for child in el:
        found.extend(_blocks_in(child))
    return found


def _signers(el: Element, w: _Writer, out: Rendered) -> None:
    """`ondertekening`: one or more `functie` + `naam` pairs (a joint letter has several), or
    names alone (a motion's members). Printed as one block, a line each, as on paper."""
    function = ""
    lines: list[str] = []
    for child in el.iter():
        name = local(child.tag)
        if name == "functie":
            function = _ws(w.inline(child, clean=True))
            lines.append(function)
        elif name == "naam":
            parts = [_ws(w.inline(p, clean=True)) for p in child]
            who = _ws(" ".join(p for p in parts if p)) or _ws(w.inline(child, clean=True))
            if who:
                lines.append(who)
                out.signers.append(Signer(function, who))
            function = ""
        elif name == "al" and child is not el:
            lines.append(_ws(w.inline(child, clean=True)))
    block = "\n".join(line for line in lines if line)
    if block:
        w.blocks.append(block)


def _pair(events: list[tuple[str, str, str]]) -> list[QAItem]:
    """Each question with the answer whose heading names it ("Antwoord 2 en 3"); an answer whose
    heading names no question it follows answers the questions since the previous answer."""
    questions: dict[int, str] = {}
    since_last: list[int] = []
    items: dict[int, QAItem] = {}
    for kind, heading, text in events:
        if kind == "vraag":
            m = re.search(r"(\d+)", heading)
            if m and text:
                questions.setdefault(int(m.group(1)), text)
                since_last.append(int(m.group(1)))
            continue
        if not text:
            continue
        named = question_numbers(re.sub(r"^\s*Antwoord\w*", "", heading, flags=re.IGNORECASE))
        nums = [n for n in named if n in questions] or since_last
        for n in nums:
            items.setdefault(n, QAItem(n, questions[n], text, heading or "Antwoord"))
        since_last = []
    return [items[n] for n in sorted(items)]
