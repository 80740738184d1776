"""`briefing propose SOURCE_ID [--json] [--accept N] [--reject N]`: statements a source proposes,
and what they may replace (docs/proposals.md).

Without options it lists the proposals, one block each:

     3. standpunt · kabinet · Aanbeveling 2, p. 3 · score 10.5
        «Het kabinet neemt aanbeveling 2 volledig over en zal zich ...»
        regel      Het kabinet neemt aanbeveling 2 volledig over ...
        onderwerp  laws/verbod · domeinen laws · fora ccw
        vervangt   1. laws-verbod-2019 (2019-05-13, 0.6): onderwerp laws/verbod; het standpunt is gewijzigd («geen» vervalt)
                      oud   Het kabinet is (2019) geen voorstander van een verbod ...
                      wijz. [-... GEEN ...-] {+...+}

`--json` prints the list of candidates (n, kind, quote, line, locator, domains, forums, topic,
attribution, score, relations: [{id, kind, score, reason, ...}]). Listing reads the index and
the source's text, never the whole knowledge base; nor does accepting. `--accept N` writes proposal N into its
content file (with its first relation, or `--relation ID` / `--relation none`, written as
`supersedes`, or as `updates` with `--updates "what still holds"`, and `--line`, `--topic`,
`--domain`, `--forum` to edit it), `--reject N` remembers it in
`content/rejections.yaml`; both may be given more than once (edits only with one `--accept`).
Then the index is brought up to date from the files written alone (`KnowledgeBase.after_writing`).
Never imports Textual.
"""

from __future__ import annotations

import argparse
import json
import sys

KIND_NL = {"statement": "standpunt", "commitment": "toezegging"}


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", metavar="SOURCE_ID", help="de bron waaruit standpunten worden voorgesteld")
    parser.add_argument("--json", action="store_true", help="de voorstellen als JSON-lijst")
    parser.add_argument("--accept", type=int, action="append", default=[], metavar="N",
                        help="voorstel N aanvaarden en schrijven (herhaalbaar)")
    parser.add_argument("--reject", type=int, action="append", default=[], metavar="N",
                        help="voorstel N afwijzen: het wordt niet opnieuw voorgesteld (herhaalbaar)")
    parser.add_argument("--relation", action="append", default=None, metavar="ID",
                        help="met één --accept: het oudere standpunt dat het vervangt (herhaalbaar), of 'none'")
    parser.add_argument("--updates", "--blijft-gelden", dest="updates", metavar="TEKST",
                        help="met één --accept: het werkt het oudere standpunt (--relation, anders het voorgestelde) "
                             "bij in plaats van het te vervangen; TEKST zegt wat daarvan blijft gelden")
    parser.add_argument("--line", help="met één --accept: de regel in eigen woorden in plaats van de voorgestelde")
    parser.add_argument("--topic", help="met één --accept: het onderwerp (domein/vraag)")
    parser.add_argument("--domain", action="append", default=None, metavar="D", help="met één --accept: de domeinen (herhaalbaar)")
    parser.add_argument("--forum", action="append", default=None, metavar="F", help="met één --accept: de fora (herhaalbaar)")
    parser.add_argument("--note", help="met --reject: waarom (bewaard in rejections.yaml)")


def _wrap(text: str, indent: str, width: int = 100) -> str:
    import textwrap

    return textwrap.fill(text, width=width, initial_indent=indent, subsequent_indent=indent + "  ")


def _print_human(result, src, out) -> None:
    from briefing_tui.proposals.diff import render_diff
    from briefing_tui.wording import say

    out.write(say("propose.header", source=result.source, title=src.title if src else result.source,
                  count=len(result.candidates)) + "\n")
    for c in result.candidates:
        out.write(f"\n{c.n:>3}. {KIND_NL.get(c.kind, c.kind)} · {c.attribution} · {c.locator} · score {c.score}\n")
        out.write(_wrap(f"«{c.quote}»", "     ") + "\n")
        if c.line != c.quote:
            out.write(_wrap(f"regel      {c.line}", "     ") + "\n")
        areas = " · ".join(x for x in (f"domeinen {', '.join(c.domains)}" if c.domains else "",
                                       f"fora {', '.join(c.forums)}" if c.forums else "") if x)
        out.write(f"     onderwerp  {c.topic or '(geen voorstel)'}" + (f" · {areas}" if areas else "") + "\n")
        if not c.relations:
            out.write(f"     vervangt   {say('propose.nothing_close')}\n")
        for i, r in enumerate(c.relations, 1):
            what = "vervangt" if r.kind == "supersedes" else "werkt bij"
            out.write(_wrap(f"{'vervangt' if i == 1 else '':<10} {i}. {r.id} ({r.date or 'z.d.'}, {r.score}; {what}): "
                            f"{r.to_json()['reason']}", "     ") + "\n")
            out.write(_wrap(f"oud   {r.line}", "             ") + "\n")
            out.write(_wrap(f"wijz. {render_diff(list(r.diff))}", "             ") + "\n")
    skipped = [say(f"propose.skipped.{k}", n=n) for k, n in
               (("known", result.known), ("rejected", result.rejected), ("unverifiable", result.unverifiable)) if n]
    if skipped:
        out.write("\n" + say("propose.skipped", reasons="; ".join(skipped)) + "\n")


