"""Errors are shown, not crashed on: a file changed behind the app's back, bad content, bad briefings."""

from __future__ import annotations

import re
import threading

from textual.widgets import Input, OptionList, Static

from briefing_tui.briefing import Item, create_briefing, load_briefing, new_briefing
from briefing_tui.tui.screens.briefing_editor import BriefingScreen
from briefing_tui.tui.screens.conflict import ConflictScreen
from briefing_tui.tui.screens.open_briefing import OpenBriefingScreen
from briefing_tui.tui.screens.search import LOADING, SearchScreen
from briefing_tui.tui.screens.text_edit import TextEditScreen
from briefing_tui.tui.widgets.problems_banner import ProblemsBanner
from briefing_tui.tui.widgets.results_list import ResultsList

from tui_helpers import index_ready, search, settle, text_of, wait_until


async def open_new_briefing(pilot, app, folder, name="extern"):
    corpus = app.corpus
    current = next(s for s in corpus.statements if corpus.is_current(s))
    b = new_briefing(name, title="Briefing die buiten de app verandert")
    b.add(None, Item("statement", current))
    create_briefing(b, folder)
    assert app.open_briefing_file(folder / f"{name}.yaml")
    await settle(pilot, app)
    assert isinstance(app.screen, BriefingScreen)
    return folder / f"{name}.yaml"


async def add_note(pilot, app, text):
    await pilot.press("n")
    await settle(pilot, app)
    assert isinstance(app.screen, TextEditScreen)
    area = app.screen.query_one("#edit-text")
    area.text = text[:-1]
    area.move_cursor(area.document.end)
    await pilot.press(text[-1], "ctrl+s")
    await settle(pilot, app)


async def test_a_briefing_changed_on_disk_is_never_overwritten(app, briefings_dir):
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        path = await open_new_briefing(pilot, app, briefings_dir)

        # Someone else edits the file (a colleague, or git pull).
        external = path.read_text(encoding="utf-8").replace(
            "Briefing die buiten de app verandert", "Titel van een collega"
        )
        path.write_text(external, encoding="utf-8")

        # The officer keeps working; autosave finds the change and stops.
        await add_note(pilot, app, "mijn notitie")
        await wait_until(pilot, lambda: isinstance(app.screen, ConflictScreen), what="the conflict dialog")
        assert path.read_text(encoding="utf-8") == external
        await settle(pilot, app)
        assert app.focused is not None and app.focused.id == "copy"  # enter keeps both versions
        body = " ".join(text_of(w) for w in app.screen.query(Static))
        assert str(path) in body and "buiten deze app gewijzigd" in body

        # Decide later: nothing is written, the status says so.
        await pilot.press("escape")
        await settle(pilot, app)
        assert path.read_text(encoding="utf-8") == external
        assert "NIET OPGESLAGEN" in text_of(app.screen.query_one("#briefing-meta", Static))
        await add_note(pilot, app, "nog een")
        await settle(pilot, app)
        assert path.read_text(encoding="utf-8") == external

        # F8: keep mine as a copy; the colleague's file stays as it is.
        await pilot.press("f8")
        await settle(pilot, app)
        assert isinstance(app.screen, ConflictScreen)
        await pilot.press("k")
        await settle(pilot, app)
        copy = briefings_dir / "extern-kopie.yaml"
        assert copy.exists()
        assert path.read_text(encoding="utf-8") == external
        mine, _ = load_briefing(copy)
        assert mine.title == "Briefing die buiten de app verandert"
        assert [it.ref for _, _, it in mine.items() if it.is_note] == ["mijn notitie", "nog een"]
        # Later edits go to the copy.
        await add_note(pilot, app, "derde")
        await wait_until(pilot, lambda: not app.session.unsaved and not app.session.saving, what="autosave")
        assert "derde" in copy.read_text(encoding="utf-8")
        assert path.read_text(encoding="utf-8") == external


