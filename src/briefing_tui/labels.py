"""Dutch labels for values that the core keeps in English (kinds, statuses, debate kinds): shared
by the app and the command line."""

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


def plural(n: int, one: str, many: str) -> str:
    """'1 standpunt', '3 standpunten'."""
    return f"{n} {one if n == 1 else many}"


def motion_label(motion) -> str:
    """"Amendement" for a record of motions.yaml whose title says it is one, else "Motie"."""
    return "Amendement" if motion.title.lower().startswith("amendement") else KIND_LABELS["motion"]


def topic_label(topic: str) -> str:
    """A topic as words: "wapenbeheersing/juridische-expertmeeting" -> "juridische expertmeeting"."""
    last = topic.rstrip("/").rpartition("/")[2] or topic
    return last.replace("-", " ").replace("_", " ")
