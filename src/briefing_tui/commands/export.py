"""`briefing export BRIEFING`: write the briefing pack (Markdown or Word).

By default the pack goes beside the briefing (`briefings/<name>.md` or `.docx`); anywhere else
only when asked for with `-o`. The pack is written atomically: when anything is wrong (an id
that is not in the knowledge base, a file that cannot be written, a superseded statement under
`--strict`) the command exits 1 and the earlier export is untouched.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

FORMATS = ("md", "docx")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("briefing", metavar="BRIEFING", help="a briefing name (briefings/NAME.yaml) or the path of a briefing file")
    parser.add_argument("-o", "--output", metavar="PATH", help="where to write the pack (a file, or a folder); default: beside the briefing")
    parser.add_argument("--format", choices=FORMATS, help="md (default) or docx; inferred from -o's extension when not given")
    parser.add_argument("--strict", action="store_true", help="refuse (exit 1, nothing written) when the briefing holds a superseded statement")
    parser.add_argument("--force", action="store_true", help="overwrite an existing file at -o PATH even when it is not an earlier pack of this briefing (never a symlink)")


def _err(message: str) -> None:
    print(f"briefing export: {message}", file=sys.stderr)


def briefing_path(arg: str, briefings: Path) -> Path:
    """A name means briefings/<name>.yaml; anything that looks like a path is taken as one."""
    p = Path(arg)
    if p.suffix in (".yaml", ".yml") or len(p.parts) > 1 or p.is_file():
        return p
    return briefings / f"{arg}.yaml"


def _format_and_output(args: argparse.Namespace, source: Path) -> tuple[str, Path]:
    fmt = args.format
    if args.output:
        out = Path(args.output)
        if out.is_dir():
            fmt = fmt or "md"
            return fmt, out / f"{source.stem}.{fmt}"
        suffix = out.suffix.lower().lstrip(".")
        if suffix in FORMATS:
            if fmt and fmt != suffix:
                raise ValueError(f"--format {fmt} does not match the output file {out} (.{suffix})")
            fmt = suffix
        return fmt or "md", out
    fmt = fmt or "md"
    return fmt, source.with_suffix(f".{fmt}")


def run(args: argparse.Namespace) -> int:
    from briefing_tui.briefing import BriefingError, load_briefing
    from briefing_tui.commands.knowledge import open_knowledge_base, workspace
    from briefing_tui.export import ExportError, TargetRefused, write_pack

    ws = workspace(args)
    source = briefing_path(args.briefing, ws.briefings)
    if not source.is_file():
        _err(f"geen briefing {source} (maak er een met `briefing new NAAM`)")
        return 1
    try:
        fmt, output = _format_and_output(args, source)
    except ValueError as exc:
        _err(str(exc))
        return 1
    if output.resolve() == source.resolve():
        _err(f"het pakket wordt niet over de briefing zelf geschreven ({source})")
        return 1
    kb = open_knowledge_base(args, "export")
    if kb is None:
        return 1
    with kb:
        corpus = kb.corpus
    if corpus.errors():
        print(
            f"waarschuwing: de inhoud heeft {len(corpus.errors())} fout(en); zie `briefing check` "
            "(het pakket wordt gemaakt van wat gelezen kon worden)",
            file=sys.stderr,
        )
    try:
        briefing, problems = load_briefing(source, corpus, display=_shown(source))
    except BriefingError as exc:
        _err(str(exc))
        return 1

    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity != "error"]
    for p in errors:
        print(str(p), file=sys.stderr)
    if args.strict:
        for p in warnings:
            print(f"{p.path}:{p.line}: fout (--strict): {p.message}", file=sys.stderr)
    else:
        for p in warnings:
            print(str(p), file=sys.stderr)
    if errors or (args.strict and warnings):
        what = f"{len(errors)} fout(en)" if errors else f"{len(warnings)} waarschuwing(en) onder --strict"
        _err(f"{what}; niets geschreven" + (f" (het eerdere {output} is ongewijzigd)" if output.exists() else ""))
        return 1

    try:
        write_pack(briefing, corpus, output, fmt, force=args.force)
    except TargetRefused as exc:
        _err(str(exc))
        return 1
    except ExportError as exc:
        for p in exc.problems:
            print(str(p), file=sys.stderr)
        _err(f"{exc}; niets geschreven")
        return 1
    except OSError as exc:
        reason = exc.strerror or str(exc)
        _err(f"kan {output} niet schrijven: {reason}; niets geschreven")
        return 1
    print(output)
    return 0


def _shown(path: Path) -> str:
    """A path as the user typed it relative to the current folder, when it is below it."""
    from briefing_tui.files import display_path

    return display_path(path, Path.cwd())