async def test_reload_from_disk_after_a_conflict(app, briefings_dir):
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        path = await open_new_briefing(pilot, app, briefings_dir, name="herladen")
        path.write_text(path.read_text(encoding="utf-8").replace("Briefing die buiten de app verandert", "Nieuwe titel"), encoding="utf-8")
        await add_note(pilot, app, "gaat verloren")
        await wait_until(pilot, lambda: isinstance(app.screen, ConflictScreen), what="the conflict dialog")
        await pilot.press("r")
        await settle(pilot, app)
        assert app.session.briefing.title == "Nieuwe titel"
        assert app.session.conflict is None
        assert "gaat verloren" not in path.read_text(encoding="utf-8")


async def test_content_problems_show_in_a_banner_and_the_rest_works(own_workspace):
    laws = own_workspace.content / "domains" / "laws.yaml"
    lines = laws.read_text(encoding="utf-8").splitlines()
    broken_line = len(lines) + 1
    laws.write_text("\n".join(lines) + "\n  - id: [niet afgesloten\n", encoding="utf-8")
    (own_workspace.content / "domains" / "kapot.yaml").write_bytes(b"\x00\x01binary")

    from briefing_tui.tui.app import create_app

    app = create_app(own_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        banner = app.search_screen.query_one(ProblemsBanner)
        assert banner.display
        text = text_of(banner.query_one("#problems-text", Static))
        assert "Problemen in de content" in text
        m = re.search(r"content/domains/laws\.yaml:(\d+): ", text)
        assert m and int(m.group(1)) >= broken_line, text
        assert re.search(r"content/domains/kapot\.yaml:\d+: ", text), text
        # The other content is still searchable.
        await search(pilot, app, "cyber")
        assert app.search_screen.query_one(ResultsList).hits


async def test_an_unreadable_briefing_says_why(app, briefings_dir):
    (briefings_dir / "kapot.yaml").write_bytes(b"\x00\xff\x00 geen tekst")
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        await pilot.press("ctrl+o")
        await settle(pilot, app)
        assert isinstance(app.screen, OpenBriefingScreen)
        listing = app.screen.query_one("#briefing-files", OptionList).get_option_at_index(0).prompt.plain
        assert "onleesbaar" in listing and "binair" in listing
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, SearchScreen)
        assert app.session is None
        messages = [n.message for n in app._notifications]
        assert any("kapot.yaml" in m and "binair" in m for m in messages)


