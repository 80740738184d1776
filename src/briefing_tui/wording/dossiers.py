"""Words for Kamerstuk dossier numbers (`briefing_tui.dossiers`, the one definition)."""

TEMPLATES = {
    "check.dossier_stored_form": (
        "{kind} '{id}': dossiernummer '{value}' schrijf je als '{stored}' "
        "(cijfers zonder spaties, een achtervoegsel na een streepje)"
    ),
}
