"""Widgets of the briefing app, one module each."""
