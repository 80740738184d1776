"""Dutch wording of what the proposals core reports as codes (moves to `wording/proposals.py`
once the project's `wording` package is in place)."""

from __future__ import annotations

__all__ = ["TEMPLATES", "describe_reason"]

TEMPLATES = {
    "proposal.relation.turned": "{topic_part}het standpunt is gewijzigd ({changes}); gedeelde woorden: {shared}",
    "proposal.relation.same_line": "{topic_part}zelfde lijn, nieuwer; gedeelde woorden: {shared}",
}


def describe_reason(code: str, data: dict) -> str:
    topic_part = f"onderwerp {data['topic']}; " if data.get("topic") else ""
    changes = ", ".join([f"«{w}» vervalt" for w in data.get("gone", [])] + [f"«{w}» erbij" for w in data.get("added", [])])
    shared = ", ".join(data.get("shared", [])) or "geen"
    return TEMPLATES[code].format(topic_part=topic_part, changes=changes, shared=shared)
