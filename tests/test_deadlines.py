"""Due ranges parsed from the wording of a commitment, and overdue at the debate."""

from __future__ import annotations

from datetime import date

import pytest

from briefing_tui.content import load_content
from briefing_tui.deadlines import describe_range, due_of, is_overdue, parse_due, validate_due


@pytest.mark.parametrize(
    "text, written, start, end, evidence",
    [
        ("Ik stuur uw Kamer voor de zomer een brief.", "2021-03-22", "2021-03-22", "2021-07-15", "voor de zomer"),
        ("Voor het zomerreces ontvangt u de evaluatie.", "2021-09-01", "2021-09-01", "2022-07-15", "Voor het zomerreces"),
        ("Het kabinet komt hier dit najaar op terug.", "2021-03-22", "2021-09-01", "2021-12-31", "dit najaar"),
        ("De conferentie vindt eind 2022 plaats.", "2021", "2022-10-01", "2022-12-31", "eind 2022"),
        ("in het eerste kwartaal van 2022 ontvangt u het plan", "2021-11-02", "2022-01-01", "2022-03-31",
         "in het eerste kwartaal van 2022"),
        ("Ik informeer u in het eerste kwartaal.", "2021-05-10", "2022-01-01", "2022-03-31", "in het eerste kwartaal"),
        ("Binnen drie weken ontvangt u de antwoorden.", "2021-03-22", "2021-03-22", "2021-04-12", "Binnen drie weken"),
        ("binnen 10 dagen", "2021-03", "2021-03-01", "2021-04-10", "binnen 10 dagen"),
        ("Voor de begrotingsbehandeling stuur ik de brief.", "2021-06-01", "2021-06-01", "2021-11-30",
         "Voor de begrotingsbehandeling"),
        ("vóór Prinsjesdag", "2021-06-01", "2021-06-01", "2021-09-21", "vóór Prinsjesdag"),
        ("zal dit advies in 2021 (na vijf jaar) opnieuw tegen het licht worden gehouden", "2019-05-13",
         "2021-01-01", "2021-12-31", "in 2021"),
        ("in de eerste helft van dit jaar per brief", "2019-05-13", "2019-01-01", "2019-06-30",
         "in de eerste helft van dit jaar"),
        ("wordt op 11 november a.s. een expertmeeting georganiseerd", "2020-10-28", "2020-11-11", "2020-11-11",
         "11 november a.s."),
        ("in november 2021 een nieuw advies", "2020-10-28", "2021-11-01", "2021-11-30", "in november 2021"),
        ("voor 2023 afgerond", "2021-06-01", "2021-06-01", "2022-12-31", "voor 2023"),
        ("De komende maanden inventariseert het kabinet.", "2021-03-22", "2021-03-22", "2021-09-22",
         "De komende maanden"),
    ],
)
def test_phrases_become_a_due_range_with_their_evidence(text, written, start, end, evidence):
    due = parse_due(text, written)
    assert due is not None and not due.none
    assert (due.start, due.end, due.evidence) == (start, end, evidence)


def test_as_soon_as_possible_is_no_deadline_but_a_stated_range_wins():
    due = parse_due("Ik stuur de brief zo spoedig mogelijk.", "2021-03-22")
    assert due is not None and due.none and due.evidence == "zo spoedig mogelijk"
    assert due.to_json() is None
    both = parse_due("zo snel mogelijk, in elk geval voor de zomer", "2021-03-22")
    assert both is not None and both.end == "2021-07-15"


def test_dates_already_past_at_the_letter_are_history_not_deadlines():
    # "Op 25 februari 2021 organiseerde ..." in a letter of 22 March 2021, then a real phrase.
    due = parse_due("Op 25 februari 2021 organiseerde NL een workshop. In de komende maanden wordt verkend ...",
                    "2021-03-22")
    assert due is not None and due.evidence == "In de komende maanden"
    assert parse_due("In het AO van 4 oktober jl. heb ik toegezegd", "2019-05-13") is None
    assert parse_due("Het kabinet zal uw Kamer op de hoogte houden.", "2019-05-13") is None


