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
