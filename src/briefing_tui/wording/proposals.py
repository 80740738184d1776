"""Words for proposals (`briefing propose`, the review screen): reasons, refusals, messages."""

from __future__ import annotations

from typing import Any

TEMPLATES = {
    # Why an older statement may be replaced (`propose.Relation.reason`).
    "proposal.reason.topic": "onderwerp {topic}",
    "proposal.reason.turned": "het standpunt is gewijzigd ({changes})",
    "proposal.reason.gone": "«{word}» vervalt",
    "proposal.reason.added": "«{word}» erbij",
    "proposal.reason.same_line": "zelfde lijn, nieuwer",
    "proposal.reason.shared": "gedeelde woorden: {words}",
    # Accepting refused (`proposals.write.Refused`): nothing was written.
    "proposal.refused.file_errors": "{path} heeft fouten; herstel het bestand eerst (briefing check)",
    "proposal.refused.not_a_list": "{path}: '{key}' is geen lijst; herstel het bestand eerst",
    "proposal.refused.unsafe_append": "kan het nieuwe item niet veilig toevoegen aan {path}; er is niets geschreven",
    "proposal.refused.unknown_area": "onbekend domein of forum: {area}",
    "proposal.refused.empty_line": "de regel is leeg; geef een regel in eigen woorden",
    "proposal.refused.unknown_source": "bron {source} bestaat niet (meer)",
    "proposal.refused.unknown_statement": "standpunt {id} bestaat niet (meer)",
    "proposal.refused.other_topic": ("{id} hoort bij onderwerp {topic}, niet bij {wanted}; een standpunt kan alleen een "
                                     "ouder standpunt van hetzelfde onderwerp vervangen (kies dat onderwerp of geen relatie)"),
    "proposal.refused.superseded": "{id} is al vervangen door {by}",
    "proposal.refused.no_topic": "geef een onderwerp als domein/vraag (bijvoorbeeld laws/verbod)",
    "proposal.refused.no_area": "geef ten minste één domein of forum",
    "proposal.refused.missing_file": "{path} bestaat niet",
    "proposal.refused.bad_id": "kan geen geldig id maken uit onderwerp {topic}",
    "proposal.refused.updates_without_relation": ("'werkt bij' hoort bij een relatie: kies het oudere standpunt "
                                                  "dat deels blijft gelden"),
    "proposal.refused.updates_without_holds": ("zeg wat van {id} blijft gelden; een standpunt dat een ouder "
                                               "standpunt bijwerkt, noemt wat daarvan blijft gelden"),
    "proposal.refused.changed": "{path} is intussen gewijzigd; er is niets geschreven, probeer opnieuw",
    # content/rejections.yaml
    "proposal.rejection.invalid_file": "{path} is geen geldige lijst 'rejections:'; herstel het bestand eerst",
    "proposal.rejection.unsafe": "kan de afwijzing niet veilig toevoegen aan {path}; er is niets geschreven",
    "proposal.rejection.changed": "{path} is intussen gewijzigd; er is niets geschreven, probeer opnieuw",
    # briefing propose
    "propose.header": "Voorstellen uit {source} ({title}): {count}",
    "propose.nothing_close": "niets dat dichtbij ligt",
    "propose.skipped": "Niet voorgesteld: {reasons}.",
    "propose.skipped.known": "{n} al in de kennisbank",
    "propose.skipped.rejected": "{n} eerder afgewezen",
    "propose.skipped.unverifiable": "{n} niet letterlijk te controleren",
    "propose.edits_need_one_accept": "--relation, --updates, --line, --topic, --domain en --forum horen bij precies één --accept",
    "propose.accept_and_reject": "een voorstel kan niet tegelijk aanvaard en afgewezen worden",
    "propose.no_source": "bron '{source}' bestaat niet in {folder}",
    "propose.no_proposal": "geen voorstel nr. {n} (er zijn er {count})",
    "propose.written": "voorstel {n}: {id} geschreven in {path}",
    "propose.written_replacing": "voorstel {n}: {id} geschreven in {path}, vervangt {replaced}",
    "propose.written_updating": "voorstel {n}: {id} geschreven in {path}, werkt {updated} bij (blijft gelden: {holds})",
    "propose.updates_needs_one_relation": "--updates hoort bij hoogstens één --relation: het oudere standpunt dat deels blijft gelden",
    "propose.not_written": "voorstel {n}: niet geschreven: {reason}",
    "propose.rest_not_done": "niet verwerkt: voorstel {ns} (de index moet eerst bijgewerkt zijn)",
    "propose.rejected": "voorstel {n}: afgewezen (onthouden in {path})",
    "propose.not_rejected": "voorstel {n}: niet afgewezen: {reason}",
    "propose.after_import": "Standpunten voorstellen: briefing propose {source} (of in de app: ^p, Voorstellen beoordelen)",
    # the review screen
    "review.computing": "Voorstellen worden berekend…",
    "review.failed": "Geen voorstellen: {error}",
    "review.none": "Deze bron stelt niets (meer) voor: alles staat al in de kennisbank of is afgewezen.",
    "review.count": "{count} voorstellen",
    "review.busy": "Even wachten: het vorige voorstel wordt nog geschreven.",
    "review.already_accepted": "Voorstel {n} is al aanvaard.",
    "review.already_rejected": "Voorstel {n} is al afgewezen.",
    "review.not_written": "Voorstel {n} niet geschreven",
    "review.accepted": "Voorstel {n} aanvaard",
    "review.accepted_body": "{id} geschreven in {path}",
    "review.rejected": "Voorstel {n} afgewezen",
    "review.rejected_body": "Onthouden in {path}",
    "review.relation_dropped": "Relatie met {id} vervalt: dat standpunt hoort bij een ander onderwerp.",
    "review.updates_needs_relation": "Kies eerst met v het oudere standpunt dat dit standpunt bijwerkt.",
    "review.updates_title": "Wat blijft gelden van {id}?",
    "review.updates_note": ("Oud: {line}\nDit standpunt werkt het oudere bij: dat blijft actueel, en de tijdlijn en het "
                            "pakket tonen wat ervan blijft gelden. Zeg dat in eigen woorden."),
    "review.updates_without_holds": "Niets gekozen: zeg wat van {id} blijft gelden (of kies vervangt).",
    "review.superseding": "{id} wordt vervangen (niet bijgewerkt).",
    "review.no_relation": "Dit voorstel vervangt niets dat dichtbij ligt.",
    "review.corpus_loading": "De kennisbank wordt nog geladen.",
    "review.offer_title": "Nieuwe bron zonder standpunten",
    "review.offer": "«{title}»: ^p → Voorstellen beoordelen stelt de standpunten en wat ze vervangen voor.",
    "review.offer_more": "«{title}» en nog {more}: ^p → Voorstellen beoordelen stelt de standpunten en wat ze vervangen voor.",
}


def describe_reason(code: str, data: dict[str, Any]) -> str:
    """The reason of a relation (`propose.Relation.reason`) in one line."""
    from briefing_tui.wording import say

    parts = []
    if data.get("topic"):
        parts.append(say("proposal.reason.topic", topic=data["topic"]))
    if code == "proposal.reason.turned":
        changes = [say("proposal.reason.gone", word=w) for w in data.get("gone", ())]
        changes += [say("proposal.reason.added", word=w) for w in data.get("added", ())]
        parts.append(say(code, changes=", ".join(changes)))
    else:
        parts.append(say("proposal.reason.same_line"))
    parts.append(say("proposal.reason.shared", words=", ".join(data.get("shared", ())) or "geen"))
    return "; ".join(parts)
