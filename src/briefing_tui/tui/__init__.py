"""The Textual app. Imported only when the TUI runs (see `briefing_tui.commands.tui`)."""
