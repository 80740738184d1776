"""Words for the index: what an update did (`IndexReport`), and why it was rebuilt."""

from __future__ import annotations

from typing import Any

TEMPLATES = {
    "index.reason.missing": "nog geen index",
    "index.reason.not_ours": "het bestand is geen index van dit programma",
    "index.reason.no_version": "de index heeft geen versie",
    "index.reason.old_version": "index van een oudere versie",
    "index.reason.locked": "index vergrendeld door een ander proces",
    "index.reason.damaged": "indexbestand beschadigd",
    "index.reason.unusable": "index onbruikbaar",
    "index.reason.asked": "gevraagd",
    "index.cannot_write": "de index kan niet geschreven worden in {path}: {reason}",
    "index.content_problems": ("waarschuwing: {n} fout(en) bij het lezen van de inhoud; de rest is geïndexeerd "
                               "(`briefing check` noemt ze, met de controle van citaten en verwijzingen erbij)"),
}

_COUNTS = (("statement", "standpunt", "standpunten"), ("passage", "passage", "passages"),
           ("commitment", "toezegging", "toezeggingen"), ("motion", "motie", "moties"), ("qa", "vraag", "vragen"))


def _n(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}".replace(",", ".")


def totals(counts: dict[str, int]) -> str:
    parts = [_n(counts.get("sources", 0), "bron", "bronnen")]
    for kind, one, many in _COUNTS:
        if counts.get(kind) or kind in ("statement", "passage"):
            parts.append(_n(counts.get(kind, 0), one, many))
    return ", ".join(parts)


def report_text(report: Any) -> str:
    """One line: what an index update did (`briefing_tui.index.IndexReport`)."""
    ms = f"{report.seconds * 1000:.0f} ms" if report.seconds < 10 else f"{report.seconds:.1f} s".replace(".", ",")
    if report.rebuilt:
        why = f" ({TEMPLATES.get('index.reason.' + report.reason, report.reason)})" if report.reason else ""
        return f"index opnieuw opgebouwd{why}: {totals(report.counts)}; {_n(report.records, 'record', 'records')} geïndexeerd in {ms}"
    n = report.files_changed
    if n == 0:
        return f"index is bijgewerkt ({totals(report.counts)}; 0 bestanden gewijzigd) in {ms}"
    what = []
    for label, items in (("nieuw", report.added), ("gewijzigd", report.changed), ("verwijderd", report.removed)):
        if items:
            shown = ", ".join(items[:3]) + (f" en nog {len(items) - 3}" if len(items) > 3 else "")
            what.append(f"{label}: {shown}")
    return (f"{_n(n, 'bestand', 'bestanden')} opnieuw geïndexeerd ({'; '.join(what)}): "
            f"{_n(report.records, 'record', 'records')} geschreven; nu {totals(report.counts)}; in {ms}")
