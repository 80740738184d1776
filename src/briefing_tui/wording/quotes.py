"""Words for quotes."""

TEMPLATES: dict[str, str] = {}
