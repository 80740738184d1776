"""Words for the guards against hostile or oversized input (issue 14) that report as codes."""

TEMPLATES: dict[str, str] = {
    "check.synonym_group_large": (
        "synoniemengroep met {count} termen: een zoekvraag gebruikt de getypte term en de eerste {others} "
        "andere; splits de groep in kleinere groepen"
    ),
}
