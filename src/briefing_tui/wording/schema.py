"""Words for the shape of a file, checked against its JSON Schema (`briefing_tui.schema`)."""

TEMPLATES = {
    "schema.not_a_mapping": "{where} moet een mapping van velden zijn, geen {got}",
    "schema.unknown_field": "{where}: onbekend veld '{field}' (bekende velden: {known})",
    "schema.required": "{where}: verplicht veld '{field}' ontbreekt",
    "schema.empty": "{where}: verplicht veld '{field}' is leeg",
    "schema.type": "{where} moet {expected} zijn, geen {got}{advice}",
    "schema.pattern": "{where}: '{value}' heeft niet de vorm {pattern}",
    "schema.enum": "{where}: '{value}' is niet een van {options}",
    "schema.minimum": "{where} moet minstens {minimum} zijn",
    "schema.min_items": "{where} moet minstens {minimum} element(en) hebben",
    "schema.other": "{where}: {detail}",
}