async def test_search_field_works_while_the_index_opens(workspace, monkeypatch):
    """The field is focused and typeable at once; the query runs as soon as the index is ready."""
    from briefing_tui.store import KnowledgeBase

    release = threading.Event()
    real_open = KnowledgeBase.open.__func__

    def slow_open(cls, ws, *args, **kwargs):
        release.wait(10)
        return real_open(cls, ws, *args, **kwargs)

    monkeypatch.setattr(KnowledgeBase, "open", classmethod(slow_open))
    from briefing_tui.tui.app import create_app

    app = create_app(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.search_screen
        field = app.focused
        assert isinstance(field, Input) and field.id == "search-input"
        await pilot.press(*"verbod")
        await pilot.pause()
        assert field.value == "verbod"
        assert app.index_state == "loading"
        assert text_of(screen.query_one("#hit-count", Static)) == LOADING
        release.set()
        await index_ready(pilot, app)
        await wait_until(pilot, lambda: screen.result is not None, what="results for the early query")
        assert screen.query_one(ResultsList).hits
        assert text_of(screen.query_one("#hit-count", Static)).endswith("resultaten")


async def test_search_works_before_the_knowledge_base_is_loaded(workspace, monkeypatch, fast_paths):
    """Loading the whole corpus (slow for a large knowledge base) never blocks searching."""
    from briefing_tui.store import KnowledgeBase

    KnowledgeBase.open(workspace).close()  # the index is up to date

    release = threading.Event()
    real_corpus = KnowledgeBase.corpus

    def slow_corpus(kb):
        if kb._corpus is None:  # as if reading a large knowledge base
            release.wait(10)
        return real_corpus.fget(kb)

    monkeypatch.setattr(KnowledgeBase, "corpus", property(slow_corpus))
    from briefing_tui.tui.app import create_app

    app = create_app(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: app.index_state == "ready", what="the index")
        assert app.corpus is None  # the shared index is up to date: the corpus is loaded apart
        await search(pilot, app, "verbod", all_workers=False)
        screen = app.search_screen
        assert screen.query_one(ResultsList).hits
        await wait_until(pilot, lambda: "wordt geladen" in text_of(screen.query_one("#preview-body", Static)), what="loading note")
        release.set()
        await wait_until(pilot, lambda: app.corpus is not None, what="the knowledge base")
        hit = screen.query_one(ResultsList).highlighted_hit
        await wait_until(pilot, lambda: "Citaat" in text_of(screen.query_one("#preview-body", Static)), what="the preview")
        assert " ".join(app.corpus.statements[hit.id].quote.split()[:5]) in " ".join(text_of(screen.query_one("#preview-body", Static)).split())


def large_app(workspace, monkeypatch, forbid_full_load):
    """The app on `workspace` as if its content were large (over `CHILD_LOAD_BYTES`), in a
    process that may not parse the whole content itself."""
    import briefing_tui.store.knowledge_base as kb_module
    from briefing_tui.tui.app import create_app

    monkeypatch.setattr(kb_module, "CHILD_LOAD_BYTES", 0)
    monkeypatch.setattr(kb_module, "FAST_PATH_BYTES", 0)
    forbid_full_load()
    return create_app(workspace)


async def test_a_large_knowledge_base_is_parsed_outside_the_app(own_workspace, monkeypatch, forbid_full_load):
    """A knowledge base over `CHILD_LOAD_BYTES` is parsed (and indexed) in a child process: the
    app reads the snapshot and the index it leaves, and never parses the YAML itself."""
    app = large_app(own_workspace, monkeypatch, forbid_full_load)
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        assert "laws-verbod-2022" in app.corpus.statements
        await search(pilot, app, "killer robots")
        assert app.search_screen.result.hits


async def test_with_the_index_current_the_app_searches_first_and_has_the_parse_done_aside(
        own_workspace, monkeypatch, forbid_full_load):
    """Only the snapshot is missing (a new version of the loader): the index opens at once and
    the knowledge base is parsed by a child process meanwhile, never by the app."""
    import briefing_tui.store.knowledge_base as kb_module
    from briefing_tui.store import KnowledgeBase

    monkeypatch.setattr(kb_module, "FAST_PATH_BYTES", 0)
    with KnowledgeBase.open(own_workspace) as kb:
        kb.corpus  # noqa: B018 - writes the snapshot
        kb.paths.snapshot.unlink()
        assert not kb.changed() and kb.needs_full_load()
    app = large_app(own_workspace, monkeypatch, forbid_full_load)
    async with app.run_test(size=(120, 40)) as pilot:
        await index_ready(pilot, app)
        assert "laws-verbod-2022" in app.corpus.statements
    assert not KnowledgeBase.open(own_workspace).needs_full_load()


async def test_a_large_knowledge_base_is_loaded_once_the_keys_rest(own_workspace, monkeypatch):
    """Loading a large knowledge base holds Python's lock for seconds, and keys typed meanwhile
    would wait: it is loaded once the officer stops typing; searching works all along."""
    import briefing_tui.store.knowledge_base as kb_module
    import briefing_tui.tui.app as app_module
    from briefing_tui.store import KnowledgeBase
    from briefing_tui.tui.app import create_app

    monkeypatch.setattr(kb_module, "FAST_PATH_BYTES", 0)
    monkeypatch.setattr(app_module, "CORPUS_IDLE", 0.6)
    KnowledgeBase.open(own_workspace).close()  # the index is current: opening loads no corpus
    app = create_app(own_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: app.engine is not None, what="the index")
        for ch in "killer robots":
            await pilot.press("space" if ch == " " else ch)
            await pilot.pause(0.15)
            assert app.corpus is None, "loaded while the officer was typing"
        await wait_until(pilot, lambda: app.search_screen.result is not None and app.search_screen.result.hits,
                         what="results while the knowledge base waits")
        await wait_until(pilot, lambda: app.corpus is not None, what="the knowledge base once the keys rest")
        assert "laws-verbod-2022" in app.corpus.statements
