"""The briefing editor: sections and items on the left, the pack as rendered Markdown on the right."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from briefing_tui.labels import kind_label
from briefing_tui.tui.widgets.problems_banner import ProblemsBanner
from briefing_tui.tui.render import DIM, HEADING, LABEL, dated, repeats_badge, statement_date, superseded_badge
from briefing_tui.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from briefing_tui.briefing import Briefing, Item
    from briefing_tui.model import Corpus

PREVIEW_DELAY = 0.25  # seconds after the last edit before the Markdown preview is re-rendered


def item_prompt(item: "Item", corpus: "Corpus | None") -> Content:
    """Two or three lines for an item: kind, date, badge; the position (adapted: ✎); the comment."""
    if item.is_note:
        return Content.assemble((f"{kind_label('note')}  ", HEADING), "\n", item.ref or "(lege notitie)", "\n")
    head: list[Any] = [(kind_label(item.kind), HEADING)]
    line = ""
    if corpus is not None:
        record = corpus.get(item.kind, item.ref) if item.kind != "passage" else None
        if item.kind == "statement" and record is not None:
            date, inferred = statement_date(corpus, record)
            head += ["  ", (dated(date, inferred), LABEL)]
            if not corpus.is_current(record.id):
                head += ["  ", superseded_badge()]
            line = record.position
        elif item.kind == "commitment" and record is not None:
            head += ["  ", (dated(record.made_on, "made_on" in record.inferred), LABEL)]
            line = record.text
        elif item.kind == "motion" and record is not None:
            from briefing_tui.labels import motion_label

            head[0] = (motion_label(record), HEADING)
            head += ["  ", (dated(record.date, "date" in record.inferred), LABEL)]
            line = record.title
        elif item.kind == "qa" and record is not None:
            src = corpus.sources.get(record.source)
            if src is not None:
                head += ["  ", (dated(src.date, src.is_inferred("date")), LABEL)]
            line = record.question
        elif item.kind == "passage":
            from briefing_tui.tui.widgets.preview import source_passages

            pr = item.passage_ref
            passages = source_passages(corpus, pr[0]) if pr else None
            if passages and 1 <= pr[1] <= len(passages):
                line = passages[pr[1] - 1].text
                src = corpus.sources.get(pr[0])
                if src is not None:
                    head += ["  ", (dated(src.date, src.is_inferred("date")), LABEL), (f"  p. {passages[pr[1] - 1].page}", DIM)]
            else:
                head += ["  ", ("onbekend in de content", "bold $text-error")]
                line = item.ref
        if item.kind != "passage" and record is None:
            head += ["  ", ("onbekend in de content", "bold $text-error")]
            line = item.ref
    if corpus is not None and item.kind in ("passage", "qa", "motion", "commitment"):
        from briefing_tui.carried import for_corpus

        if for_corpus(corpus).in_item(item.kind, item.ref):
            head += ["  ", repeats_badge()]
    lines = [Content.assemble(*head)]
    if item.position:
        lines.append(Content.assemble(("✎ ", "bold $text-accent"), item.position))
    elif line:
        lines.append(Content(line))
    if item.comment:
        lines.append(Content.styled(f"Opmerking: {item.comment}", DIM))
    lines.append(Content(""))
    return Content("\n").join(lines)


class BriefingItems(OptionList):
    """Sections as headers, their items below. Keys act on the highlighted item."""

    MOVE = Binding.Group("Schuif")

    BINDINGS = [
        Binding("shift+up", "screen.move(-1)", "Omhoog", id="briefing.move_up", key_display="⇧↑", group=MOVE),
        Binding("shift+down", "screen.move(1)", "Omlaag", id="briefing.move_down", key_display="⇧↓", group=MOVE),
        Binding("ctrl+up", "screen.move(-1)", "Omhoog", id="briefing.move_up_alt", show=False),
        Binding("ctrl+down", "screen.move(1)", "Omlaag", id="briefing.move_down_alt", show=False),
        Binding("delete,x", "screen.remove", "Verwijder", id="briefing.remove"),
        Binding("s", "screen.move_section", "Sectie", id="briefing.section"),
        Binding("n", "screen.new_note", "Notitie", id="briefing.note"),
        Binding("e", "screen.edit", "Bewerk", id="briefing.edit"),
        Binding("p", "screen.edit_position", "Positie aanpassen", id="briefing.position", show=False),
        Binding("enter", "select", "Voorbeeld (notitie: bewerken)", id="briefing.preview", show=False),
    ]


class BriefingScreen(Screen):
    CSS_PATH = "briefing_editor.tcss"

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Terug", id="briefing.back"),
        Binding("f2", "edit_details", "Debat", id="briefing.details"),
        Binding("f6", "app.export('md,docx')", "Exporteren", id="briefing.export"),
        Binding("f8", "resolve_conflict", "Conflict oplossen", id="briefing.conflict"),
        Binding("ctrl+z", "undo", "Ongedaan maken", id="briefing.undo"),
        Binding("ctrl+s", "save_now", "Nu opslaan", id="briefing.save", show=False),
        Binding("ctrl+o", "app.open_briefing", "Andere briefing openen", id="briefing.open", show=False),
        Binding("ctrl+n", "app.new_briefing", "Nieuwe briefing", id="briefing.new", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[tuple[str, int] | None] = []  # option index -> (section key, item index)
        self._preview_timer: Any = None

    def compose(self) -> ComposeResult:
        yield Header(icon="§")
        yield Static(id="briefing-meta")
        yield ProblemsBanner(id="briefing-problems")
        with Horizontal(id="briefing-body"):
            yield BriefingItems(id="briefing-items")
            with VerticalScroll(id="pack-pane"):
                yield Markdown(id="pack-preview", open_links=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.watch(self.app, "briefing_version", self._briefing_changed, init=True)
        self.watch(self.app, "corpus_version", self._briefing_changed, init=False)
        self.query_one(BriefingItems).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "resolve_conflict":
            session = self.app.session
            return bool(session and session.conflict)
        return True

    # --- showing -------------------------------------------------------------------------------
    @property
    def briefing(self) -> "Briefing | None":
        return self.app.session.briefing if self.app.session else None

    def _briefing_changed(self, _version: int) -> None:
        self.refresh_bindings()
        self._show_meta()
        self._show_items()
        if self._preview_timer is not None:
            self._preview_timer.stop()
        self._preview_timer = self.set_timer(PREVIEW_DELAY, self._render_pack)

    def _show_meta(self) -> None:
        from briefing_tui.tui.app import shown_path

        meta = self.query_one("#briefing-meta", Static)
        session = self.app.session
        if session is None:
            meta.update("Geen briefing geopend. ctrl+n maakt een nieuwe, ctrl+o opent er een.")
            self.query_one("#briefing-problems", ProblemsBanner).display = False
            return
        b = session.briefing
        details = " · ".join(x for x in (b.kind, format_date(b.date), b.committee or "") if x)
        members = ", ".join(f"{m.name} ({m.party})" if m.party else m.name for m in b.members)
        status_style = "bold $text-error" if (session.conflict or session.error) else "$text-muted"
        # Two lines, so that at 24 rows the items and the pack keep most of the screen.
        lines = [
            Content.assemble((b.title or b.name, "bold"), ("  ·  " + details if details else "", DIM)),
            Content.assemble(
                (session.status(), status_style),
                ("  ·  " + shown_path(b.path) if b.path else "", DIM),
                ("  ·  Leden: ", DIM),
                members or "—",
                ("  ·  Agenda: " + agenda_line(b) if b.agenda else "", DIM),
            ),
        ]
        meta.update(Content("\n").join(lines))
        note = (
            "Het bestand wordt niet overschreven tot deze fouten in het bestand zijn hersteld."
            if b.incomplete
            else "Wijzigingen worden gewoon opgeslagen."
        )
        self.query_one("#briefing-problems", ProblemsBanner).show_problems(session.problems, "Meldingen bij het openen", note)

    def _show_items(self) -> None:
        items = self.query_one(BriefingItems)
        keep = self.selected
        b = self.briefing
        options: list[Option] = []
        self._rows = []
        if b is not None:
            corpus = self.app.corpus
            for sec in b.sections:
                options.append(
                    Option(Content.assemble((f"{sec.title}", "bold $accent"), (f"  ({len(sec.items)})", DIM)), disabled=True)
                )
                self._rows.append(None)
                for i, item in enumerate(sec.items):
                    options.append(Option(item_prompt(item, corpus)))
                    self._rows.append((sec.key, i))
        items.set_options(options)
        self.select(keep)

    def select(self, where: tuple[str, int] | None) -> None:
        items = self.query_one(BriefingItems)
        target = None
        if where is not None:
            if where in self._rows:
                target = self._rows.index(where)
            else:  # the item is gone: the nearest one in the same section, or above
                candidates = [n for n, r in enumerate(self._rows) if r and r[0] == where[0] and r[1] <= where[1]]
                target = candidates[-1] if candidates else None
        if target is None:
            target = next((n for n, r in enumerate(self._rows) if r is not None), None)
        items.highlighted = target

    @property
    def selected(self) -> tuple[str, int] | None:
        index = self.query_one(BriefingItems).highlighted
        if index is None or not (0 <= index < len(self._rows)):
            return None
        return self._rows[index]

    def _render_pack(self) -> None:
        self._preview_timer = None
        b = self.briefing
        if b is None:
            self.query_one("#pack-preview", Markdown).update("")
            return
        corpus = self.app.corpus
        if corpus is None:
            self.query_one("#pack-preview", Markdown).update("*De kennisbank wordt geladen; het voorbeeld volgt.*")
            return
        try:
            from briefing_tui.export import render_markdown

            text = footnotes_as_in_print(render_markdown(b, corpus))
        except Exception as exc:  # shown, not crashed on
            text = f"**Het voorbeeld kon niet worden gemaakt:** `{type(exc).__name__}: {exc}`"
        self.query_one("#pack-preview", Markdown).update(text)

    # --- editing -------------------------------------------------------------------------------
    def _current_item(self) -> tuple[str, int, "Item"] | None:
        where = self.selected
        b = self.briefing
        if where is None or b is None:
            self.app.notify("Kies eerst een item in de lijst.", severity="warning")
            return None
        key, index = where
        return key, index, b.section(key).items[index]

    def _changed(self, select: tuple[str, int] | None = None) -> None:
        self.app.briefing_edited()
        if select is not None:
            self.select(select)

    def _remember(self, what: str) -> None:
        """Before an edit: what ctrl+z brings back."""
        self.app.remember_for_undo(what, self.selected)

    def action_move(self, delta: int) -> None:
        current = self._current_item()
        if current is None:
            return
        key, index, item = current
        sec = self.briefing.section(key)
        if not 0 <= index + delta < len(sec.items):
            return
        self._remember(f"Verschoven: {item_label(item, self.app.corpus)}")
        new = self.briefing.move(key, index, delta)
        self._changed((key, new))

    def action_remove(self) -> None:
        current = self._current_item()
        if current is None:
            return
        key, index, item = current
        what = item_label(item, self.app.corpus)
        self._remember(f"Verwijderd: {what}")
        self.briefing.remove(key, index)
        self._changed((key, index))
        from briefing_tui.wording import say

        self.app.notify(say("app.removed", what=what), markup=False)

    def action_undo(self) -> None:
        session = self.app.session
        step = session.undo() if session is not None else None
        from briefing_tui.wording import say

        if step is None:
            self.app.notify(say("app.nothing_to_undo"), severity="warning")
            return
        self._changed(step.where)
        self.app.notify(say("app.undone", what=step.what), markup=False)

    def action_move_section(self) -> None:
        current = self._current_item()
        if current is None:
            return
        key, index, _ = current
        from briefing_tui.briefing import SECTIONS
        from briefing_tui.tui.screens.section_picker import SectionPickerScreen

        def chosen(target: str | None) -> None:
            if target is None or target == key:
                return
            self._remember(f"Naar {SECTIONS[target]}: {item_label(self.briefing.section(key).items[index], self.app.corpus)}")
            new = self.briefing.move_to(key, index, target)
            self._changed((target, new))

        self.app.push_screen(SectionPickerScreen(SECTIONS, key, "Naar welke sectie?"), chosen)

    def action_new_note(self) -> None:
        if self.briefing is None:
            self.app.notify("Geen briefing geopend.", severity="warning")
            return
        from briefing_tui.briefing import Item
        from briefing_tui.tui.screens.text_edit import TextEditScreen

        from briefing_tui.briefing import SECTIONS

        where = self.selected
        section = where[0] if where else "notities"
        at = where[1] + 1 if where else None
        place = f"in {SECTIONS[section]}" + (", na het gekozen item" if where else "")

        def done(text: str | None) -> None:
            if text is None or not text.strip():
                return
            self._remember("Nieuwe notitie")
            index = self.briefing.add(section, Item.note(text.strip()), at)
            self._changed((section, index))

        self.app.push_screen(TextEditScreen(f"Nieuwe notitie ({place})", ""), done)

    def action_edit(self, focus: str = "position") -> None:
        current = self._current_item()
        if current is None:
            return
        key, index, item = current
        if item.is_note:
            self._edit_note()
            return
        from briefing_tui.tui.screens.item_edit import ItemEditScreen

        corpus = self.app.corpus
        record = corpus.get(item.kind, item.ref) if corpus is not None and item.kind != "passage" else None
        original, quote = record_texts(item.kind, record)
        if item.kind == "passage" and corpus is not None:
            from briefing_tui.tui.widgets.preview import source_passages

            pr = item.passage_ref
            passages = source_passages(corpus, pr[0]) if pr else None
            if passages and 1 <= pr[1] <= len(passages):
                quote = passages[pr[1] - 1].text

        def done(edit) -> None:
            if edit is None or (edit.position, edit.comment) == (item.position, item.comment):
                return
            self._remember(f"Bewerkt: {item_label(item, corpus)}")
            self.briefing.set_position(key, index, edit.position)
            self.briefing.set_comment(key, index, edit.comment)
            self._changed((key, index))

        title = f"{kind_label(item.kind)} bewerken"
        self.app.push_screen(ItemEditScreen(title, original, quote, item.position, item.comment, focus=focus), done)

    def action_edit_position(self) -> None:
        self.action_edit("position")

    def _edit_note(self) -> None:
        from briefing_tui.tui.screens.text_edit import TextEditScreen

        key, index, item = self._current_item()

        def done(text: str | None) -> None:
            if text is None or text.strip() == item.ref:
                return
            self._remember("Notitie bewerkt")
            self.briefing.set_note(key, index, text.strip())
            self._changed((key, index))

        self.app.push_screen(TextEditScreen("Notitie bewerken", item.ref), done)

    def action_preview_item(self) -> None:
        current = self._current_item()
        if current is None:
            return
        _, _, item = current
        from briefing_tui.tui.screens.preview import PreviewScreen

        self.app.push_screen(PreviewScreen(item.kind, item.ref))

    def action_edit_details(self) -> None:
        self.app.edit_briefing_details()

    def action_resolve_conflict(self) -> None:
        self.app.action_resolve_conflict()

    def action_save_now(self) -> None:
        self.app.save_briefing_now()

    @on(OptionList.OptionSelected, "#briefing-items")
    def _enter(self, _event: OptionList.OptionSelected) -> None:
        current = self._current_item()
        if current is not None and current[2].is_note:
            self._edit_note()
        else:
            self.action_preview_item()


SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_NOTE_REF = re.compile(r"(?<!\\)\[\^(\d+)\](?!:)")
_NOTE_DEF = re.compile(r"^\[\^(\d+)\]: ", re.MULTILINE)


def footnotes_as_in_print(markdown: str) -> str:
    """The pack's Markdown with its footnotes as a reader sees them in print or in Word: a
    superscript number in the text, the notes numbered under "Voetnoten" at the end. The
    Markdown widget does not know footnotes and would show `[^1]` as typed."""
    first = _NOTE_DEF.search(markdown)
    body, notes = (markdown[: first.start()], markdown[first.start():]) if first else (markdown, "")
    body = _NOTE_REF.sub(lambda m: m.group(1).translate(SUPERSCRIPT), body)
    if notes:  # one paragraph, a line per note (hard breaks), as at the foot of a page
        lines = [_NOTE_DEF.sub(lambda m: m.group(1).translate(SUPERSCRIPT) + " ", line) for line in notes.strip().split("\n")]
        notes = "---\n\n**Voetnoten**\n\n" + "\\\n".join(lines) + "\n"
    return body + notes


def item_label(item: "Item", corpus: "Corpus | None", limit: int = 60) -> str:
    """A short Dutch name for an item in a message: its kind and the start of its text, a passage
    by its number and source (no ids)."""
    from briefing_tui.tui.render import first_sentence

    kind = kind_label("note" if item.is_note else item.kind).lower()
    if item.kind == "passage" and not item.position and corpus is not None and item.passage_ref:
        from briefing_tui.citations import cite_short

        source_id, number = item.passage_ref
        src = corpus.sources.get(source_id)
        return f"{kind} {number} uit {cite_short(src)}" if src is not None else f"{kind} {number}"
    if item.is_note:
        text = item.ref
    elif item.position:
        text = item.position
    else:
        record = corpus.get(item.kind, item.ref) if corpus is not None and item.kind != "passage" else None
        text = record_texts(item.kind, record)[0] if record is not None else ""
    text = first_sentence(text, limit) if text else "(niet in de kennisbank)"
    return f"{kind} “{text}”"


def agenda_line(b: "Briefing") -> str:
    n = len(b.agenda)
    return "1 stuk" if n == 1 else f"{n} stukken"


def record_texts(kind: str, record: Any) -> tuple[str, str]:
    """(position line, verbatim text) of a record as the knowledge base has them."""
    if record is None:
        return "", ""
    if kind == "statement":
        return record.position, record.quote
    if kind == "commitment":
        return record.text, record.quote
    if kind == "motion":
        return record.title, record.request or ""
    if kind == "qa":
        return record.question, record.answer
    return "", ""


def format_date(value: str | None) -> str:
    from briefing_tui.dates import format_nl

    return format_nl(value)
