"""What the index knows of the files in `sources/`, for `briefing import`: which existing
sources could be the document being imported (the same text, the same official number), which
could be the questions of new answers (or the answers of new questions), and in which files an
id may already be defined. `importer/link.py` reads only the files named here, so an import costs
the same with 30 sources or 30,000 (`index/source_files.py` keeps the table this reads).

The index is brought up to date when the knowledge base opens (`KnowledgeBase.open`): a source
added, removed or renamed by hand since is seen; a large sources/ folder is judged by its mtime
(`index.quick_check`), so a text edited in place (not by rename) is seen once `briefing index`
has looked (docs/import.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing_tui.index import source_files
from briefing_tui.sourcekeys import aanhangsel_key, kamerstuk_key, kamervragen_key

if TYPE_CHECKING:
    from briefing_tui.store.knowledge_base import KnowledgeBase

__all__ = ["KnownSources"]


class KnownSources:
    """The importer's questions about existing sources (`importer.link.SourceLookup`), answered
    from the index of an open knowledge base. Every answer is a list of stems (`<stem>.yaml`,
    `<stem>.txt`) or content files; a stem whose YAML did not load is always included."""

    def __init__(self, kb: "KnowledgeBase") -> None:
        self._kb = kb

    def _ask(self, ask):
        return self._kb.read_index(ask)

    def with_text(self, fingerprint: str) -> list[str]:
        return self._ask(lambda conn: source_files.with_fingerprint(conn, fingerprint))

    def linkable(self, kind: str, kamervragen: str | None, surnames: set[str]) -> list[str]:
        return self._ask(lambda conn: [*source_files.with_kind(conn, kind, kamervragen, surnames),
                                       *source_files.unread(conn)])

    def same_numbers(self, kamerstuk: tuple[str, str] | None, aanhangsel: tuple[str, str] | None,
                     kamervragen: str | None) -> list[str]:
        keys = (kamerstuk_key(*kamerstuk) if kamerstuk else None, aanhangsel_key(*aanhangsel) if aanhangsel else None,
                kamervragen_key(kamervragen) if kamervragen else None)
        return self._ask(lambda conn: [*source_files.with_numbers(conn, *keys), *source_files.unread(conn)])

    def defining(self, record_id: str) -> list[str]:
        """Content files (relative paths) that may define `record_id`: those the index has it
        in, the YAML of sources that did not load, and, when the content had errors at the last
        update (a record with an error is not in the index), every YAML file outside sources/."""
        errors = self._kb.report.problems != 0

        def ask(conn) -> list[str]:
            files = source_files.defining_files(conn, record_id)
            files += [f"sources/{stem}.yaml" for stem in source_files.unread(conn)]
            if errors:
                files += source_files.yaml_outside_sources(conn)
            return sorted(set(files))

        return self._ask(ask)
