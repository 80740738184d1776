"""Which sentences state a position, commitment or intention, and whose.

Every rule is a Dutch phrase pattern, matched on the sentence in lower case:

- **who**: the cabinet speaks when the sentence has a cabinet subject ("het kabinet",
  "Nederland", "de regering", "ik", "wij", "de Nederlandse inzet") or "volgens/naar oordeel van
  het kabinet"; someone else when the sentence reports another party ("de AIV en CAVV",
  "volgens het advies", "het Europees Parlement", "uw Kamer", "de motie", "de conferentie", a
  forum of the knowledge base named as subject) and no cabinet subject comes first. A sentence
  with no subject at all counts as the cabinet's when it has a cue (the letter is the cabinet's).
- **position cues** and their weights (`POSITION_CUES`): "neemt aanbeveling … over",
  "is (geen) voorstander", "zet zich in", "steunt", "onderschrijft", "zal", "streeft", ...
- **commitment cues** (`COMMITMENT_CUES`): "zal uw Kamer … informeren", "voor de zomer",
  "toegezegd", "uiterlijk", "voor het einde van het jaar" …: the sentence is a toezegging.
- **noise** (`NOISE`): questions, sentences without a finite cue, numbered fragments, bare
  references ("Zie ook …", "Kamerstuk 33 694, nr. 45").

`classify(sentence)` returns a `Cue` (kind, who, score, the cues found) or None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Cue", "classify", "CABINET", "POSITION_CUES", "COMMITMENT_CUES"]

CABINET = "kabinet"

def _any(words: str) -> str:
    """A non-capturing group of the space-separated alternatives."""
    return "(?:" + "|".join(words.split()) + ")"


_OPENERS = "(?:ook |daarom |daarbij |zo |dan |tevens |verder |bovendien |hierbij |in dat kader |daarnaast )?"
_CAB_VERBS = _any("zal is heeft neemt zet wil acht deelt volgt hecht steunt ziet kan onderschrijft onderstreept "
                  "blijft streeft vindt pleit wijst merkte verwijst")
_NL_BEFORE = _any("wil zal zet is heeft blijft steunt pleit neemt streeft acht hecht maakt")
_NL_AFTER = _any("zal zet is heeft blijft steunt pleit neemt streeft acht hecht maakt wil werkt ziet")
_DEFENSIE_VERBS = _any("zal zullen investeert werkt zet ontwikkelt financiert moet heeft neemt voert geeft beschouwt "
                       "blijft wil gaat is streeft draagt verkent onderzoekt benut steunt")
_CABINET_SUBJECT = re.compile(
    r"\b(?:het|dit|het nederlandse|het huidige|het nieuwe|een volgend) kabinet\b"
    rf"|\bkabinet\b(?=\s+{_CAB_VERBS})"
    rf"|^{_OPENERS}(?:nederland|nl)\b"
    rf"|\b{_NL_BEFORE} (?:nederland|nl)\b|\b(?:nederland|nl) {_NL_AFTER}\b"
    r"|\b(?:zetten|willen|zullen|blijven|gaan) we\b|^we\b"
    r"|\bde (?:nederlandse )?regering\b|\bde nederlandse (?:inzet|positie|regering|lijn)\b"
    r"|\bhet nederlandse standpunt\b|\bnederlandse inzet\b"
    r"|(?:^|[,;:] ?)(?:ik|wij)\b|\b(?:zal|ben|heb|wil|zou|kan) ik\b|\b(?:zullen|hebben|willen) wij\b"
    r"|\bvolgens (?:het|dit) kabinet\b|\bnaar (?:het )?oordeel van het kabinet\b"
    r"|\b(?:defensie|het ministerie van [a-z ]+|de minister(?: van [a-z ]+)?|het ministerie)\b"
    rf"(?= {_DEFENSIE_VERBS})"
)
# A cabinet subject at the start of the sentence (after at most a short opening clause).
_SUBJECT_FIRST = re.compile(
    r"^(?:[^,]{0,60}, )?(?:ook |daarom |daarbij |zo |tevens |verder |bovendien |tot slot |tenslotte |dan ook )?"
    r"(?:het kabinet|dit kabinet|nederland|nl|defensie|de regering|ik|wij|we|de minister|het ministerie"
    r"|de nederlandse (?:inzet|positie|regering))\b"
)
# Another party's view, reported: what the knowledge base records as an advisory view.
_REPORTED_VIEW = re.compile(
    r"\b" + _any("stellen stelt menen adviseren adviseert bevelen beveelt raden raadt beargumenteren benadrukken "
                 "wijzen erkennen concluderen pleiten roepen roept onderstrepen constateren achten vinden")
    + r"\b|\bzijn van mening\b"
)
# What another party does when it is the subject before the cabinet is named.
_OTHER_VERBS = re.compile(
    r"\b" + _any("stellen stelt menen meent adviseren adviseert bevelen beveelt raden raadt erkennen pleiten pleit doen beargumenteren "
                 "benadrukken wijzen zien noemen constateren concluderen vragen verzoekt verzoeken roept roepen maken "
                 "vinden achten gaan zouden moeten") + r"\b"
)
# Other parties a letter reports; the label is what `attribution` says.
OTHERS: tuple[tuple[str, re.Pattern], ...] = tuple(
    (label, re.compile(pattern))
    for label, pattern in (
        ("AIV/CAVV", r"\b(?:de )?aiv(?: en (?:de )?cavv)?\b|\bcavv\b|\b(?:het|dit|hun) advies\b|\badviesraden?\b"
                     r"|\badviescommissie\b"),
        ("Europees Parlement", r"\beuropees parlement\b"),
        ("Tweede Kamer", r"\b(?:uw|de) kamer\b|\bde motie\b|\bkamerleden\b|\bhet lid\b|\bde leden\b"),
        ("conferentie", r"\bconferentie\b|\bworkshop\b|\bexpertsessie\b"),
        ("VN", r"\bsecretaris-generaal\b|\bsgvn\b|\bvn\b|\bverenigde naties\b"),
        ("ICRC", r"\bicrc\b|\brode kruis\b"),
        ("GGE/CCW", r"\bde gge\b|\bgge\b|\bccw-lidstaten\b|\bverdragspartijen\b"
                    r"|\bstaten\b(?= (?:zijn|hebben|willen))"),
        ("NAVO", r"\bnavo\b|\bbondgenoten\b"),
        ("EU", r"\bde eu\b|\beuropese unie\b|\beuropese commissie\b"),
    )
)
_OTHER_LEAD = re.compile(
    r"^(?:volgens|naar (?:de )?mening van|naar het oordeel van|zoals)\b|^(?:de|het|een|dit|deze|hun|veel|sommige|andere)\b"
)

POSITION_CUES: tuple[tuple[str, float, re.Pattern], ...] = tuple(
    (name, weight, re.compile(pattern))
    for name, weight, pattern in (
        ("neemt aanbeveling over", 3.0,
         r"\bneemt\b.{0,60}\baanbeveling(?:en)?\b.{0,80}\bover\b|\bneemt\b.{0,30}\bover\b"),
        ("(geen) voorstander", 3.0, r"\b(?:geen|een|groot|warm) ?voorstander\b|\bvoorstander\b"),
        ("zet zich in", 2.5, r"\bzet(?:ten)? (?:zich|ons|mij|in op)\b|\bzich (?:actief |onverminderd )?(?:in ?zetten|inspannen)\b"
                             r"|\binzet\b|\bspant zich in\b"),
        ("onderschrijft / steunt", 2.5,
         r"\b" + _any("onderschrijft steunt ondersteunt verwelkomt omarmt deelt") + r"\b|\bis bereid\b|\bkan zich vinden\b"),
        ("is van mening / acht", 2.0,
         r"\bis van mening\b|\bis het (?:niet )?eens\b|\bis van belang\b"
         r"|\b" + _any("acht meent vindt hecht onderstreept benadrukt ziet volgt stelt constateert") + r"\b"),
        ("streeft / pleit", 2.5,
         r"\b" + _any("streeft streven pleit bepleit wil verwerpt blijft uitgangspunt prioriteit") + r"\b"
         r"|\bwijst\b.{0,40}\baf\b"),
        ("zal", 1.5, r"\bzal\b|\bzullen\b|\bgaat\b|\bgaan\b"),
        ("moet", 1.0, r"\bmoet\b|\bmoeten\b|\bdient\b|\bdienen\b"),
        ("erkent / werkt", 1.5,
         r"\b" + _any("erkent werkt werken investeert ontwikkelt benut verkent behoorde beschouwt verwijst pleiten "
                      "voornemens ambitie aandacht") + r"\b"
         r"|\bneemt\b.{0,30}\bdeel\b|\bmaakt zich\b.{0,40}\bsterk\b|\bzetten\b.{0,20}\bin\b"),
        ("niet / geen", 0.5, r"\bniet\b|\bgeen\b"),
    )
)
COMMITMENT_CUES: tuple[tuple[str, re.Pattern], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("de Kamer informeren",
         r"\b(?:uw|de) kamer\b.{0,80}\b(?:informeren|inlichten|op de hoogte (?:houden|stellen|brengen)|toezenden|rapporteren"
         r"|berichten)\b|\b(?:informeren|inlichten|toezenden|toesturen|zenden|sturen|rapporteren)\b.{0,40}\b(?:uw|de) kamer\b"),
        ("voor de zomer",
         r"\bvoor (?:de|het) (?:zomer|zomerreces|kerstreces|einde van (?:dit|het) jaar|eind van het jaar)\b|\buiterlijk\b"
         r"|\bbinnenkort\b|\bin het (?:eerste|tweede|derde|vierde) kwartaal\b"),
        ("toegezegd", r"\btoegezegd\b|\btoezegging\b|\bheb ik (?:u )?toegezegd\b"),
    )
)
_FUTURE = re.compile(r"\bzal\b|\bzullen\b|\bga\b|\bgaat\b|\bwordt\b.{0,40}\b(?:verzonden|toegezonden|geïnformeerd)\b")
_NOISE = re.compile(
    r"\?\s*$|^\d+[.)]?$|^(?:zie|vgl|bron|kamerstuk(?:ken)?|handelingen|aanhangsel)\b|^\W*$"
    r"|^(?:hoogachtend|de minister|geachte)\b"
)
_PAST_ONLY = re.compile(r"\b(?:heeft|hebben|werd|werden|was|waren|vond|vonden)\b.{0,80}"
                        r"\b(?:plaats|plaatsgevonden|georganiseerd|gehouden|gesproken|besproken)\b")
MIN_WORDS = 6
MAX_WORDS = 90


@dataclass(frozen=True, slots=True)
class Cue:
    kind: str  # "statement" | "commitment"
    who: str  # "kabinet" or the other party
    score: float
    cues: tuple[str, ...]


def attribution(low: str, cab: re.Match | None = None) -> str:
    """Whose view a (lower-case) sentence states: "kabinet" or another party. `cab`: the
    sentence's `_CABINET_SUBJECT` match when the caller has it."""
    if cab is None:
        cab = _CABINET_SUBJECT.search(low)
    other_at, other = None, None
    for label, pat in OTHERS:
        m = pat.search(low)
        if m and (other_at is None or m.start() < other_at):
            other_at, other = m.start(), label
    if other is None or other_at is None:
        return CABINET
    if cab is None:
        # A party named only as an object ("met de NAVO", "aan uw Kamer") in a sentence without
        # a subject of its own is still the letter's (the cabinet's) line, unless it leads.
        return other if other_at < 40 or _OTHER_LEAD.match(low) or "volgens" in low else CABINET
    if low.startswith("volgens") and cab.start() > other_at:
        return other
    if other_at < cab.start() and _OTHER_LEAD.match(low) and not re.match(r"^(?:zoals|de nederlandse)", low):
        # "De AIV en CAVV stellen ... het kabinet" — unless the cabinet is a subject joined to it.
        if re.match(r"^(?:het kabinet en|nederland en)", low):
            return CABINET
        if _OTHER_VERBS.search(low, 0, cab.start()):
            return other
    return CABINET


