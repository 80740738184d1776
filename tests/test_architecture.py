"""The core knows nothing of Textual, and the CLI pays for Textual only when the TUI runs."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

CORE_MODULES = [
    "briefing_tui.model",
    "briefing_tui.files",
    "briefing_tui.schema",
    "briefing_tui.wording",
    "briefing_tui.store",
    "briefing_tui.content",
    "briefing_tui.validate",
    "briefing_tui.search",
    "briefing_tui.index",
    "briefing_tui.briefing",
    "briefing_tui.export",
    "briefing_tui.importer",
    "briefing_tui.cli",
]


def _imported_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint('\\n'.join(sys.modules))"],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )
    return set(out.stdout.split())


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_does_not_import_textual(module):
    try:
        __import__(module)
    except ModuleNotFoundError as exc:
        if exc.name == module:
            pytest.skip(f"{module} not written yet")
        raise
    loaded = _imported_after(f"import {module}")
    assert not any(m == "textual" or m.startswith("textual.") for m in loaded), module
    assert not any(m.startswith("briefing_tui.tui") for m in loaded), module


def test_import_linter_contract_holds():
    lint = Path(sys.executable).parent / "lint-imports"
    if not lint.exists():
        pytest.skip("import-linter not installed")
    result = subprocess.run([str(lint)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_search_on_unchanged_content_starts_without_the_loader(tmp_path):
    """`briefing search` on content the index already holds reads only the index: it must not
    pay at start-up for YAML, the schemas or the content loader (the start-up is most of what
    an officer waits for on the command line)."""
    import json
    import os

    env = dict(os.environ, BRIEFING_CONTENT=str(ROOT / "content"), BRIEFING_CACHE=str(tmp_path / "cache"),
               BRIEFING_BRIEFINGS=str(tmp_path / "briefings"))
    # The shipped content is small enough to be parsed whole on every open (the simple path of
    # `KnowledgeBase`); the fast path, the one that matters at scale, is switched on here.
    code = ("import sys\nimport briefing_tui.store.knowledge_base as kb\nkb.FAST_PATH_BYTES = 0\n"
            "from briefing_tui.cli import main\nrc = main(['search', '--json', 'killer robots'])\n"
            "print('\\n'.join(sys.modules), file=sys.stderr)\nsys.exit(rc)")

    def modules() -> set[str]:
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env)
        assert run.returncode == 0, run.stderr[-2000:]
        assert json.loads(run.stdout)[0]["id"] == "laws-verbod-2022"
        return set(run.stderr.split())

    first = modules()  # builds the index: that reads the content
    assert "briefing_tui.content" in first
    later = modules()
    for heavy in ("yaml", "jsonschema_rs", "briefing_tui.content", "briefing_tui.schema", "briefing_tui.store.snapshot",
                  "rapidfuzz",  # the speller: only for a word the index does not know
                  "briefing_tui.index.records", "briefing_tui.passages", "subprocess"):  # builds and updates only
        assert heavy not in later, heavy
