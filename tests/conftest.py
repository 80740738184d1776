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


@pytest.fixture(scope="module")
def real_engine(tmp_path_factory):
    """A SearchEngine over the repository's real content, its index in a temporary cache."""
    from briefing_tui.content import load_content
    from briefing_tui.store import KnowledgeBase
    from briefing_tui.workspace import Workspace

    ws = Workspace(CONTENT, tmp_path_factory.mktemp("briefings"), tmp_path_factory.mktemp("cache"))
    with KnowledgeBase.open(ws, corpus=load_content(CONTENT)) as engine:
        yield engine


@pytest.fixture(scope="session")
def source_text():
    """source_text("2019-normkader-nieuwe-technologieen") -> the raw text of a real source."""

    def read(source_id: str) -> str:
        return (SOURCES / f"{source_id}.txt").read_text(encoding="utf-8")

    return read


MINI_TEXT = """ Geachte voorzitter,

Het kabinet neemt aanbeveling 2 volledig over en zal zich inzetten voor een verbod op
volledig autonome wapensystemen. Het kabinet stelt zich op het standpunt dat wapenbe-
heersing nodig is1.

1 Kamerstuk 33 694, nr. 12.
 Daarnaast zet het kabinet in op betekenisvolle menselijke controle.
"""

MINI_FILES = {
    "sources/kst-33694-99.yaml": """\
id: kst-33694-99
kind: kamerbrief
title: "Testbrief"
date: "2022-03-01"
ministers:
  - name: "W.B. Hoekstra"
    role: "minister van Buitenlandse Zaken"
kamerstuk: {dossier: "33694", number: "99"}
""",
    "sources/2019-oud.yaml": """\
id: 2019-oud
kind: kamerbrief
title: "Oude brief"
date: "2019"
inferred:
  date: "Spring 2019 by its contents."
""",
    "domains/laws.yaml": """\
id: laws
name: "Autonome wapensystemen"
aliases: ["LAWS"]
statements:
  - id: laws-verbod-2022
    topic: laws/verbod
    position: "Het kabinet streeft naar een verbod."
    quote: "zal zich inzetten voor een verbod op volledig autonome wapensystemen"
    source: kst-33694-99
    locator: "p. 1"
    forums: [ccw]
    supersedes: [laws-geen-verbod-2019]
  - id: laws-geen-verbod-2019
    topic: laws/verbod
    position: "Het kabinet is geen voorstander van een verbod."
    quote: "Het kabinet neemt"
    source: 2019-oud
    locator: "p. 1"
""",
    "forums/ccw.yaml": """\
id: ccw
name: "CCW"
statements:
  - id: ccw-mhc-2022
    topic: laws/mhc
    position: "Inzet op betekenisvolle menselijke controle."
    quote: "Daarnaast zet het kabinet in op betekenisvolle menselijke controle."
    source: kst-33694-99
    locator: "p. 2"
    domains: [laws]
""",
    "forums/gge-laws.yaml": """\
id: gge-laws
name: "GGE LAWS"
parent: ccw
statements: []
""",
    "commitments.yaml": """\
commitments:
  - id: tz-verbod
    text: "Inzet voor een verbod."
    quote: "zal zich inzetten voor een verbod"
    source: kst-33694-99
    status: open
""",
    "motions.yaml": """\
motions:
  - id: motie-33694-43
    title: "Motie Koopmans c.s."
    kamerstuk: {dossier: "33694", number: "43"}
    request: "Het kabinet stelt zich op het standpunt dat wapenbeheersing nodig is."
    request_source: kst-33694-99
    follow_up:
      - source: kst-33694-99
        quote: "betekenisvolle menselijke controle"
""",
    "qa.yaml": """\
qa:
  - id: qa-1
    source: kst-33694-99
    number: 1
    question: "Geachte voorzitter,"
    answer_locator: "p. 1"
    statements: [laws-verbod-2022]
""",
    "synonyms.yaml": """\
groups:
  - [LAWS, killer robots]
""",
}


@pytest.fixture
def mini_content(tmp_path) -> Path:
    """A small, valid content folder in tmp_path/content (tests change files to break it)."""
    root = tmp_path / "content"
    for rel, body in MINI_FILES.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    (root / "sources" / "kst-33694-99.txt").write_text(MINI_TEXT, encoding="utf-8")
    (root / "sources" / "2019-oud.txt").write_text("Het kabinet neemt kennis van het advies.\n", encoding="utf-8")
    return root


@pytest.fixture
def forbid_full_load(monkeypatch):
    """forbid_full_load(): from then on, parsing the whole content in this process fails the test
    (loading only some parts, as the light corpus and partial loads do, still works)."""
    import briefing_tui.content as content_module

    def apply() -> None:
        real = content_module.load_content

        def guarded(root, **kwargs):
            if kwargs.get("parts") is None:
                raise AssertionError("the whole content was parsed in this process")
            return real(root, **kwargs)

        monkeypatch.setattr(content_module, "load_content", guarded)  # the store imports it when it loads

    return apply


@pytest.fixture
def content_copy(tmp_path):
    """A Workspace on a copy of the real content, with its own cache."""
    import shutil

    from briefing_tui.workspace import Workspace

    shutil.copytree(CONTENT, tmp_path / "content")
    return Workspace(tmp_path / "content", tmp_path / "briefings", tmp_path / "cache")


@pytest.fixture
def fast_paths(monkeypatch):
    """The knowledge base's fast paths (snapshot, caches, partial updates, kept parses of area
    files) switched on whatever the content's size, as they are for a large knowledge base."""
    import briefing_tui.store.knowledge_base as kb_module
    import briefing_tui.yamlitems as yamlitems

    monkeypatch.setattr(kb_module, "FAST_PATH_BYTES", 0)
    monkeypatch.setattr(yamlitems, "ITEMS_FROM", 0)
