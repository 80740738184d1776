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
    parser.add_argument("briefing", metavar="BRIEFING", help="de naam van een briefing (briefings/NAAM.yaml) of het pad van een briefingbestand")
    parser.add_argument("-o", "--output", metavar="PAD", help="waar het pakket heen gaat (een bestand of een map); standaard: naast de briefing")
    parser.add_argument("--format", choices=FORMATS, help="md (standaard) of docx; zonder deze optie volgt het uit de extensie van -o")
    parser.add_argument("--strict", action="store_true", help="weigeren (exitcode 1, niets geschreven) als de briefing een vervangen standpunt bevat")
    parser.add_argument("--force", action="store_true",
                        help="een bestaand bestand op -o PAD overschrijven, ook als het geen eerder pakket van deze briefing is "
                             "(nooit een symlink)")


def _say(code: str, **data) -> str:
    from briefing_tui.wording import say

    return say(code, **data)


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
                raise ValueError(_say("cli.export.format_mismatch", fmt=fmt, path=str(out), suffix=suffix))
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
        _err(_say("cli.export.no_briefing", path=str(source)))
        return 1
    try:
        fmt, output = _format_and_output(args, source)
    except ValueError as exc:
        _err(str(exc))
        return 1
    if output.resolve() == source.resolve():
        _err(_say("cli.export.over_itself", path=str(source)))
        return 1
    kb = open_knowledge_base(args, "export")
    if kb is None:
        return 1
    with kb:
        corpus = kb.corpus
    if corpus.errors():
        from briefing_tui.labels import plural

        print(_say("cli.export.content_problems", problems=plural(len(corpus.errors()), "probleem", "problemen")),
              file=sys.stderr)
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
            print(_say("cli.export.strict", where=f"{p.path}:{p.line}", message=p.message), file=sys.stderr)
    else:
        for p in warnings:
            print(str(p), file=sys.stderr)
    if errors or (args.strict and warnings):
        from briefing_tui.labels import plural

        what = (plural(len(errors), "fout", "fouten") if errors
                else plural(len(warnings), "waarschuwing", "waarschuwingen") + " met --strict")
        unchanged = _say("cli.export.unchanged", path=str(output)) if output.exists() else ""
        _err(_say("cli.export.refused", what=what, unchanged=unchanged))
        return 1

    try:
        write_pack(briefing, corpus, output, fmt, force=args.force)
    except TargetRefused as exc:
        _err(str(exc))
        return 1
    except ExportError as exc:
        for p in exc.problems:
            print(str(p), file=sys.stderr)
        _err(_say("cli.export.failed", reason=str(exc)))
        return 1
    except OSError as exc:
        reason = exc.strerror or str(exc)
        _err(_say("cli.export.cannot_write", path=str(output), reason=reason))
        return 1
    print(output)
    return 0


def _shown(path: Path) -> str:
    """A path as the user typed it relative to the current folder, when it is below it."""
    from briefing_tui.files import display_path

    return display_path(path, Path.cwd())
