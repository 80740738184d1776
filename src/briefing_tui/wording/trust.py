"""Words for issue 13's checks: repeated and updated lines, relation kinds, citations that are
not complete, quotes cut mid-sentence, currency, and completing source metadata."""

TEMPLATES = {
    # briefings
    "briefing.updated": "{section}: standpunt '{ref}' is bijgewerkt door '{newer}' en geldt nog maar ten dele "
                        "(blijft gelden: {holds})",
    "briefing.repeats_superseded": "{section}: {kind} '{ref}' herhaalt het citaat van standpunt '{statement}', "
                                   "dat vervangen is door '{latest}'",
    "briefing.stale": "{topic}: het nieuwste standpunt ('{statement}', huidig standpunt, {when}) is meer dan een jaar "
                      "ouder dan het debat van {debate}; ga na of er nieuwere stukken zijn",
    # content checks (`briefing check`)
    "check.updates_unknown": "standpunt '{id}': updates '{value}', dat geen bekend standpunt is{hint}",
    "check.updates_itself": "standpunt '{id}': werkt zichzelf bij",
    "check.updates_other_topic": "standpunt '{id}' (onderwerp '{topic}') werkt '{value}' van een ander onderwerp "
                                 "bij ('{other_topic}')",
    "check.updates_newer": "standpunt '{id}' ({date}) werkt '{value}' bij, dat nieuwer is ({other_date})",
    "check.updates_without_holds": "standpunt '{id}': werkt '{value}' bij zonder te zeggen wat ervan blijft gelden",
    "check.supersedes_and_updates": "standpunt '{id}': vervangt én werkt '{value}' bij; een verband is het een of "
                                    "het ander",
    "check.inferred_and_established": "bron '{id}': '{field}' is zowel afgeleid als vastgesteld; het is het een "
                                      "of het ander",
    "check.citation_no_number": "bron '{id}' heeft geen Kamerstuk- of Aanhangselnummer: de bronvermelding is "
                                "onvolledig (vul aan met `briefing source set`)",
    "check.citation_no_date": "bron '{id}' heeft geen exacte datum ({date}): de bronvermelding is onvolledig "
                              "(vul aan met `briefing source set`)",
    "check.quote_cut_start": "{kind} '{id}': {field} begint midden in een zin van de bron; markeer de weglating "
                             "met '(…) ' ervoor",
    "check.quote_cut_end": "{kind} '{id}': {field} eindigt midden in een zin van de bron; markeer de weglating "
                           "met ' (…)' erachter",
    # briefing source set
    "source.set_done": "{path}: {fields} vastgesteld uit {evidence}",
}
