"""The search filters the user has set (domain, forum, kind, period)."""

from __future__ import annotations

from dataclasses import dataclass

from briefing_tui.dates import format_nl
from briefing_tui.tui.labels import KIND_FILTER_LABELS


@dataclass(frozen=True)
class SearchFilters:
    domain: str | None = None
    forum: str | None = None
    kind: str | None = None
    since: str | None = None  # partial ISO date

    @property
    def active(self) -> bool:
        return any((self.domain, self.forum, self.kind, self.since))

    def describe(self) -> str:
        """Dutch summary for the filter bar."""
        parts = [
            f"domein: {self.domain or 'alle'}",
            f"forum: {self.forum or 'alle'}",
            f"soort: {KIND_FILTER_LABELS.get(self.kind, self.kind) if self.kind else 'alle'}",
            f"sinds: {format_nl(self.since) if self.since else '—'}",
        ]
        return "  ·  ".join(parts)