@pytest.fixture(scope="module")
def corpus(content_dir):
    return load_content(content_dir)


def test_shipped_commitments_dated_in_2021_are_overdue_for_a_2026_debate(corpus):
    on = date(2026, 3, 12)
    conf = corpus.commitments["tz-2021-03-22-internationale-conferentie"]
    due = due_of(conf, corpus)
    assert due is not None and due.evidence == "in 2021" and due.end == "2021-12-31"
    assert is_overdue(conf, due, on)
    # the same phrase on a commitment that was kept is not overdue
    kept = corpus.commitments["tz-2019-05-13-herijking-aiv-cavv-advies"]
    assert due_of(kept, corpus).evidence == "in 2021"
    assert not is_overdue(kept, due_of(kept, corpus), on)
    # and before the end of 2021 the open one was not yet overdue
    assert not is_overdue(conf, due, date(2021, 12, 31))


def test_relative_phrases_read_against_the_letter_not_the_promise(corpus):
    # Promised on 20 December 2018, quoted in the letter of 2019: "dit jaar" is 2019.
    c = corpus.commitments["tz-2018-12-20-internationaal-recht-digitaal-domein"]
    due = due_of(c, corpus)
    assert (due.start, due.end) == ("2019-01-01", "2019-06-30")
    assert describe_range(due) == "1 januari 2019 t/m 30 juni 2019"


def test_a_due_field_in_commitments_yaml_overrides_the_parse(tmp_path, content_dir):
    import shutil

    root = tmp_path / "content"
    shutil.copytree(content_dir, root)
    path = root / "commitments.yaml"
    text = path.read_text(encoding="utf-8")
    anchor = "  - id: tz-2021-03-22-internationale-conferentie\n"
    assert anchor in text
    text = text.replace(anchor, anchor + '    due: {to: "2022-12", evidence: "De voortgangsbrief verschuift de conferentie naar eind 2022."}\n')
    text = text.replace("  - id: tz-2019-05-13-visie-ai-en-ethiek\n",
                        "  - id: tz-2019-05-13-visie-ai-en-ethiek\n    due: {evidence: \"naar verwachting: geen harde termijn\"}\n")
    path.write_text(text, encoding="utf-8")
    corpus = load_content(root)
    assert not corpus.errors()
    due = due_of(corpus.commitments["tz-2021-03-22-internationale-conferentie"], corpus)
    assert (due.start, due.end, due.origin) == (None, "2022-12-31", "content")
    assert is_overdue(corpus.commitments["tz-2021-03-22-internationale-conferentie"], due, date(2023, 1, 1))
    none = due_of(corpus.commitments["tz-2019-05-13-visie-ai-en-ethiek"], corpus)
    assert none.none and none.to_json() is None


def test_a_bad_due_field_is_a_check_error_with_its_line(tmp_path, content_dir):
    import shutil

    from briefing_tui.validate import check

    root = tmp_path / "content"
    shutil.copytree(content_dir, root)
    path = root / "commitments.yaml"
    text = path.read_text(encoding="utf-8")
    anchor = "  - id: tz-2021-03-22-internationale-conferentie\n"
    text = text.replace(anchor, anchor + '    due: {from: "2022-13", evidence: "x"}\n')
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index('    due: {from: "2022-13", evidence: "x"}') + 1
    problems = [p for p in check(load_content(root)) if p.code.startswith("deadline.")]
    assert problems and problems[0].line == line and problems[0].code == "deadline.bad_date"
    assert "due.from '2022-13' is geen datum" in problems[0].message
    assert validate_due({"from": "2022", "to": "2021", "evidence": "x"}) is not None
    assert validate_due({"to": "2021"}) is not None
