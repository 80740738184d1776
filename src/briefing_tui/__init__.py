"""briefing-tui: prepare Dutch parliamentary debate briefings from a verified knowledge base."""

__version__ = "0.1.0"
