"""Citations the Dutch parliamentary way, and officielebekendmakingen links.

- In running text, as Kamerstukken cite themselves: "Kamerstuk 33 694, nr. 43, p. 2".
- In a source list, the formal form (Aanwijzingen voor de regelgeving 3.43):
  "Kamerstukken II 2018/19, 33 694, nr. 43".
- A source without a known number is cited by kind, title and date.
Inferred metadata is marked "afgeleid" wherever it is shown.
"""

from __future__ import annotations

import re
import unicodedata

from briefing_tui import dossiers
from briefing_tui.dates import format_nl, vergaderjaar
from briefing_tui.dossiers import format_dossier
from briefing_tui.model import Kamerstuk, Source

BASE_URL = dossiers.BASE_URL
INFERRED = "afgeleid"

KIND_LABELS = {
    "kamerbrief": "Kamerbrief",
    "antwoorden": "Antwoorden op vragen",
    "kabinetsreactie": "Kabinetsreactie",
    "motie": "Motie",
    "vragen": "Schriftelijke vragen",
    "verslag": "Verslag",
    "toezegging": "Toezegging",
    "advies": "Advies",
    "other": "Document",
}


def short_year(vj: str) -> str:
    """'2018-2019' -> '2018/19'."""
    m = re.match(r"^(\d{4})-(\d{4})$", vj)
    return f"{m.group(1)}/{m.group(2)[2:]}" if m else vj


def kamerstuk_id(ks: Kamerstuk) -> str:
    """The official id of a Kamerstuk: 'kst-33694-43', 'kst-35925-X-90', 'kst-21501-02-2600'."""
    return dossiers.kamerstuk_id(ks.dossier, ks.number)


def source_url(src: Source) -> str | None:
    """The officielebekendmakingen link, when the identifier is known (or inferred)."""
    if src.url:
        return src.url
    if src.kamerstuk:
        return f"{BASE_URL}{kamerstuk_id(src.kamerstuk)}.html"
    if src.aanhangsel:
        return f"{BASE_URL}ah-tk-{src.aanhangsel.year.replace('-', '')}-{src.aanhangsel.number}.html"
    if (ks := dossiers.parse_kamerstuk_id(src.id)) is not None:
        return dossiers.kamerstuk_url(*ks)  # the official spelling: kst-35925-X-90
    if re.match(r"^(ah-tk|kv-tk|h-tk|stb|stcrt)-", src.id):
        return f"{BASE_URL}{src.id}.html"
    return None


def url_inferred(src: Source) -> bool:
    return not src.url and src.kamerstuk is not None and src.is_inferred("kamerstuk")


def _mark(text: str, inferred: bool) -> str:
    return f"{text} ({INFERRED})" if inferred else text


def mark_inferred(text: str, inferred: bool) -> str:
    """'13 mei 2019' -> '13 mei 2019 (afgeleid)' when the value is inferred."""
    return _mark(text, inferred)


def title_marked(src: Source) -> str:
    """The title in typographic quotes (titles often hold plain quotes), marked when inferred."""
    return _mark(f"\u201c{src.title}\u201d", src.is_inferred("title"))


def date_marked(src: Source) -> str:
    """The source's date in Dutch, marked when inferred; '' when unknown."""
    when = format_nl(src.date)
    return _mark(when, src.is_inferred("date")) if when else ""


def _descriptive(src: Source) -> str:
    kind = KIND_LABELS.get(src.kind, "Document")
    when = date_marked(src)
    when = f", {when}" if when else ""
    # "Kabinetsreactie “Kabinetsreactie op ...”" says the kind twice: the title says it already.
    if src.title.lower().startswith(kind.lower()):
        return f"{title_marked(src)}{when}"
    return f"{kind} {title_marked(src)}{when}"


_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_SINGLE_QUOTES = re.compile(r"[\u2018\u2019\u201a\u201b\u2032`]")
_DOUBLE_QUOTES = re.compile(r"[\u201c\u201d\u201e\u201f\u00ab\u00bb]")
_SPACE_AROUND_PUNCT = re.compile(r"\s*([^\w\s])\s*")
_ABBREVIATION_DOT = re.compile(r"(?<=[^\W\d_])\.")


