"""The user's settings: a small JSON file in the platform's user config folder.

The folder is `workspace.config_dir()`: `$BRIEFING_CONFIG`, else the platform's convention.
The file holds only what the app remembers between runs (the colour theme, the last open
briefing per briefings folder); it is written atomically, and a missing, unreadable or damaged
file means the defaults (it is never a reason not to start).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from briefing_tui.atomic import atomic_write_bytes
from briefing_tui.workspace import config_dir

FILE_NAME = "settings.json"


@dataclass
class Settings:
    theme: str | None = None
    # briefings folder (absolute) -> the briefing file last open there (absolute)
    last_briefing: dict[str, str] = field(default_factory=dict)
    path: Path = field(default_factory=lambda: config_dir() / FILE_NAME, compare=False)

    @classmethod
    def load(cls, path: Path | None = None) -> "Settings":
        path = path or config_dir() / FILE_NAME
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls(path=path)
        if not isinstance(data, dict):
            return cls(path=path)
        theme = data.get("theme")
        last = data.get("last_briefing")
        return cls(
            theme=theme if isinstance(theme, str) else None,
            last_briefing={str(k): str(v) for k, v in last.items()} if isinstance(last, dict) else {},
            path=path,
        )

    def save(self) -> None:
        """Write the file (atomically); an error is raised as OSError for the caller to report."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {"theme": self.theme, "last_briefing": self.last_briefing}
        atomic_write_bytes(self.path, (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))

    def last_briefing_in(self, folder: Path) -> Path | None:
        """The briefing last open in this briefings folder, if it is still there."""
        value = self.last_briefing.get(str(folder.resolve()))
        if not value:
            return None
        path = Path(value)
        return path if path.is_file() and path.parent.resolve() == folder.resolve() else None

    def remember_briefing(self, folder: Path, path: Path | None) -> None:
        key = str(folder.resolve())
        if path is None:
            self.last_briefing.pop(key, None)
        else:
            self.last_briefing[key] = str(path.resolve())
