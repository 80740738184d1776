"""Questions and answers in an answer document, as qa items.

An answer document numbers its questions ("Vraag 1", "Vraag 2 ...") and answers them, one by one
("Antwoord 1", "Antwoord op vraag 1") or together ("Antwoord vragen 1 en 2", "Antwoord vragen 4 t/m
6"), or under a bare "Antwoord" heading that answers the questions since the previous answer. The
OCR'd "Antwoord vragen4en 5" reads as 4 and 5. A heading may also carry its text on the same line
("Vraag 1: Bent u ...?", "Antwoord 1: Ja.").

Question and answer are kept verbatim: only line breaks and runs of spaces become one space, and a
line-wrap hyphen is joined the way the quote checker accepts (see `quotes.py`); page furniture
(running headers, page numbers) inside an answer is left out, as the passage splitter does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing_tui.importer.clean import footnote_lines, mask_furniture

__all__ = ["QAItem", "find_qa", "find_questions", "question_numbers"]

_VRAAG = re.compile(r"^[ \t]*Vraag\s+(\d{1,3})\s*[:.)]?[ \t]*(\S.*)?$", re.IGNORECASE)
_NUMS = r"\d{1,3}(?:\s*(?:,|en|t/m|tot\s+en\s+met|-|–)\s*\d{1,3})*"
_ANTWOORD = re.compile(
    rf"^[ \t]*Antwoord(?:\s*(?:op\s+)?(?:de\s+)?(?:vragen|vraag)?\s*({_NUMS}))?\s*[:.)]?[ \t]*(\S.*)?$",
    re.IGNORECASE,
)
_BARE_NUMBER = re.compile(r"^[ \t]*(\d{1,2})[ \t]*[.)]?[ \t]*$")
# Where the body of a document ends: a signature or a footnote/annex block.
_END = re.compile(
    r"^[ \t]*(?:De|de)\s+(?:minister|staatssecretaris|Minister|Staatssecretaris)\b[^\n]*,\s*$|^[ \t]*(?:Bijlage|Noten|Voetnoten)\b",
)


@dataclass(frozen=True)
class QAItem:
    number: int
    question: str
    answer: str
    answer_locator: str  # the answer heading as printed: "Antwoord vragen 1 en 2"


def question_numbers(spec: str) -> list[int]:
    """'2 en 3' -> [2, 3]; '4 t/m 6' -> [4, 5, 6]; '1, 2' -> [1, 2]."""
    nums: list[int] = []
    for m in re.finditer(r"(\d{1,3})(?:\s*(?:t/m|tot\s+en\s+met|-|–)\s*(\d{1,3}))?", spec):
        a = int(m.group(1))
        b = int(m.group(2)) if m.group(2) else a
        nums.extend(range(a, b + 1) if b >= a and b - a < 50 else [a])
    return list(dict.fromkeys(nums))


def _join(lines: list[str]) -> str:
    """Verbatim text of some lines: whitespace runs become one space; wrap hyphens joined."""
    out = ""
    for part in lines:
        part = part.replace("\u00a0", " ").replace("\f", " ").strip()
        if not part:
            continue
        if not out:
            out = part
        elif out.endswith("-") and len(out) > 1 and out[-2].islower() and part[:1].islower():
            out = out[:-1] + part
        elif out.endswith("-") and len(out) > 1 and out[-2].isalnum():
            out = out + part
        else:
            out = out + " " + part
    return re.sub(r"\s+", " ", out).strip()


@dataclass
class _Segment:
    kind: str  # "vraag" | "antwoord"
    number: int  # vraag: its number
    heading: str  # as printed
    answers: list[int]  # antwoord: the numbers it names (empty: the pending questions)
    body: list[str]


def _segments(text: str) -> list[_Segment]:
    masked = mask_furniture(text, markers=False)
    notes = footnote_lines(text)
    segs: list[_Segment] = []
    pos = 0
    for line in masked.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if start in notes:  # a footnote at the bottom of the page is not part of the answer
            continue
        q = _VRAAG.match(line)
        a = None if q or re.match(r"^\s*Antwoord\s+van\b", line, re.IGNORECASE) else _ANTWOORD.match(line)
        if q:
            segs.append(_Segment("vraag", int(q.group(1)), f"Vraag {q.group(1)}", [], [q.group(2)] if q.group(2) else []))
        elif a and (a.group(1) or not a.group(2) or re.match(r"^\s*Antwoord\s*:", line, re.IGNORECASE)):
            heading = re.sub(r"\s+", " ", (line[: a.start(2)] if a.group(2) else line).strip()).rstrip(":.) ")
            segs.append(_Segment("antwoord", 0, heading, question_numbers(a.group(1) or ""), [a.group(2)] if a.group(2) else []))
        elif segs:
            if _END.match(line):
                break
            segs[-1].body.append(line)
    return segs


def find_qa(text: str) -> list[QAItem]:
    """The numbered questions of an answer document, each with its answer (in question order)."""
    questions: dict[int, str] = {}
    pending: list[int] = []
    answered: dict[int, tuple[str, str]] = {}
    for seg in _segments(text):
        if seg.kind == "vraag":
            if seg.number not in questions:
                questions[seg.number] = _join(seg.body)
                pending.append(seg.number)
            continue
        answer = _join(seg.body)
        targets = [n for n in seg.answers if n in questions] if seg.answers else list(pending)
        for n in targets:
            if n not in answered and answer:
                answered[n] = (seg.heading, answer)
        pending = [n for n in pending if n not in targets]
    return [
        QAItem(number=n, question=questions[n], answer=answered[n][1], answer_locator=answered[n][0])
        for n in sorted(questions)
        if n in answered and questions[n]
    ]


def find_questions(text: str) -> dict[int, str]:
    """The numbered questions of a questions document ("Vraag 1" or a bare "1" line)."""
    masked = mask_furniture(text, markers=False)
    notes = footnote_lines(text)
    out: dict[int, list[str]] = {}
    current: int | None = None
    expected = 1
    pos = 0
    for line in masked.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if start in notes:
            continue
        q = _VRAAG.match(line)
        b = _BARE_NUMBER.match(line)
        if q and int(q.group(1)) == expected:
            current = expected
            out[current] = [q.group(2)] if q.group(2) else []
            expected += 1
        elif b and int(b.group(1)) == expected:
            current = expected
            out[current] = []
            expected += 1
        elif current is not None:
            if _END.match(line) or re.match(r"^\s*\d{1,2}\s+(?:Zie|Kamerstuk|https?://)", line):
                current = None
                continue
            out[current].append(line)
    return {n: _join(lines) for n, lines in out.items() if _join(lines)}
