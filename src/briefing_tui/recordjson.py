"""The model's records as plain JSON data, and back: for the derived data of the store (the
corpus snapshot) and of the index (each source's record, so a search needs nothing else).

    data = encode(source)                       # {"@": "Source", "f": [field values...]}
    record = Decoder().revive(data)             # a Source again (nested records too)
    json.loads(text, object_hook=Decoder().hook)  # the same, while parsing

Every record is a list of its field values in field order; a field annotated as a tuple comes
back as a tuple. The decoder stores equal short strings and tuples once (at a large size, most
of a corpus's memory is repeated ids, topics and locators).
"""

from __future__ import annotations

import dataclasses
import operator
from typing import Any

from briefing_tui import model

__all__ = ["Decoder", "encode"]

_CLASSES = {
    name: obj for name, obj in vars(model).items()
    if isinstance(obj, type) and dataclasses.is_dataclass(obj) and obj.__module__ == model.__name__
    and name not in ("Corpus", "Problem")
}


def _plan(cls: type) -> tuple[tuple[str, bool], ...]:
    """(field name, is a tuple) for every field of a record class, in order."""
    return tuple((f.name, str(f.type).startswith("tuple")) for f in dataclasses.fields(cls))


_PLANS = {name: _plan(cls) for name, cls in _CLASSES.items()}
# By exact type, for `encode`: the record's name and a getter of all its field values at once.
def _getter(names: list[str]):
    get = operator.attrgetter(*names)
    return get if len(names) > 1 else (lambda value: (get(value),))  # one name: not a tuple


_BY_TYPE = {cls: (name, _getter([f for f, _ in _PLANS[name]])) for name, cls in _CLASSES.items()}
_PLAIN = frozenset({str, int, float, bool, type(None)})


def encode(value: Any) -> Any:
    """Plain JSON data of a record (nested records, tuples, lists and dicts within it).
    Dispatched on the exact type: a build writes a million of these (see benchmarks/)."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    found = _BY_TYPE.get(kind)
    if found is not None:
        name, fields = found
        return {"@": name, "f": [v if type(v) in _PLAIN else encode(v) for v in fields(value)]}
    if isinstance(value, (tuple, list)):
        return [v if type(v) in _PLAIN else encode(v) for v in value]
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        raise TypeError(f"not a record of the model: {type(value).__name__}")
    return value


class Decoder:
    """JSON objects back into records; equal short strings and tuples stored once (at 100,000
    statements most of the corpus's memory is repeated ids, topics and locators)."""

    def __init__(self) -> None:
        self.shared: dict[Any, Any] = {}

    def hook(self, obj: dict) -> Any:
        name = obj.get("@")
        if name is None or "f" not in obj or len(obj) != 2:
            return obj
        cls = _CLASSES[name]
        plan = _PLANS[name]
        values = obj["f"]
        shared = self.shared
        args = []
        for (_, is_tuple), value in zip(plan, values):
            if is_tuple and isinstance(value, list):
                value = tuple(value)
                value = shared.setdefault(value, value) if all(isinstance(v, str) for v in value) else value
            elif isinstance(value, str) and len(value) < 300:
                value = shared.setdefault(value, value)
            elif type(value) is dict and not value:
                value = model.NO_ENTRIES  # a record's empty map (updates, inferred): one for all
            args.append(value)
        return cls(*args)

    def revive(self, value: Any) -> Any:
        """Records back from data that was parsed without `hook`."""
        if isinstance(value, list):
            return [self.revive(v) for v in value]
        if isinstance(value, dict):
            return self.hook({k: self.revive(v) for k, v in value.items()})
        return value
