"""Fixtures for the TUI tests: the app on a temporary copy of the content.

The index is derived data keyed by the content folder's path; the read-only tests share one
content copy and one cache for the whole session (the index is built once). Tests that change
content get their own copy and their own cache.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing_tui.workspace import Workspace

REPO = Path(__file__).resolve().parents[2]
CONTENT = REPO / "content"
SNAPSHOT_CONTENT = Path(__file__).resolve().parent / "snapshot_content"


def copy_content(source: Path, dest: Path) -> Path:
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns("_staging", ".*"))
    for path in dest.rglob("*"):  # source texts are read-only in the repository
        if path.is_file():
            path.chmod(0o644)
    return dest


@pytest.fixture(autouse=True)
def own_settings(tmp_path, monkeypatch) -> Path:
    """Every test has its own settings folder (theme, last briefing), never the user's."""
    folder = tmp_path / "config"
    monkeypatch.setenv("BRIEFING_CONFIG", str(folder))
    return folder


@pytest.fixture(scope="session")
def shared_content(tmp_path_factory) -> Path:
    return copy_content(CONTENT, tmp_path_factory.mktemp("shared") / "content")


@pytest.fixture(scope="session")
def shared_cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("index-cache")


@pytest.fixture
def briefings_dir(tmp_path) -> Path:
    folder = tmp_path / "briefings"
    folder.mkdir()
    return folder


@pytest.fixture
def workspace(shared_content, shared_cache, briefings_dir, monkeypatch) -> Workspace:
    monkeypatch.setenv("BRIEFING_CACHE", str(shared_cache))
    return Workspace.resolve(content=shared_content, briefings=briefings_dir, cache=shared_cache)


@pytest.fixture
def own_workspace(tmp_path, briefings_dir, monkeypatch) -> Workspace:
    """A content copy of this test's own (to break it), with its own index cache."""
    content = copy_content(CONTENT, tmp_path / "content")
    cache = tmp_path / "cache"
    monkeypatch.setenv("BRIEFING_CACHE", str(cache))
    return Workspace.resolve(content=content, briefings=briefings_dir, cache=cache)


@pytest.fixture
def app(workspace):
    from briefing_tui.tui.app import create_app

    return create_app(workspace)
