"""Words of the command line that are not problems: summaries, refusals, counts (`cli.*`)."""

TEMPLATES = {
    "cli.check.ok": "content in orde: {counts}{note}",
    "cli.check.failed": "controle van de content mislukt: {errors}, {warnings}",
    "cli.export.no_briefing": "geen briefing {path} (maak er een met `briefing new NAAM`)",
    "cli.export.format_mismatch": "--format {fmt} past niet bij het uitvoerbestand {path} (.{suffix})",
    "cli.export.over_itself": "het pakket wordt niet over de briefing zelf geschreven ({path})",
    "cli.export.content_problems": "let op: de content heeft {problems}; zie `briefing check` (het pakket is gemaakt van wat gelezen kon worden)",
    "cli.export.strict": "{where}: fout (--strict): {message}",
    "cli.export.refused": "{what}; niets geschreven{unchanged}",
    "cli.export.unchanged": " (het eerdere {path} is ongewijzigd)",
    "cli.export.failed": "{reason}; niets geschreven",
    "cli.export.cannot_write": "kan {path} niet schrijven: {reason}; niets geschreven",
    "cli.search.none": "geen resultaten",
    "cli.search.capped": "{shown} van {total} resultaten getoond (meer met --limit)",
    "cli.search.capped_more": "{shown} van meer dan {total} resultaten getoond (meer met --limit)",
    "cli.search.broad": ("(een brede zoekvraag: de eerste {ranked} treffers in de volgorde van de index, huidige en "
                         "nieuwste eerst; meer woorden maken de lijst korter)"),
    "cli.date.invalid": "geen datum (JJJJ, JJJJ-MM of JJJJ-MM-DD): {value!r}",
    "cli.number.invalid": "geen getal: {value!r}",
    "cli.number.too_small": "moet 1 of meer zijn",
}
