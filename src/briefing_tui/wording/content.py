"""Words for reading files: guards (`file.*`), YAML (`yaml.*`) and the content loader (`content.*`)."""

TEMPLATES = {
    # file guards (yamlio.read_guarded)
    "file.unreadable": "{what} kan niet gelezen worden: {reason}",
    "file.not_regular": "{what} is geen gewoon bestand (een map, apparaat, pipe of socket) en wordt niet gelezen",
    "file.too_large": "{what} is te groot ({size}; de grens is {limit})",
    "file.empty": "{what} is leeg",
    "file.binary": "{what} is binair, geen tekst (NUL-byte op byte {offset})",
    "file.not_utf8": "{what} is geen UTF-8: ongeldige byte {byte} op byte {offset}",
    # YAML (yamlio.parse_yaml)
    "yaml.invalid": "geen geldige YAML: {detail}",
    "yaml.too_deep": "geen geldige YAML: te diep genest",
    "yaml.too_many_aliases": "te veel aliassen (meer dan {max}); inhoudsbestanden hebben er geen nodig",
    "yaml.tag_not_allowed": "de tag '{tag}' is niet toegestaan: inhoudsbestanden bevatten alleen gewone gegevens",
    "yaml.bad_tagged_value": "waarde past niet bij haar tag: {detail}",
    "yaml.duplicate_key": "sleutel '{key}' staat er twee keer",
    "yaml.no_content": "YAML-bestand heeft geen inhoud (alleen commentaar of lege regels)",
    # the content folder and its files (store.scan, content loader)
    "content.no_folder": "de inhoudsmap bestaat niet",
    "content.not_a_folder": "de inhoudsmap is geen map",
    "content.no_knowledge_base": "de inhoudsmap bevat geen kennisbank: geen bestanden in sources/, domains/ of forums/ en geen commitments.yaml, motions.yaml, qa.yaml of synonyms.yaml",
    "content.folder_unreadable": "de inhoudsmap kan niet gelezen worden: {reason}",
    "content.link_outside": "koppeling wijst buiten de inhoudsmap (naar {target}) en wordt niet gelezen",
    "content.not_regular": "geen gewoon bestand (een pipe, apparaat of socket) en wordt niet gelezen",
    "content.unknown_file": "onbekend inhoudsbestand '{name}': verwacht {expected} of een bestand in sources/, domains/ of forums/",
    "content.text_without_metadata": "brontekst zonder metagegevens: voeg sources/{stem}.yaml toe",
    "content.source_without_text": "bron heeft geen tekstbestand: sources/{stem}.txt ontbreekt",
    "content.id_differs_from_file": "{kind} heeft id '{id}', maar het bestand heet '{stem}'",
    "content.bad_id": "{kind} '{id}': een id bestaat uit kleine letters, cijfers, '.', '_' of '-' ([a-z0-9][a-z0-9._-]*)",
    "content.duplicate_id": "id '{id}' komt twee keer voor: al gedefinieerd als {other_kind} op {other}",
    "content.duplicate_id_again": "id '{id}' komt twee keer voor: opnieuw gedefinieerd als {other_kind} op {other}",
}
