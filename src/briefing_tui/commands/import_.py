"""`briefing import FILE`: add a source document (text, PDF, or an official publication's XML
and metadata.xml: a file, a folder or a zip) with metadata detected from it.

Prints each field with "gedetecteerd" (detected) and the evidence, or "opgegeven" (given on the
command line), what could not be found, and what was written; then brings the search index up
to date so that `briefing search` finds the document at once. `--dry-run` shows all of that and
writes nothing. Bad input (empty, binary, encrypted, image-only or damaged PDF, a text that is
already a source, an id that exists, malformed XML, XML of another kind, a zip with other files)
ends with a message on stderr, exit 1, nothing written. `--update` brings an existing source's
metadata up to date with official data (its text stays as it is).
"""

from __future__ import annotations

import argparse
import sys

from briefing_tui.importer.update import FIELD_LABELS

LABELS = {
    **FIELD_LABELS,
    "id": "id",
    "url": "link",
    "members.party": "partij",
    "request": "verzoek",
}


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", metavar="BESTAND",
        help="het document: platte tekst, een PDF met een tekstlaag, of officiële XML (+ metadata.xml; een map of zip met beide)",
    )
    parser.add_argument("--id", dest="source_id", metavar="ID",
                        help="id van de bron (standaard: het id van officielebekendmakingen of datum en titel)")
    parser.add_argument("--kind", metavar="SOORT", help="kamerbrief, antwoorden, kabinetsreactie, motie, vragen, verslag, advies, other")
    parser.add_argument("--date", metavar="DATUM", help="datum als 2021-03-22, 2021-03 of 2021")
    parser.add_argument("--title", metavar="TITEL", help="titel van het document")
    parser.add_argument("--dossier", metavar="N", help="dossiernummer van het Kamerstuk (met --number), bijv. 33694")
    parser.add_argument("--number", metavar="N", help="ondernummer van het Kamerstuk (met --dossier), bijv. 43")
    parser.add_argument("--dry-run", action="store_true", help="tonen wat herkend en geschreven zou worden; niets schrijven")
    parser.add_argument(
        "--update", action="store_true",
        help="de publicatie is al een bron: de metadata bijwerken met de officiële gegevens (de tekst blijft)",
    )


def _value(name: str, value) -> str:
    if value is None:
        return ""
    if name in ("ministers", "members"):
        parts = []
        for p in value:
            extra = p.get("role") or p.get("party")
            parts.append(f"{p['name']} ({extra})" if extra else p["name"])
        return "; ".join(parts)
    if name == "kamerstuk":
        from briefing_tui.citations import format_dossier

        year = f" (vergaderjaar {value['year']})" if value.get("year") else ""
        return f"{format_dossier(value['dossier'])}, nr. {value['number']}{year}"
    if name == "aanhangsel":
        return f"{value.get('year', '?')}, nr. {value['number']}"
    return str(value)


