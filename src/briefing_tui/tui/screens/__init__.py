"""Screens of the briefing app, one module (and one .tcss) each."""
