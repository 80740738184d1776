"""Shared fixtures: the repository's real content folder and its source texts."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CONTENT = REPO / "content"
SOURCES = CONTENT / "sources"


@pytest.fixture(scope="session")
def content_dir() -> Path:
    return CONTENT


@pytest.fixture(scope="session")
def source_text():
    """source_text("2019-normkader-nieuwe-technologieen") -> the raw text of a real source."""

    def read(source_id: str) -> str:
        return (SOURCES / f"{source_id}.txt").read_text(encoding="utf-8")

    return read
