"""Questions and answers of an answer document become qa items, verbatim: each question with
the answer that answers it, whether answered one by one, together, or under a bare heading."""

from __future__ import annotations

from pathlib import Path

from briefing_tui.importer.qa import find_qa, find_questions
from briefing_tui.quotes import QuoteIndex

DATA = Path(__file__).parent / "data" / "import"


def test_one_by_one_and_joint_answers():
    items = find_qa((DATA / "antwoorden.txt").read_text(encoding="utf-8"))
    assert [i.number for i in items] == [1, 2, 3]
    assert items[0].answer == "Ja." and items[0].answer_locator == "Antwoord 1"
    assert items[1].answer == items[2].answer
    assert items[1].answer_locator == "Antwoord vragen 2 en 3"


def test_real_answers_with_ocr_headings(source_text):
    text = source_text("2021-03-22-antwoorden-motie-koopmans")
    items = find_qa(text)
    assert [i.number for i in items] == [1, 2, 3, 4, 5]
    assert [i.answer_locator for i in items] == [
        "Antwoord vragen 1 en 2", "Antwoord vragen 1 en 2", "Antwoord", "Antwoord vragen4en 5", "Antwoord vragen4en 5",
    ]
    assert items[2].question == "Welke concrete stappen zijn ondernomen sinds 28 oktober 20207"
    assert items[3].question == "Welke concrete initiatieven zullen dit jaar worden ondernomen?"
    index = QuoteIndex.for_text(text)
    for item in items:  # verbatim, as the quote checker sees it
        assert index.contains(item.question), item.number
        assert index.contains(item.answer), item.number


def test_inline_headings_and_ranges():
    text = (
        "Antwoord van staatssecretaris Visser (Defensie) (ontvangen 2 februari 2021).\n\n"
        "Vraag 1: Klopt het dat Defensie drones aanschaft?\n"
        "Antwoord 1: Ja, vier MQ-9 Reapers.\n\n"
        "Vraag 2\nWanneer worden zij geleverd?\n\n"
        "Vraag 3\nWaar worden zij gestationeerd?\n\n"
        "Vraag 4\nWie bedient ze?\n\n"
        "Antwoord op vragen 2 t/m 4\nDe levering, stationering en bemensing worden in 2022 bekend.\n\n"
        "De staatssecretaris van Defensie,\n\nB. Visser\n"
    )
    items = find_qa(text)
    assert [(i.number, i.answer_locator) for i in items] == [
        (1, "Antwoord 1"), (2, "Antwoord op vragen 2 t/m 4"), (3, "Antwoord op vragen 2 t/m 4"), (4, "Antwoord op vragen 2 t/m 4"),
    ]
    assert items[0].question == "Klopt het dat Defensie drones aanschaft?"
    assert items[0].answer == "Ja, vier MQ-9 Reapers."
    assert items[3].answer == "De levering, stationering en bemensing worden in 2022 bekend."  # signature not included


def test_unanswered_question_is_left_out():
    text = "Vraag 1\nEerste vraag?\n\nAntwoord 1\nEerste antwoord.\n\nVraag 2\nTweede vraag zonder antwoord?\n"
    assert [i.number for i in find_qa(text)] == [1]


def test_questions_of_a_questions_document():
    questions = find_questions((DATA / "vragen.txt").read_text(encoding="utf-8"))
    assert list(questions) == [1, 2, 3]
    assert questions[1] == "Bent u bekend met het bericht «Gesprekken over killer robots in Genève lopen vast»1?"
    assert "NRC" not in questions[3]  # the footnote is not part of the last question
