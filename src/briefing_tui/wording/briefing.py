"""Words for briefings: their files and what they refer to (`briefing.*`)."""

TEMPLATES = {
    # Reading the file (briefing_read.py); `what` names the field in Dutch.
    "briefing.not_single": "{what} moet één waarde zijn, niet {kind}",
    "briefing.empty_field": "{what} mag niet leeg zijn",
    "briefing.surrogate": "{what}: bevat een ongeldig teken ({char}, een losse surrogaat) dat in geen bestand geschreven kan worden; verwijder het",
    "briefing.bad_date": "{what}: geen datum van de vorm JJJJ-MM-DD, JJJJ-MM of JJJJ: '{value}'",
    "briefing.not_mapping": "{what} moet een mapping zijn (sleutel: waarde), niet {kind}",
    "briefing.not_list": "{what} moet een lijst zijn",
    "briefing.key_not_text": "de briefing: sleutel {key} is geen tekst",
    "briefing.no_title": "de briefing heeft geen titel (title:)",
    "briefing.unknown_field": "onbekend veld '{field}'{where}; verwacht: {expected}",
    "briefing.member_no_name": "een lid heeft een naam nodig (name:)",
    "briefing.agenda_entry": "een agendapunt heeft precies één van 'source: <id>', 'number: <documentnummer>' of 'citation: <tekst>' (en eventueel 'heading: <kop>')",
    "briefing.section_no_key": "een sectie heeft een key nodig (een van {keys})",
    "briefing.unknown_section": "onbekende sectie '{key}'; verwacht een van {keys}",
    "briefing.section_twice": "sectie '{key}' staat er twee keer (eerst op regel {first}); de items worden samengevoegd",
    "briefing.item_kinds": "een item heeft {how} soort; gebruik precies één van {kinds}",
    "briefing.passage_form": "passage '{ref}': verwacht '<bron-id>#<nummer>', bijv. 'kst-33694-45#3'",
    "briefing.note_position": "een notitie heeft geen standpuntregel (position); zet de tekst in de notitie",
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
