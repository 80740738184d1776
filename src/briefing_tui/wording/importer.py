"""Words for `briefing import` (`import.*`): what it refuses, and why."""

TEMPLATES: dict[str, str] = {
    "import.xml_malformed": "{name}: beschadigde XML{where}: {reason}",
    "import.xml_entities": (
        "{name}: de XML declareert entiteiten of verwijst naar externe bestanden; zulke XML wordt niet gelezen"
    ),
    "import.xml_second_body": "{name}: een tweede publicatie-XML; importeer één publicatie tegelijk",
    "import.xml_second_metadata": "{name}: een tweede metadata.xml; importeer één publicatie tegelijk",
    "import.xml_other_kind": (
        "{name}: XML van een andere soort (<{root}>); gelezen worden de officiële publicatie (<officiele-publicatie>) en metadata.xml (<metadata_gegevens>) van officielebekendmakingen"
    ),
    "import.zip_damaged": "{name}: beschadigd zip-bestand",
    "import.zip_other_files": (
        "{name}: het zip-bestand bevat ook {others}; verwacht alleen de XML en metadata.xml van één publicatie"
    ),
    "import.zip_no_xml": "{name}: het zip-bestand bevat geen XML",
    "import.zip_member_too_big": "{name}: {member} is te groot voor een publicatie ({size})",
    "import.folder_no_xml": (
        "{name}: is een map zonder XML; geef een bestand, of een map met de XML en metadata.xml"
    ),
    "import.folder_other_files": (
        "{name}: de map bevat ook {others}; verwacht alleen de XML en metadata.xml van één publicatie"
    ),
    "import.unreadable": "{name}: kan niet gelezen worden ({reason})",
    "import.xml_named_not_xml": "{name}: heet .xml maar is geen XML",
    "import.web_page_empty": "{name}: de webpagina bevat geen tekst",
    "import.xml_no_text": "{name}: de publicatie-XML bevat geen tekst",
    "import.metadata_only": (
        "{names}: alleen metadata, geen tekst; importeer de XML van de publicatie erbij (een map of zip met beide), of de PDF; of werk met --update een bron bij die deze publicatie al is"
    ),
    "import.syncfeed_other_entity": "{name}: een SyncFeed van <{entity}>; gelezen worden {entities}",
    "import.json_malformed": "{name}: beschadigde JSON{where}",
    "import.json_no_records": "{name}: JSON zonder OData-records (verwacht een object met 'value')",
    "import.json_no_context": (
        "{name}: JSON zonder '@odata.context'; verwacht een download van de OData-API van de Tweede Kamer"
    ),
    "import.odata_other_entity": "{name}: OData van {entity}; gelezen worden {entities}",
    "import.not_open_data": (
        "{name}: geen SyncFeed of OData; verwacht alleen open-data-bestanden van de Tweede Kamer"
    ),
    "import.feed_empty": "{name}: de feed bevat geen records",
    "import.open_data_nothing": (
        "geen toezeggingen of moties in de download (wel: {entities}); Persoon en Fractie worden gelezen bij toezeggingen en stemmingen in dezelfde download (map of zip)"
    ),
    "import.yaml_invalid": "{name}: is geen geldige YAML; herstel het bestand eerst ({reason})",
    "import.yaml_not_a_list": "{name}: verwacht '{key}:' met een lijst; herstel het bestand eerst",
    "import.yaml_item_missing": "{name}: kan {id} niet vinden om bij te werken; er is niets geschreven",
    "import.yaml_unsafe": (
        "{name}: kan de records niet veilig bijwerken in dit bestand; er is niets geschreven"
    ),
    "import.bad_dossier_option": "--dossier '{value}': een dossiernummer is zoals 33694, 21501-02 of 35925-X",
    "import.update_needs_official": (
        "--update werkt met officiële gegevens: de XML van de publicatie en/of metadata.xml"
    ),
    "import.update_nothing_there": "bron '{id}' is er nog niet; importeer zonder --update",
    "import.publication_present_update": (
        "deze publicatie is al geïmporteerd als bron '{id}' ({path}); de officiële gegevens vullen aan of wijken af ({fields}): geef --update om de metadata bij te werken (de tekst blijft)"
    ),
    "import.publication_present_same": (
        "deze publicatie is al geïmporteerd als bron '{id}' ({path}) met dezelfde officiële gegevens"
    ),
    "import.publication_up_to_date": "bron '{id}' ({path}) heeft de officiële gegevens al; er is niets bijgewerkt",
    "import.source_without_text": "bron '{id}' ({path}) heeft geen tekstbestand; herstel dat eerst",
}
