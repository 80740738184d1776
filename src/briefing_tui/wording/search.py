"""Words for search: what a search read from the query, and why a hit ranks where it does.

The engine gives the facts (`SearchResult.intents`, `searched_for`, `partial`; `Hit.why`,
`Hit.also`, `Hit.key`, `Hit.partial`); the CLI (`briefing search`, `--explain`) and the app (the
chips, the note beside them, `f2`) word them here, so both say the same.
"""

from __future__ import annotations

from typing import Any

TEMPLATES = {
    "search.searched_for": "gezocht op: {text}",
    "search.intents": "filters uit de zoekvraag: {labels}",
    "search.partial": "ook gedeeltelijke treffers",
    "search.also": "ook in: {ids}",
    "search.key": "kernpositie",
    "search.partial_hit": "gedeeltelijk",
    "search.why": "waarom: score {score} = {parts}",
    "search.why_unscored": "waarom: niet gescoord (een brede zoekvraag, of voorbij de best passende treffers): in de volgorde van de index",
    "search.why_concept": "{concept} {where} (gewicht {weight})",
    "search.why_factor": "{factor} x{value}",
    "search.intent.kind": "soort: {value}",
    "search.intent.status": "status: {value}",
    "search.intent.period": "periode: {value}",
    "search.intent.year": "jaar: {value}",
    "search.intent.since": "sinds: {value}",
}

WHERE = {"own": "in de eigen tekst", "compound": "als deel van een samenstelling", "context": "alleen in de rubricering"}
FACTORS = {
    "kind": "soort", "superseded": "vervangen", "key": "kernpositie", "period": "periode uit de zoekvraag",
    "partial": "gedeeltelijke treffer",
}
KINDS = {"commitment": "toezeggingen", "motion": "moties", "qa": "Kamervragen"}
STATUSES = {"open": "open", "fulfilled": "nagekomen"}


def _say(code: str, **data: Any) -> str:
    from briefing_tui.wording import say

    return say(code, **data)


def intent_label(intent: Any) -> str:
    """"soort: toezeggingen", "status: open", "jaar: 2019", "periode: 2021-03", "sinds: 2020-10"."""
    if intent.kind == "kind":
        return _say("search.intent.kind", value=KINDS.get(intent.value, intent.value))
    if intent.kind == "status":
        return _say("search.intent.status", value=STATUSES.get(intent.value, intent.value))
    if intent.kind == "since":
        return _say("search.intent.since", value=intent.value)
    return _say("search.intent.period" if "-" in intent.value else "search.intent.year", value=intent.value)


def query_lines(result: Any, *, intents: bool = True) -> list[str]:
    """What the query was read as: corrections, filters from its words, partial matches."""
    lines = []
    if result.searched_for:
        lines.append(_say("search.searched_for", text=result.searched_for))
    if intents and result.intents:
        lines.append(_say("search.intents", labels=", ".join(intent_label(i) for i in result.intents)))
    if result.partial:
        lines.append(_say("search.partial"))
    return lines


def also_line(hit: Any) -> str:
    return _say("search.also", ids=", ".join(hit.also))


def why_line(hit: Any) -> str:
    """'waarom: score 9,26 = verbod in de eigen tekst (gewicht 3); soort x1,3; kernpositie x1,25'."""
    why = hit.why
    if not why:
        return _say("search.why_unscored")
    parts = [_say("search.why_concept", concept=c["concept"], where=WHERE.get(c["where"], c["where"]), weight=_n(c["weight"]))
             for c in why["concepts"]]
    parts += [_say("search.why_factor", factor=FACTORS.get(k, k), value=_n(v)) for k, v in why["factors"].items() if v != 1.0]
    return _say("search.why", score=_n(hit.score), parts="; ".join(parts))


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")
