"""Words for the debate view and deadlines (`debate.*`, `deadline.*`)."""

TEMPLATES = {
    # commitments.yaml: a commitment's `due` override (briefing check)
    "deadline.not_a_mapping": "toezegging '{id}': due moet een mapping zijn met from, to en evidence",
    "deadline.bad_date": "toezegging '{id}': due.{field} '{value}' is geen datum (JJJJ, JJJJ-MM of JJJJ-MM-DD)",
    "deadline.to_before_from": "toezegging '{id}': due.to ({end}) ligt voor due.from ({start})",
    "deadline.no_evidence": "toezegging '{id}': due heeft evidence nodig: de zinsnede of reden waarop de termijn rust",
    # a briefing's agenda (check_references; kept here with the rest of the debate's words)
    "briefing.agenda_bad_number": "agenda: '{number}' is geen officieel documentnummer (bijv. '33 694, nr. 45' of 'kst-33694-45')",
    # per agenda item (briefing debate, the debate screen)
    "debate.agenda_not_in_kb": "{label} staat niet in de kennisbank; de onderwerpen zijn afgeleid uit de kop en de omschrijving",
    "debate.agenda_no_topics": "{label} staat niet in de kennisbank en noemt geen bekend onderwerp; geef het agendapunt een kop met het onderwerp",
    "debate.superseded_in_briefing": "de briefing bevat het standpunt van {date_nl} (‘{label}’), inmiddels vervangen door dat van {by_date_nl}",
    "debate.superseded_in_answer": "vraag {number} in de briefing steunt op {count} inmiddels vervangen standpunt(en)",
    "debate.kept_in_briefing": "de toezegging ‘{label}’ in de briefing is inmiddels nagekomen",
    "debate.positions_missing": "{missing} van {total} huidige standpunten staan niet in de briefing",
    "debate.stale_positions": "{count} van {total} onderwerpen hebben geen standpunt van het laatste jaar voor het debat (oudste: {date_nl})",
    "debate.overdue_not_in_briefing": "de verlopen toezegging ‘{label}’ (termijn tot {to_nl}) staat niet in de briefing",
    # messages of `briefing debate` and `briefing new`
    "debate.no_briefing": "geen briefing {path} (maak er een met `briefing new NAAM`)",
    "debate.no_content": "geen kennisbank in {path} (geef --content MAP of zet BRIEFING_CONTENT)",
    "debate.content_problems": "waarschuwing: de kennisbank heeft {n} probleem/problemen; draai `briefing check`",
    "debate.ics_written": "agenda met termijnen geschreven: {path}",
    "debate.cannot_write": "kan {path} niet schrijven: {reason}",
    "debate.member_needs_name": "--member heeft een naam nodig, bijv. --member \"Koopmans (VVD)\"",
}
