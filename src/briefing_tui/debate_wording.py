"""Dutch wording of the debate view's notices (codes with data, as `debate.Notice` gives them)."""

from __future__ import annotations

from briefing_tui.dates import format_nl

TEMPLATES: dict[str, str] = {
    "debate.agenda_not_in_kb": "{label} staat niet in de kennisbank; de onderwerpen zijn afgeleid uit de kop en de omschrijving",
    "debate.agenda_no_topics": "{label} staat niet in de kennisbank en noemt geen bekend onderwerp; geef het agendapunt een kop met het onderwerp",
    "debate.superseded_in_briefing": "de briefing bevat standpunt {id}, inmiddels vervangen door {by}",
    "debate.superseded_in_answer": "vraag {id} in de briefing steunt op {count} inmiddels vervangen standpunt(en)",
    "debate.kept_in_briefing": "toezegging {id} in de briefing is inmiddels nagekomen",
    "debate.positions_missing": "{missing} van {total} huidige standpunten staan niet in de briefing",
    "debate.stale_positions": "{count} van {total} onderwerpen hebben geen standpunt van de laatste {years} jaar voor het debat (oudste: {date_nl})",
    "debate.overdue_not_in_briefing": "verlopen toezegging {id} (termijn tot {to_nl}) staat niet in de briefing",
}


def word(code: str, **data: object) -> str:
    """The Dutch text of a notice."""
    extra = {}
    for key in ("date", "to"):
        if key in data:
            extra[f"{key}_nl"] = format_nl(data[key]) if data[key] else "onbekend"  # type: ignore[arg-type]
    return TEMPLATES[code].format(**data, **extra)
