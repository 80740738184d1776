"""`python -m briefing_tui.store CONTENT BRIEFINGS CACHE`: the child-process parse (`prepare`)."""

import sys

from briefing_tui.store.knowledge_base import child_main

raise SystemExit(child_main(sys.argv[1:]))