def _report(plan, out) -> None:
    from briefing_tui.importer.write import FIELDS

    ex = plan.extracted
    pages = f"{ex.pages} pagina" + ("" if ex.pages == 1 else "'s")
    how = {"pdf": f"PDF, {pages}", "xml": "officiële XML: " + ", ".join(ex.parts), "html": "webpagina"}.get(ex.format, f"tekst, {ex.encoding}")
    det = plan.detection
    meta = plan.metadata
    count = f"{len(plan.text):,}".replace(",", ".")
    print(f"Gelezen: {count} tekens ({how})", file=out)
    for note in ex.notes:
        print(f"  let op: {note}", file=out)
    print("", file=out)
    width = max(len(v) for v in LABELS.values())
    for name in FIELDS:
        if name not in meta:
            continue
        label = LABELS[name].ljust(width)
        value = _value(name, meta[name])
        if name in plan.given:
            how = f"opgegeven ({plan.given[name]})"
        elif name in meta.get("inferred", {}):
            how = f"afgeleid (inferred): {meta['inferred'][name]}"
        elif name in meta.get("detected", {}):
            how = f"gedetecteerd (detected): {meta['detected'][name]}"
        else:
            how = ""
        print(f"  {label}  {value}", file=out)
        if how:
            print(f"  {' ' * width}    {how}", file=out)
    id_how = f"opgegeven ({plan.given['id']})" if "id" in plan.given else (
        "officielebekendmakingen-id" if meta.get("url") else "datum + titel (geen officieel nummer in de tekst)"
    )
    print(f"  {LABELS['id'].ljust(width)}  {plan.source_id}", file=out)
    print(f"  {' ' * width}    {id_how}", file=out)
    if meta.get("url"):
        print(f"  {LABELS['url'].ljust(width)}  {meta['url']}", file=out)
    missing = {k: v for k, v in det.missing.items() if k not in plan.given and not (k in meta and k not in meta.get("inferred", {}))}
    if missing:
        print("\nNiet gevonden in de tekst:", file=out)
        for name, why in missing.items():
            print(f"  {LABELS.get(name, name).ljust(width)}  {why}", file=out)
    if plan.qa_items:
        first, last = plan.qa_items[0]["id"], plan.qa_items[-1]["id"]
        span = first if first == last else f"{first} … {last}"
        print(f"\nVragen en antwoorden: {len(plan.qa_items)} ({span}) naar qa.yaml", file=out)
    elif det.kind == "antwoorden":
        print("\nVragen en antwoorden: geen genummerde vragen ('Vraag 1' ... 'Antwoord') gevonden", file=out)
    for link in plan.links:
        print(f"Gekoppeld: {link.key_here}: {link.other} ({link.evidence})", file=out)
    for note in plan.notes:
        print(f"Let op: {note}", file=out)


def run(args: argparse.Namespace) -> int:
    from briefing_tui.importer.extract import ImportRefused
    from briefing_tui.importer.write import plan_import, undo_import, write_import
    from briefing_tui.workspace import Workspace

    ws = Workspace.resolve(content=getattr(args, "content", None), briefings=getattr(args, "briefings", None))
    if not ws.content.is_dir():
        print(f"briefing import: geen content-map gevonden op {ws.content} (geef --content DIR of zet BRIEFING_CONTENT)", file=sys.stderr)
        return 2
    try:
        from briefing_tui.importer.opendata import read_open_data

        data = read_open_data(args.file)
    except ImportRefused as exc:
        print(f"briefing import: {exc}", file=sys.stderr)
        print("briefing import: er is niets geschreven", file=sys.stderr)
        return 1
    if data is not None:
        return _run_open_data(ws, data, args)
    index = _Index(args)
    try:
        plan = plan_import(
            args.file,
            ws.content,
            source_id=args.source_id,
            kind=args.kind,
            date=args.date,
            title=args.title,
            dossier=args.dossier,
            number=args.number,
            update=args.update,
            known=index,
        )
    except (ImportRefused, _NoIndex) as exc:
        if isinstance(exc, ImportRefused):
            print(f"briefing import: {exc}", file=sys.stderr)
        print("briefing import: er is niets geschreven", file=sys.stderr)
        index.close()
        return 1
    _report(plan, sys.stdout)
    if args.dry_run:
        index.close()
        print("\n--dry-run: niets geschreven. Zou schrijven:", file=sys.stdout)
        for path in plan.files:
            print(f"  {ws.display_path(path)}", file=sys.stdout)
        return 0
    from briefing_tui.commands.knowledge import update_after_writing
    from briefing_tui.wording.index import report_text

    # The index must be writable before anything is written: an import is all or nothing.
    try:
        kb = index.open()
    except _NoIndex:
        print("briefing import: er is niets geschreven", file=sys.stderr)
        return 1
    with kb:
        written = _written(lambda: write_import(plan))
        if written is None:
            return 1
        print("\nBijgewerkt:" if plan.updated else "\nGeschreven:", file=sys.stdout)
        for path in written if not plan.updated else [p for p in written if p.suffix == ".yaml"]:
            print(f"  {ws.display_path(path)}", file=sys.stdout)
        if not update_after_writing(kb, written, "import"):  # the index cannot be written after all: all or nothing
            left = undo_import(plan)
            print("briefing import: de import is teruggedraaid", file=sys.stderr)
            for path in left:
                print(f"briefing import: {ws.display_path(path)} kon niet worden teruggezet (intussen gewijzigd?)",
                      file=sys.stderr)
            return 1
        print(f"\nIndex: {report_text(kb.report)}", file=sys.stdout)
    if plan.metadata.get("kind") not in ("motie", "vragen"):
        from briefing_tui.wording import say

        print("\n" + say("propose.after_import", source=plan.source_id), file=sys.stdout)
    return 0


