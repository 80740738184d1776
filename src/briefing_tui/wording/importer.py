"""Words for importer."""

TEMPLATES: dict[str, str] = {}
