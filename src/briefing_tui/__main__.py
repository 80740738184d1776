from briefing_tui.cli import main

raise SystemExit(main())