def locator_key(locator: str | None) -> str:
    """What makes two locators the same place: 'p. 3' = 'P.3' = ' p  3 .' = 'p.3'.

    Case, whitespace (runs, and around punctuation), the dot of an abbreviation ('p.'), dash
    and quote variants and trailing punctuation do not count; words, numbers and the
    punctuation between them do, so 'p. 2-3' and 'p. 23', 'art. 1.2' and 'art. 12', or
    'Antwoord vraag 3' and 'Antwoord vraag 3 (biosecurity)' stay different places.
    """
    if not locator:
        return ""
    text = unicodedata.normalize("NFKC", locator).casefold()
    text = _DASHES.sub("-", text)
    text = _SINGLE_QUOTES.sub("'", text)
    text = _DOUBLE_QUOTES.sub('"', text)
    text = _ABBREVIATION_DOT.sub(" ", text)
    text = " ".join(text.split())
    text = _SPACE_AROUND_PUNCT.sub(r"\1", text)
    return text.strip(" .,;:")


def cite_short(src: Source, locator: str | None = None) -> str:
    """In-text citation: 'Kamerstuk 33 694, nr. 43, p. 2'."""
    if src.kamerstuk:
        ks = src.kamerstuk
        base = _mark(f"Kamerstuk {format_dossier(ks.dossier)}, nr. {ks.number}", src.is_inferred("kamerstuk"))
    elif src.aanhangsel:
        base = f"Aanhangsel Handelingen II {short_year(src.aanhangsel.year)}, nr. {src.aanhangsel.number}"
    else:
        base = _descriptive(src)
    return f"{base}, {locator}" if locator else base


def cite_formal(src: Source) -> str:
    """Source-list citation: 'Kamerstukken II 2018/19, 33 694, nr. 43'."""
    if src.kamerstuk:
        ks = src.kamerstuk
        vj = ks.year or vergaderjaar(src.date)
        year = f" {short_year(vj)}" if vj else ""
        text = f"Kamerstukken II{year}, {format_dossier(ks.dossier)}, nr. {ks.number}"
        return _mark(text, src.is_inferred("kamerstuk"))
    if src.aanhangsel:
        return f"Aanhangsel Handelingen II {short_year(src.aanhangsel.year)}, nr. {src.aanhangsel.number}"
    return _descriptive(src)


def ministers_line(src: Source) -> str:
    people = [f"{p.name} ({p.role})" if p.role else p.name for p in src.ministers]
    return ", ".join(people)


def source_list_entry(src: Source) -> str:
    """A source-list entry without the link: formal citation, title, date, minister(s).

    'Kamerstukken II 2018/19, 33 694, nr. 45 (afgeleid), 'Internationaal normkader ...'
    (afgeleid), 13 mei 2019 (afgeleid); S.A. Blok (minister van Buitenlandse Zaken)'.
    A source without a number is cited by kind, title and date (cite_formal already says them).
    Every inferred value is marked.
    """
    parts = [cite_formal(src)]
    if src.kamerstuk or src.aanhangsel:
        parts.append(title_marked(src))
        when = date_marked(src)
        if when:
            parts.append(when)
    text = ", ".join(parts)
    ministers = ministers_line(src)
    if ministers:
        text += "; " + _mark(ministers, src.is_inferred("ministers"))
    return text


_GAP_NL = {"number": "Kamerstuk- of Aanhangselnummer", "date": "exacte datum"}


def incomplete_mark(src: Source) -> str:
    """' (onvolledige bronvermelding: Kamerstuk- of Aanhangselnummer en exacte datum ontbreken)'
    for a source that cannot be cited in full (`Source.citation_gaps`); '' otherwise."""
    gaps = src.citation_gaps()
    if not gaps:
        return ""
    verb = "ontbreekt" if len(gaps) == 1 else "ontbreken"
    return f" (onvolledige bronvermelding: {' en '.join(_GAP_NL[g] for g in gaps)} {verb})"


def link_inferred(src: Source) -> bool:
    """The link is derived from an inferred identifier (and so may be wrong)."""
    if src.url:
        return src.is_inferred("url")
    if src.kamerstuk:
        return src.is_inferred("kamerstuk")
    if src.aanhangsel:
        return src.is_inferred("aanhangsel")
    return False