class _NoIndex(Exception):
    """The knowledge base could not be opened (`open_knowledge_base` has said why)."""


class _Index:
    """The knowledge base, opened when the plan first asks about existing sources (so bad input
    is refused before an index is built), and kept open to update the index after writing. It
    answers the plan's questions (`importer.link.SourceLookup`) from the index."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.kb = None

    def open(self):
        if self.kb is None:
            from briefing_tui.commands.knowledge import open_knowledge_base

            self.kb = open_knowledge_base(self.args, "import")
            if self.kb is None:
                raise _NoIndex
        return self.kb

    def close(self) -> None:
        if self.kb is not None:
            self.kb.close()

    def with_text(self, fingerprint: str) -> list[str]:
        return self.open().known_sources().with_text(fingerprint)

    def linkable(self, kind: str, kamervragen: str | None, surnames: set[str]) -> list[str]:
        return self.open().known_sources().linkable(kind, kamervragen, surnames)

    def same_numbers(self, kamerstuk, aanhangsel, kamervragen) -> list[str]:
        return self.open().known_sources().same_numbers(kamerstuk, aanhangsel, kamervragen)

    def defining(self, record_id: str) -> list[str]:
        return self.open().known_sources().defining(record_id)


def _written(write):
    """The paths `write()` wrote, or None after saying on stderr why nothing was written."""
    from briefing_tui.importer.extract import ImportRefused

    try:
        return write()
    except ImportRefused as exc:
        print(f"briefing import: {exc}", file=sys.stderr)
    except OSError as exc:
        print(f"briefing import: schrijven mislukt ({exc}); er is niets geschreven", file=sys.stderr)
    return None


def _run_open_data(ws, data, args: argparse.Namespace) -> int:
    """Toezeggingen and moties from the Tweede Kamer's open data (SyncFeed or OData)."""
    from briefing_tui.importer.extract import ImportRefused
    from briefing_tui.importer.opendata_write import plan_open_data
    from briefing_tui.importer.write import write_files

    given = [name for name in ("source_id", "kind", "date", "title", "dossier", "number") if getattr(args, name, None)]
    if given or args.update:
        print("briefing import: open data van de Tweede Kamer neemt geen --id, --kind, --date, --title, --dossier, "
              "--number of --update (bestaande records worden altijd bijgewerkt)", file=sys.stderr)
        return 2
    try:
        plan = plan_open_data(data, ws.content)
    except ImportRefused as exc:
        print(f"briefing import: {exc}", file=sys.stderr)
        print("briefing import: er is niets geschreven", file=sys.stderr)
        return 1
    count = len(data.records)
    print(f"Gelezen: {count} {'record' if count == 1 else 'records'} open data van de Tweede Kamer "
          f"({data.format}: {', '.join(data.names)})")
    for line in plan.lines:
        print(f"  {line}")
    for line in plan.skipped:
        print(f"  overgeslagen: {line}")
    if not plan.files:
        print("\nNiets te schrijven: alles is al bijgewerkt.")
        return 0
    if args.dry_run:
        print("\n--dry-run: niets geschreven. Zou schrijven:")
        for path in plan.files:
            print(f"  {ws.display_path(path)}")
        return 0
    written = _written(lambda: write_files(list(plan.files), plan.files, plan.originals))
    if written is None:
        return 1
    print("\nGeschreven:")
    for path in written:
        print(f"  {ws.display_path(path)}")
    from briefing_tui.commands.knowledge import open_knowledge_base
    from briefing_tui.wording.index import report_text

    kb = open_knowledge_base(args, "import")
    if kb is None:
        return 1
    with kb:
        print(f"\nIndex: {report_text(kb.report)}")
    return 0
