"""Words for export."""

TEMPLATES: dict[str, str] = {}
