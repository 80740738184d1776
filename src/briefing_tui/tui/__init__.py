"""The Textual app. Imported only when the TUI runs (see `briefing_tui.commands.tui`).

Textual paints the screen on a fixed frame grid (60 per second by default), so a result that
arrives just after a frame waits up to 17 ms to be seen. Search-as-you-type is the heart of this
app; at 120 frames per second that wait is halved. Textual reads `TEXTUAL_FPS` when it is first
imported, which on the `briefing` command line is right after this package; a value the user set
is kept.
"""

import os

os.environ.setdefault("TEXTUAL_FPS", "120")
