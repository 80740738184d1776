"""Dutch labels the app shows for values that the core keeps in English."""

from __future__ import annotations

KIND_LABELS = {
    "statement": "Standpunt",
    "passage": "Passage",
    "commitment": "Toezegging",
    "motion": "Motie",
    "qa": "Vraag",
    "note": "Notitie",
}

KIND_FILTER_LABELS = {
    "statement": "Standpunten",
    "passage": "Passages",
    "commitment": "Toezeggingen",
    "motion": "Moties",
    "qa": "Vragen",
}

COMMITMENT_STATUS_LABELS = {
    "open": "open",
    "fulfilled": "nagekomen",
    "partially-fulfilled": "deels nagekomen",
    "lapsed": "vervallen",
    "unknown": "status onbekend",
}

# Commitments that a debate may still hold the minister to.
OPEN_COMMITMENT_STATUSES = ("open", "partially-fulfilled", "unknown")

DEBATE_KINDS = (
    "Commissiedebat",
    "Plenair debat",
    "Tweeminutendebat",
    "Wetgevingsoverleg",
    "Notaoverleg",
    "Schriftelijk overleg",
    "Technische briefing",
)

SUPERSEDED = "VERVANGEN"
REPEATS_SUPERSEDED = "BEVAT VERVANGEN STANDPUNT"
INFERRED = "afgeleid"


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)
