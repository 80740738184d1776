"""The briefing that is open in the app, and where its saving stands.

The briefing model, loading and saving are the core's (`briefing_tui.briefing`); this only
keeps count of edits so that a save that finished after a newer edit does not mark the
briefing as saved, and remembers a conflict until the user has decided what to do.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from briefing_tui.briefing import Briefing
    from briefing_tui.model import Problem


# What an undo step restores: everything the editor and the details form change.
UNDO_FIELDS = ("title", "kind", "committee", "date", "members", "agenda", "sections")
UNDO_LIMIT = 100


@dataclass
class UndoStep:
    what: str  # Dutch, for the message: "Verwijderd: …"
    state: dict[str, Any]
    where: Any = None  # the editor's selection before the edit


@dataclass
class BriefingSession:
    briefing: "Briefing"
    problems: list["Problem"] = field(default_factory=list)
    checked: bool = False  # references checked against the corpus (it may load after the briefing)
    revision: int = 0  # bumped on every edit
    saved_revision: int = 0  # the revision that is on disk
    saving: bool = False
    conflict: str | None = None  # set when the file changed on disk behind our back
    error: str | None = None  # the last save error (not a conflict)
    undo_steps: list[UndoStep] = field(default_factory=list)

    @property
    def unsaved(self) -> bool:
        return self.revision != self.saved_revision

    def touch(self) -> None:
        self.revision += 1

    def remember(self, what: str, where: Any = None) -> None:
        """Keep the briefing as it is now, before an edit, so that ctrl+z can bring it back."""
        state = {name: copy.deepcopy(getattr(self.briefing, name)) for name in UNDO_FIELDS}
        self.undo_steps.append(UndoStep(what, state, where))
        del self.undo_steps[:-UNDO_LIMIT]

    def undo(self) -> UndoStep | None:
        """Put back the state before the last edit; None when there is nothing to undo."""
        if not self.undo_steps:
            return None
        step = self.undo_steps.pop()
        for name, value in step.state.items():
            setattr(self.briefing, name, value)
        return step

    def snapshot(self) -> tuple["Briefing", int]:
        """A copy to save off the UI thread, with the revision it represents."""
        return copy.deepcopy(self.briefing), self.revision

    def status(self) -> str:
        """One short Dutch line for the status bar."""
        if self.conflict:
            return "NIET OPGESLAGEN: bestand op schijf gewijzigd"
        if self.error:
            return "NIET OPGESLAGEN: opslaan mislukt (zie melding)"
        if self.saving:
            return "bezig met opslaan…"
        if self.unsaved:
            return "wijzigingen nog niet opgeslagen"
        return "opgeslagen"
