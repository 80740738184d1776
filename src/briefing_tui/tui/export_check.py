"""What the app says before an export that holds superseded statements (in Dutch, no ids)."""

from __future__ import annotations

from typing import Any

from briefing_tui.labels import plural
from briefing_tui.wording import say


def superseded_summary(
    corpus: Any,
    direct: list[str],
    in_answers: list[tuple[str, str]],
    repeating: list[tuple[Any, tuple[str, ...]]] = (),
    shown: int = 6,
) -> str:
    """What the export confirmation says about superseded statements: each by its date and
    position, with the one that replaced it (the user never sees an id)."""
    from briefing_tui.tui.render import dated, statement_date
    from briefing_tui.tui.render import first_sentence

    def line(sid: str) -> str:
        st = corpus.statements[sid]
        newer = corpus.statements.get(corpus.latest_in_chain(sid))
        text = f"  • {dated(*statement_date(corpus, st))}: {first_sentence(st.position, 90)}"
        if newer is not None:
            text += "\n      " + say("app.export.replaced_by", date=dated(*statement_date(corpus, newer)),
                                       position=first_sentence(newer.position, 90))
        return text

    parts: list[str] = []
    if direct:
        parts.append(say("app.export.superseded", count=plural(len(direct), "vervangen standpunt", "vervangen standpunten")))
        parts += [line(sid) for sid in direct[:shown]]
        if len(direct) > shown:
            parts.append("  " + say("app.export.more", n=len(direct) - shown))
    if in_answers:
        questions = list(dict.fromkeys(q for q, _ in in_answers))
        statements = list(dict.fromkeys(sid for _, sid in in_answers))
        verb = "steunt" if len(questions) == 1 else "steunen"
        parts.append(say(
            "app.export.in_answers",
            answers=plural(len(questions), "antwoord", "antwoorden"),
            verb=verb,
            statements=plural(len(statements), "standpunt dat inmiddels is vervangen", "standpunten die inmiddels zijn vervangen"),
        ))
        parts += [line(sid) for sid in statements[:shown]]
        if len(statements) > shown:
            parts.append("  " + say("app.export.more", n=len(statements) - shown))
    if repeating:
        from briefing_tui.tui.screens.briefing_editor import item_label

        verb = "herhaalt" if len(repeating) == 1 else "herhalen"
        parts.append(say("app.export.repeating", items=plural(len(repeating), "onderdeel", "onderdelen"), verb=verb))
        for item, ids in repeating[:shown]:
            parts.append(f"  {item_label(item, corpus)}:")
            parts += ["  " + line(sid) for sid in ids[:shown]]
            if len(ids) > shown:
                parts.append("    " + say("app.export.more", n=len(ids) - shown))
        if len(repeating) > shown:
            parts.append("  " + say("app.export.more", n=len(repeating) - shown))
    return "\n".join(parts)
