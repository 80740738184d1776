"""Currency (issue 13, point 4): the pack and the app warn when the newest line on a topic of
the briefing is more than a year older than the debate, and say the date of the line they call
current."""

from __future__ import annotations

import pytest

from briefing_tui.briefing import Item, new_briefing
from briefing_tui.content import load_content
from briefing_tui.currency import currency_problems, stale_topics
from briefing_tui.export import render_markdown


@pytest.fixture(scope="module")
def corpus(content_dir):
    return load_content(content_dir)


def _briefing(date):
    b = new_briefing("cd", title="Commissiedebat", date=date)
    b.add(None, Item("statement", "laws-verbod-2022"))
    b.add(None, Item("statement", "laws-verbod-2019"))  # same topic: warned about once
    return b


def test_a_debate_in_2026_on_a_2022_line_is_warned_about(corpus):
    b = _briefing("2026-06-12")
    stale = stale_topics(b, corpus)
    assert [(s.topic, s.statement, s.date) for s in stale] == [("laws/verbod", "laws-verbod-2022", "2022-06-17")]
    md = render_markdown(b, corpus)
    top = md.split("## ", 1)[0]
    assert ("**LET OP: mogelijk verouderd:** het nieuwste standpunt over Autonome wapensystemen: verbod in de "
            "kennisbank is van 17 juni 2022, meer dan een jaar voor het debat (12 juni 2026)") in top
    assert "(huidig standpunt, juni 2022)" in md  # the development says how old "current" is
    (problem,) = currency_problems(b, corpus)
    assert problem.severity == "warning" and "huidig standpunt, juni 2022" in problem.message


@pytest.mark.parametrize("date", ["2023-06-01", "2022-12", None])
def test_no_warning_within_a_year_or_without_a_debate_date(corpus, date):
    b = _briefing(date)
    assert stale_topics(b, corpus) == []
    assert "mogelijk verouderd" not in render_markdown(b, corpus)
