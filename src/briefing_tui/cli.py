"""The `briefing` command line.

Each subcommand lives in `briefing_tui.commands.<name>` with `configure(parser)` and
`run(args) -> int`. Command modules import only argparse-level things at module import; the
heavy work (sqlite-utils, the index, Textual) is imported inside `run`, so `briefing search`
never imports Textual and the TUI's imports are paid only when the TUI runs.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

# name -> (module, one-line help). Order is the order in `briefing --help`.
# The help texts are Dutch, like everything the user reads (app, pack, messages).
COMMANDS: dict[str, tuple[str, str]] = {
    "index": ("briefing_tui.commands.index", "de zoekindex bijwerken en zeggen wat er veranderde"),
    "search": ("briefing_tui.commands.search", "zoeken in standpunten, passages, toezeggingen, moties en vragen"),
    "check": ("briefing_tui.commands.check", "alle content controleren: schema, id's, verwijzingen, datums, letterlijke citaten"),
    "new": ("briefing_tui.commands.new", "een briefingbestand aanmaken in briefings/"),
    "debate": ("briefing_tui.commands.debate", "het debatoverzicht: stukken op de agenda, leden, toezeggingen die (over)tijd zijn"),
    "export": ("briefing_tui.commands.export", "het briefingpakket schrijven (Markdown of Word)"),
    "import": ("briefing_tui.commands.import_", "een brondocument toevoegen (tekst, PDF, webpagina of officiële XML), met herkende metadata"),
    "source": ("briefing_tui.commands.source", "de metadata van een bron aanvullen uit de officiële publicatie"),
    "propose": ("briefing_tui.commands.propose", "standpunten voorstellen uit een bron, en de oudere lijnen die ze vervangen"),
}


def _add_common(parser: argparse.ArgumentParser, sub: bool = False) -> None:
    # On subcommands, SUPPRESS keeps an unset option from overwriting the top-level one.
    default = argparse.SUPPRESS if sub else None
    parser.add_argument(
        "--content",
        metavar="DIR",
        default=default,
        help="de content-map (standaard: $BRIEFING_CONTENT of ./content)",
    )
    parser.add_argument(
        "--briefings",
        metavar="DIR",
        default=default,
        help="de map met briefings (standaard: $BRIEFING_BRIEFINGS of ./briefings)",
    )


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    from briefing_tui.commands.argparse_nl import use_dutch

    use_dutch()
    parser = argparse.ArgumentParser(
        prog="briefing",
        description="Debatbriefings voorbereiden uit een gecontroleerde kennisbank. Zonder opdracht opent de app.",
    )
    _add_common(parser)
    sub = parser.add_subparsers(dest="command", metavar="OPDRACHT", title="opdrachten")
    for name, (module_name, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        _add_common(p, sub=True)
        if only is None or only == name:
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as exc:  # a command whose module is not installed
                if exc.name != module_name:
                    raise
                continue
            module.configure(p)
    return parser


def main(argv: list[str] | None = None) -> int:
    from briefing_tui.terminal import SafeStream

    argv = list(sys.argv[1:] if argv is None else argv)
    # Text from files never reaches the terminal raw: every command's output is escaped
    # (the TUI paints the terminal itself and gets the real streams back).
    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(sys.stdout), SafeStream(sys.stderr)
    try:
        return _main(argv, streams)
    finally:
        if isinstance(sys.stdout, SafeStream):
            sys.stdout = streams[0]
        if isinstance(sys.stderr, SafeStream):
            sys.stderr = streams[1]


def _main(argv: list[str], streams) -> int:
    # Configure only the command that runs: its module is the only one imported.
    chosen = next((a for a in argv if a in COMMANDS), None)
    parser = build_parser(only=chosen)
    args = parser.parse_args(argv)  # --content/--briefings default to None: Workspace.resolve reads the environment
    if args.command is None:
        from briefing_tui.commands.tui import run as run_tui

        sys.stdout, sys.stderr = streams

        return run_tui(args)
    module = importlib.import_module(COMMANDS[args.command][0])
    try:
        return int(module.run(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `briefing search ... | head`: the reader went away; not an error of ours.
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return 0
