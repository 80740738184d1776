"""The due dates of commitments as an iCalendar file (RFC 5545), for `briefing debate --ics`.

One all-day event per commitment that is still to be kept and has a due range, on the last day
of the range; an overdue one says so in its summary. The description holds the range, the
phrase it was read from and the source's citation. Lines end in CRLF and are folded at 75
octets; text is escaped as the RFC asks.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from briefing_tui import citations
from briefing_tui.deadlines import describe_range, is_open
from briefing_tui.model import Corpus

PRODID = "-//briefing-tui//toezeggingen//NL"


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> list[str]:
    """Split a content line into chunks of at most 75 octets, never inside a UTF-8 character."""
    out: list[str] = []
    current = ""
    limit = 75
    for ch in line:
        if len((current + ch).encode("utf-8")) > limit:
            out.append(current)
            current = " " + ch
            limit = 75
        else:
            current += ch
    out.append(current)
    return out


def calendar(debate, corpus: Corpus, now: datetime | None = None) -> str:
    """The iCalendar text for the commitments of a `debate.Debate`."""
    stamp = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
             "X-WR-CALNAME:Toezeggingen"]
    for state in debate.commitments:
        c, due = state.commitment, state.due
        if not is_open(c) or due is None or due.none or not due.end:
            continue
        end = date.fromisoformat(due.end)
        summary = ("VERLOPEN: " if state.overdue else "") + f"Toezegging: {' '.join(c.text.split())}"
        src = corpus.sources.get(c.source)
        where = citations.cite_short(src, c.locator or None) if src else c.source
        description = (f"Termijn: {describe_range(due)} (‘{due.evidence}’).\nStatus: {c.status}.\n"
                       f"Bron: {where}.\nid: {c.id}")
        lines += [
            "BEGIN:VEVENT",
            f"UID:{c.id}@briefing-tui",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{end.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(end + timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{_escape(summary)}",
            f"DESCRIPTION:{_escape(description)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(chunk + "\r\n" for line in lines for chunk in _fold(line))