def _fail(code: str, status: int = 1, **data) -> int:
    from briefing_tui.wording import say

    print("briefing propose: " + say(code, **data), file=sys.stderr)
    return status


def run(args: argparse.Namespace) -> int:
    from briefing_tui.commands.knowledge import open_knowledge_base, workspace
    from briefing_tui.proposals import propose
    from briefing_tui.proposals.rejections import RejectionRefused, add_rejection, load_rejections, rejected_keys
    from briefing_tui.wording import say

    edits = any(v is not None for v in (args.relation, args.line, args.topic, args.domain, args.forum, args.updates))
    if edits and len(args.accept) != 1:
        return _fail("propose.edits_need_one_accept", 2)
    if args.updates is not None and len([r for r in args.relation or [] if r != "none"]) > 1:
        return _fail("propose.updates_needs_one_relation", 2)
    if set(args.accept) & set(args.reject):
        return _fail("propose.accept_and_reject", 2)
    ws = workspace(args)
    kb = open_knowledge_base(args, "propose")
    if kb is None:
        return 1
    with kb:
        _, problems = load_rejections(ws.content)
        for p in problems:
            print(f"waarschuwing: {p}", file=sys.stderr)
        # Listing reads the index and the source's text only; the whole knowledge base is
        # loaded for --accept alone (the writer needs every id).
        src = kb.source(args.source)
        try:
            result = propose(kb, args.source, rejected=rejected_keys(ws.content, args.source)) if src else None
        except KeyError:
            result = None
        if result is None:
            return _fail("propose.no_source", source=args.source, folder=ws.display_path(ws.content / "sources"))
        by_n = {c.n: c for c in result.candidates}
        wanted = [n for n in args.accept + args.reject if n not in by_n]
        if wanted:
            return _fail("propose.no_proposal", n=wanted[0], count=len(by_n))
        if not args.accept and not args.reject:
            if args.json:
                # One write: the stream passes every write through `terminal.printable`.
                sys.stdout.write(json.dumps([c.to_json() for c in result.candidates], ensure_ascii=False, indent=1) + "\n")
            else:
                _print_human(result, src, sys.stdout)
            return 0
        from briefing_tui.commands.knowledge import update_after_writing
        from briefing_tui.proposals.write import Choice, Refused, accept
        from briefing_tui.wording.index import report_text

        status = 0
        written: set[str] = set()
        pending: list = []  # files written since the index last read them
        accepts = list(dict.fromkeys(args.accept))  # a number given twice is written once
        for i, n in enumerate(accepts):
            cand = by_n[n]
            default = cand.default_relation()
            choice = Choice(relation=default.id if default else None)
            if edits:
                rel = args.relation
                choice = Choice(
                    relation=(None if rel and rel[0] == "none" else rel[0]) if rel is not None else choice.relation,
                    extra_relations=[r for r in (rel or [])[1:] if r != "none"],
                    line=args.line, topic=args.topic, domains=args.domain, forums=args.forum, holds=args.updates,
                )
            try:
                # Every check reads the index (ids, areas, the older statement): no corpus is loaded.
                path, new_id = accept(ws.content, kb, cand, choice, written)
            except Refused as exc:
                print(say("propose.not_written", n=n, reason=str(exc)), file=sys.stderr)
                status = 1
                continue
            written.add(new_id)
            pending.append(path)
            replaced = choice.superseded() if cand.kind == "statement" else []
            updated = choice.updated() if cand.kind == "statement" else None
            if updated:
                print(say("propose.written_updating", n=n, id=new_id, path=ws.display_path(path), updated=updated,
                          holds=" ".join((choice.holds or "").split()))
                      + (f", vervangt {', '.join(replaced)}" if replaced else ""))
            elif replaced:
                print(say("propose.written_replacing", n=n, id=new_id, path=ws.display_path(path),
                          replaced=", ".join(replaced)))
            else:
                print(say("propose.written", n=n, id=new_id, path=ws.display_path(path)))
            if i + 1 < len(accepts):
                # The next accept sees this one (its id, the line it replaced); without the index
                # it could not check that, so it is not written.
                if not update_after_writing(kb, pending, "propose"):
                    print(say("propose.rest_not_done", ns=", ".join(map(str, [*accepts[i + 1:], *args.reject]))),
                          file=sys.stderr)
                    return 1
                pending = []
        for n in args.reject:
            try:
                path = add_rejection(ws.content, args.source, by_n[n].quote, note=args.note)
            except RejectionRefused as exc:
                print(say("propose.not_rejected", n=n, reason=str(exc)), file=sys.stderr)
                status = 1
                continue
            pending.append(path)
            print(say("propose.rejected", n=n, path=ws.display_path(path)))
        # The index reads the files written (only those): accepting costs what it changes.
        if not update_after_writing(kb, pending, "propose"):
            return 1  # what was written stays: the next command brings the index up to date
        print(f"Index: {report_text(kb.report)}")
    return status
