"""The search filters the user has set (domain, forum, kind, period)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from briefing_tui.dates import format_nl
from briefing_tui.labels import KIND_FILTER_LABELS


@dataclass(frozen=True)
class SearchFilters:
    domain: str | None = None
    forum: str | None = None
    kind: str | None = None
    since: str | None = None  # partial ISO date
    until: str | None = None  # partial ISO date

    @property
    def active(self) -> bool:
        return any((self.domain, self.forum, self.kind, self.since, self.until))

    def describe(self, names: Mapping[str, str] | None = None, short: bool = False, labels: bool = True) -> str:
        """Dutch summary for the filter bar: the active filters first, by name, then the rest in
        one short clause, so that a narrow screen that cuts the line cuts only the inactive ones.

        `names` maps domain and forum ids to their names (the user never sees an id); `short` (a
        narrow screen) cuts a long name after a few words, so that every active filter shows."""
        names = names or {}
        active: list[str] = []
        idle: list[str] = []
        for label, value, shown in (
            ("domein", self.domain, names.get(self.domain or "", self.domain)),
            ("forum", self.forum, names.get(self.forum or "", self.forum)),
            ("soort", self.kind, KIND_FILTER_LABELS.get(self.kind or "", self.kind)),
            ("sinds", self.since, format_nl(self.since) if self.since else None),
            ("tot", self.until, format_nl(self.until) if self.until else None),
        ):
            if value and short and label in ("sinds", "tot"):
                continue  # the period is one part below
            if value:
                if short:
                    active.append(f"{label} {abbreviated(str(shown))}" if labels else abbreviated(str(shown)))
                else:
                    active.append(f"{label}: {shown}")
            else:
                idle.append(label)
        if short and self.since and self.until:
            active.append(f"{self.since}–{self.until}")
        elif short and (self.since or self.until):
            active.append(f"sinds {self.since}" if self.since else f"tot {self.until}")
        if not active:
            from briefing_tui.wording import say

            return say("app.filters.none")
        if short:  # a narrow screen: the active filters only, each short
            return " · ".join(active)
        rest = f" · {', '.join(idle)}: alle" if idle else ""
        return "Filter: " + " · ".join(active) + rest

def abbreviated(name: str, limit: int = 16) -> str:
    """'Wapenbeheersing en nieuwe massavernietigingswapens' -> 'Wapenbeheersing…' (whole words)."""
    if len(name) <= limit:
        return name
    cut = name[:limit].rsplit(" ", 1)[0] if " " in name[:limit] else name[:limit]
    return cut.rstrip(" ,;:-") + "…"
