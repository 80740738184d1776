"""Words for briefings: their files and what they refer to (`briefing.*`)."""

TEMPLATES = {
    "briefing.file": "{text}",
    "briefing.agenda_unknown_source": "agenda: onbekende bron '{source}'",
    "briefing.passage_ref": "{section}: passage '{ref}': verwacht '<bron-id>#<nummer>'",
    "briefing.passage_unknown_source": "{section}: passage '{ref}': onbekende bron '{source}'",
    "briefing.passage_text_unreadable": "{section}: passage '{ref}': de tekst van bron '{source}' kan niet gelezen worden",
    "briefing.passage_out_of_range": "{section}: passage '{ref}': bron '{source}' heeft {count} passages",
    "briefing.unknown_record": "{section}: {kind} '{ref}' bestaat niet",  # not 'onbekende {kind}': 'onbekend standpunt'
    "briefing.cites_unknown_source": "{section}: {kind} '{ref}' citeert onbekende bron '{source}'",
    "briefing.superseded": "{section}: standpunt '{ref}' is vervangen door '{latest}'",
    "briefing.qa_superseded": "{section}: vraag '{ref}' steunt op standpunt '{statement}', dat vervangen is door '{latest}'",
}
