"""The words users read: Dutch text for the codes that the core reports.

The core says what happened as a code with plain data (`Problem(path, line, code, data)`, or a
code for a notice); the CLI and the app word it through this package, so both surfaces say the
same thing in the same words. Templates live in one module per area, each a dict `TEMPLATES`
of code -> `str.format` template with named fields; every module of this package is read (a new
area adds a module, nothing else), and a code defined in two modules is an error at import.

    describe(problem)                 # "bron 'x' bestaat niet"
    say("index.up_to_date", n=3)      # a notice that is not a problem

An unknown code is shown as the code with its data, never an exception: a message must never
make a surface crash.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any, Protocol

__all__ = ["TEMPLATES", "describe", "say", "quoted", "number"]


class _HasCode(Protocol):
    @property
    def code(self) -> str: ...
    @property
    def data(self) -> dict[str, Any]: ...


TEMPLATES: dict[str, str] = {}
for _info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
    _templates = importlib.import_module(f"{__name__}.{_info.name}").TEMPLATES
    _dupes = TEMPLATES.keys() & _templates.keys()
    if _dupes:
        raise RuntimeError(f"message codes defined twice: {sorted(_dupes)}")
    TEMPLATES.update(_templates)


class _Fields(dict):
    """Format fields: a missing one shows as '?' instead of raising."""

    def __missing__(self, key: str) -> str:
        return "?"


def say(code: str, /, **data: Any) -> str:
    """The Dutch text of `code` with `data` filled in."""
    template = TEMPLATES.get(code)
    if template is None:
        shown = ", ".join(f"{k}={v!r}" for k, v in data.items())
        return f"{code} ({shown})" if shown else code
    fields = _Fields({k: _shown(k, v) for k, v in data.items()})
    try:
        return template.format_map(fields)
    except (ValueError, IndexError, AttributeError, TypeError):
        return f"{code} ({data!r})"


# Conventions for data fields: `what` names a kind of file and is worded through NOUNS; `size`
# and `limit` are byte counts; lists become Dutch prose ('a', 'b' en 'c').
NOUNS = {
    "yaml": "YAML-bestand", "text": "tekstbestand", "file": "bestand", "briefing": "briefing",
    "import": "bestand", "pack": "pakket",
}


# Record kinds as the code names them ("statement") and as a reader does.
KIND_NOUNS = {
    "source": "bron", "statement": "standpunt", "domain": "domein", "forum": "forum", "commitment": "toezegging",
    "motion": "motie", "qa": "vraag", "passage": "passage", "briefing": "briefing",
}


def bytes_shown(n: int) -> str:
    mb = n / (1024 * 1024)
    return f"{mb:g} MB" if mb >= 1 and n % (1024 * 1024) == 0 else f"{number(n)} bytes"


def _shown(key: str, value: Any) -> Any:
    if isinstance(value, (list, tuple, set, frozenset)):
        return quoted(sorted(value) if isinstance(value, (set, frozenset)) else value)
    if key == "what" and isinstance(value, str):
        return NOUNS.get(value, value)
    if key == "kind" and isinstance(value, str):
        return KIND_NOUNS.get(value, value)
    if key == "hint":
        return f" (bedoelt u '{value}'?)" if value else ""
    if key in ("size", "limit") and isinstance(value, int):
        return bytes_shown(value)
    return value


def describe(problem: _HasCode) -> str:
    """The Dutch text of a problem."""
    return say(problem.code, **(problem.data or {}))


def quoted(values, limit: int = 8) -> str:
    """'a', 'b' en 'c' — a list of values as Dutch prose, cut after `limit`."""
    items = [f"'{v}'" for v in values]
    if len(items) > limit:
        items = items[:limit] + [f"nog {len(items) - limit}"]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def number(n: int) -> str:
    """1.234 — a whole number the Dutch way."""
    return f"{n:,}".replace(",", ".")