def classify(text: str) -> Cue | None:
    """A cue for a sentence that states a position or commitment; None for any other sentence."""
    n_words = len(text.split())
    if n_words < MIN_WORDS or n_words > MAX_WORDS:
        return None
    low = " ".join(text.lower().split())
    if _NOISE.search(low):
        return None
    found: list[str] = []
    score = 0.0
    for name, weight, pat in POSITION_CUES:
        if pat.search(low):
            found.append(name)
            score += weight
    commitment = [name for name, pat in COMMITMENT_CUES if pat.search(low)]
    first = _SUBJECT_FIRST.search(low)
    reported = _REPORTED_VIEW.search(low)
    if not found and not commitment and not first and not reported:
        return None
    cab = _CABINET_SUBJECT.search(low)
    who = attribution(low, cab)
    if who == CABINET:
        if cab:
            score += 2.0
            found.append("kabinet als onderwerp")
        if first:
            score += 1.5
            found.append("kabinet vooraan")
    elif reported:
        score += 1.0
        found.append(f"standpunt van {who}")
    else:
        score -= 0.5
    if _PAST_ONLY.search(low) and not _FUTURE.search(low):
        score -= 1.5
    kind = "statement"
    if commitment and who == CABINET and (_FUTURE.search(low) or "toegezegd" in low or "toezegging" in low):
        kind = "commitment"
        score += 1.5
        found.extend(commitment)
    if set(found) <= {"niet / geen"}:
        return None
    return Cue(kind, who, round(score, 2), tuple(found))
