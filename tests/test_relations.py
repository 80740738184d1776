"""Relations that say what changed (issue 13, point 2): `supersedes` (the old line no longer
holds) and `updates` (it holds in part, and the link says which part), checked by
`briefing check` and shown differently in timelines and packs."""

from __future__ import annotations

import textwrap

import pytest

from briefing_tui.briefing import Item, check_references, new_briefing
from briefing_tui.content import load_content
from briefing_tui.export import render_markdown
from briefing_tui.validate import check


@pytest.fixture(scope="module")
def corpus(content_dir):
    return load_content(content_dir)


def test_the_2019_line_that_humanitarian_law_applies_is_updated_not_replaced(corpus):
    assert corpus.is_current("laws-mhc-2019")
    assert corpus.updated_by("laws-mhc-2019") == "laws-mhc-2020"
    assert "humanitair oorlogsrecht" in corpus.still_holds("laws-mhc-2019")
    # the audit's links: an expert meeting's conclusion replaces no cabinet line
    assert corpus.statements["laws-internationaal-recht-2021"].topic.endswith("-advies")
    assert corpus.superseded_by("laws-internationaal-recht-2019") == "laws-internationaal-recht-2022"
    assert corpus.superseded_by("laws-mhc-uitwerking-2019") == "laws-mhc-definitie-2022"
    for old in ("wapenbeheersing-ontwapeningsarchitectuur-2021-03", "wapenbeheersing-technologische-edge-2021-03"):
        assert corpus.is_current(old) and corpus.updated_by(old), old


def test_every_link_in_the_content_is_one_kind_and_every_update_says_what_holds(corpus):
    links = 0
    for st in corpus.statements.values():
        assert not set(st.supersedes) & set(st.updates), st.id
        for old, holds in st.updates.items():
            assert holds.strip() and corpus.statements[old].topic == st.topic
            links += 1
        links += len(st.supersedes)
    assert links >= 30


def test_pack_timeline_says_updated_and_what_still_holds(corpus):
    b = new_briefing("mhc", title="MHC")
    b.add(None, Item("statement", "laws-mhc-2019"))
    md = render_markdown(b, corpus)
    assert "LET OP: bijgewerkt standpunt." in md
    assert "Blijft gelden: Dat het bestaande internationaal recht, in het bijzonder het humanitair oorlogsrecht" in md
    development = md.split("### Ontwikkeling van het standpunt", 1)[1]
    line_2019 = next(line for line in development.splitlines() if line.startswith("- **13 mei 2019"))
    assert "**bijgewerkt door** het standpunt van 28 oktober 2020" in line_2019
    assert "vervangen door" not in line_2019
    line_2020 = next(line for line in development.splitlines() if line.startswith("- **28 oktober 2020"))
    assert "**vervangen door** het standpunt van 17 juni 2022" in line_2020
    (updated,) = [p for p in check_references(b, corpus) if p.code == "briefing.updated"]
    assert updated.severity == "warning" and updated.data["newer"] == "laws-mhc-2020"
    assert "is bijgewerkt door 'laws-mhc-2020' en geldt nog maar ten dele (blijft gelden: Dat het bestaande" in updated.message


def _content(tmp_path, statements: str):
    root = tmp_path / "content"
    (root / "sources").mkdir(parents=True)
    (root / "domains").mkdir()
    (root / "sources" / "s1.yaml").write_text('id: s1\nkind: kamerbrief\ntitle: "Een"\ndate: "2019-01-01"\n', encoding="utf-8")
    (root / "sources" / "s1.txt").write_text("Oude lijn hier. Ander ding.\n", encoding="utf-8")
    (root / "sources" / "s2.yaml").write_text('id: s2\nkind: kamerbrief\ntitle: "Twee"\ndate: "2022-01-01"\n', encoding="utf-8")
    (root / "sources" / "s2.txt").write_text("Nieuwe lijn hier.\n", encoding="utf-8")
    (root / "domains" / "laws.yaml").write_text('id: laws\nname: "LAWS"\nstatements:\n' + textwrap.indent(textwrap.dedent(statements), "  "), encoding="utf-8")
    return load_content(root)


def test_check_rejects_an_update_without_what_holds_and_a_link_of_both_kinds(tmp_path):
    corpus = _content(tmp_path, """\
        - id: oud
          topic: laws/x
          position: "Oud."
          quote: "Oude lijn hier."
          source: s1
          locator: "p. 1"
        - id: nieuw
          topic: laws/x
          position: "Nieuw."
          quote: "Nieuwe lijn hier."
          source: s2
          locator: "p. 1"
          supersedes: [oud]
          updates:
            oud: ""
        """)
    errors = [p for p in check(corpus) if p.severity == "error"]
    # (the empty text is also a schema error: 'schema.empty')
    assert {"check.updates_without_holds", "check.supersedes_and_updates"} <= {p.code for p in errors}
    assert all(p.path.endswith("domains/laws.yaml") for p in errors)
    assert "werkt 'oud' bij zonder te zeggen wat ervan blijft gelden" in " ".join(p.message for p in errors)
