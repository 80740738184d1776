"""`briefing search QUERY [--domain D] [--forum F] [--kind K] [--since DATE] [--until DATE]
[--limit N] [--json] [--explain]`: ranked hits from statements, passages, commitments, motions,
questions.

Human output, one block per hit:

     1. Standpunt · 2022 (afgeleid) · Kabinetsreactie '...', 2022 (afgeleid), Aanbeveling 2
        Het kabinet streeft actief naar een verbod op volledig autonome wapensystemen.
        … zal zich in internationaal verband inspannen voor een **verbod** …   [laws-verbod-2022]

A superseded statement says so in its first line: `VERVANGEN door <id>`; a key position says
`kernpositie`, a hit that matches only some of the words `gedeeltelijk`; a hit that stands for
passages or answers quoting the same sentence says `ook in: …`. Above the hits, what the query
was read as: `gezocht op: …` (corrected or split words), `filters uit de zoekvraag: …` (kinds,
statuses, periods), `ook gedeeltelijke treffers`. `--explain` adds a `waarom:` line per hit. The last line tells how
many hits there are in all, and when more were found than shown. Everything is worded in Dutch,
as in the app; the id is what the briefing files use to name a record. `--json` prints a JSON array of
hits (the contract in docs/design.md); a capped result is then reported on stderr.

`--domain`, `--forum` and `--kind` may be given more than once (any of them matches). The query
follows the search semantics of `briefing_tui.search.query`. Content with problems is searched as
far as it loads, with a one-line warning on stderr. Never imports Textual.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import textwrap

KINDS = ("statement", "passage", "commitment", "motion", "qa")


def _date(value: str) -> str:
    from briefing_tui.dates import is_valid

    if not is_valid(value):
        from briefing_tui.wording import say

        raise argparse.ArgumentTypeError(say("cli.date.invalid", value=value))
    return value


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        from briefing_tui.wording import say

        raise argparse.ArgumentTypeError(say("cli.number.invalid", value=value)) from None
    if n < 1:
        from briefing_tui.wording import say

        raise argparse.ArgumentTypeError(say("cli.number.too_small"))
    return n


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", nargs="*", metavar="ZOEKTERM", help="waar u naar zoekt; aanhalingstekens maken een woordgroep")
    parser.add_argument("--domain", action="append", default=[], metavar="D", help="alleen records van dit domein (mag vaker)")
    parser.add_argument("--forum", action="append", default=[], metavar="F", help="alleen records van dit forum (mag vaker)")
    parser.add_argument("--kind", action="append", default=[], choices=KINDS, metavar="K",
                        help=f"alleen deze soort: {', '.join(KINDS)} (mag vaker)")
    parser.add_argument("--since", type=_date, metavar="DATUM", help="gedateerd op of na DATUM (2021, 2021-03, 2021-03-22)")
    parser.add_argument("--until", type=_date, metavar="DATUM", help="gedateerd op of voor DATUM (2022, 2022-06, 2022-06-30)")
    parser.add_argument("--limit", type=_positive, default=20, metavar="N", help="hooguit N resultaten tonen (standaard 20)")
    parser.add_argument("--json", action="store_true", help="een JSON-lijst van de resultaten schrijven")
    parser.add_argument("--explain", action="store_true",
                        help="zeggen waarom elk resultaat staat waar het staat (gevonden woorden, correcties, "
                             "voorrang); met --json als het veld 'why'")


def _when(hit) -> str:
    if not hit.date:
        return "zonder datum"
    inferred = hit.source is not None and "date" in hit.source.inferred and hit.date == hit.source.date
    return f"{hit.date} (afgeleid)" if inferred else hit.date


def render(result, width: int, explain: bool = False) -> str:
    from briefing_tui.wording import say
    from briefing_tui.wording.search import also_line, query_lines, why_line

    lines: list[str] = list(query_lines(result))
    body_width = max(40, width - 7)
    from briefing_tui.labels import kind_label

    for n, hit in enumerate(result.hits, 1):
        head = [kind_label(hit.kind), _when(hit)]
        if hit.key:
            head.append(say("search.key"))
        if hit.partial:
            head.append(say("search.partial_hit"))
        if hit.source is not None and hit.source.citation:
            head.append(hit.source.citation)
        elif hit.locator:
            head.append(hit.locator)
        if not hit.current:
            head.append(f"VERVANGEN door {hit.superseded_by}" if hit.superseded_by else "VERVANGEN")
        lines.append(f"{n:>3}. " + " · ".join(head))
        plain = hit.snippet.replace("**", "").strip("… ")
        if hit.kind != "passage" and plain not in hit.text:
            # The snippet is from the quote (or answer): show the position line above it.
            lines.extend(textwrap.wrap(hit.text, body_width, initial_indent="     ", subsequent_indent="     ") or ["     "])
        snippet = f"{hit.snippet or hit.text}   [{hit.id}]"
        lines.extend(textwrap.wrap(snippet, body_width, initial_indent="     ", subsequent_indent="     "))
        if hit.also:
            lines.extend(textwrap.wrap(also_line(hit), body_width, initial_indent="     ", subsequent_indent="     "))
        if explain:
            lines.extend(textwrap.wrap(why_line(hit), body_width, initial_indent="     ", subsequent_indent="       "))
    shown, total = len(result.hits), result.total
    from briefing_tui.wording import number, say

    if total == 0:
        lines.append(say("cli.search.none"))
    elif result.capped:
        lines.append(say("cli.search.capped", shown=shown, total=number(total)))
    else:
        lines.append("1 resultaat" if total == 1 else f"{number(total)} resultaten")
    if result.ranked_among:
        lines.append(say("cli.search.broad", ranked=number(result.ranked_among)))
    return "\n".join(lines)


def _area_ids(scan, folder: str) -> set[str]:
    """The ids of the domains (or forums): a domain's id is its file's name."""
    return {name.rsplit(".", 1)[0] for name in scan.in_folder(folder)}


def run(args: argparse.Namespace) -> int:
    from briefing_tui.commands.index import problems_warning
    from briefing_tui.commands.knowledge import open_knowledge_base, workspace
    from briefing_tui.store import SearchQuery
    from briefing_tui.wording.search import query_lines

    from briefing_tui.files import scan_content

    for option, folder, noun, plural in (("--domain", "domains", "domein", "domeinen"), ("--forum", "forums", "forum", "fora")):
        given = getattr(args, option.lstrip("-"))
        if not given:
            continue
        known = _area_ids(scan_content(workspace(args).content), folder)
        unknown = [i for i in dict.fromkeys(given) if i not in known]
        if unknown:
            listed = ", ".join(sorted(known)) if known else "geen"
            print(f"briefing search: {option} {unknown[0]}: onbekend {noun}; de {plural} zijn: {listed}", file=sys.stderr)
            return 1
    query = SearchQuery(
        text=" ".join(args.query),
        domains=tuple(args.domain),
        forums=tuple(args.forum),
        kinds=tuple(dict.fromkeys(args.kind)),
        since=args.since,
        until=args.until,
        limit=args.limit,
        # The JSON is the hits; their exact total is only a note on stderr, and counting every
        # match of a broad query costs more than the search (280 ms at a million passages).
        exact_total=not args.json,
    )
    kb = open_knowledge_base(args, "search")
    if kb is None:
        return 1
    with kb:
        warning = problems_warning(kb.content_errors())
        if warning:
            print(warning, file=sys.stderr)
        result = kb.search(query)
    if args.json:
        json.dump([h.to_json(explain=args.explain) for h in result.hits], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        for line in query_lines(result):
            print(f"briefing search: {line}", file=sys.stderr)
        if result.capped:
            from briefing_tui.wording import number, say

            code = "cli.search.capped" if result.total_exact else "cli.search.capped_more"
            print("briefing search: " + say(code, shown=len(result.hits), total=number(result.total)), file=sys.stderr)
    else:
        print(render(result, shutil.get_terminal_size((100, 24)).columns, explain=args.explain))
    return 0
