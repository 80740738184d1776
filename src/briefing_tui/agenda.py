"""The debate's agenda and members as the officer gives them, resolved against the knowledge base.

- `parse_number(text)`: an official document number ("33 694, nr. 45", "Kamerstuk 33694 nr. 45",
  "kst-33694-45", "2019Z01633") as a `references.Reference`, or None.
- `agenda_entry(arg, corpus)`: what `briefing new --agenda ARG` means: a source id (or a source's
  citation), an official number or a free-text citation; "ARG=Kop" gives the entry its own
  heading. `entry_line(entry, corpus)` is its inverse (one line per entry, for a text field).
- `resolve(entry, corpus)`: the source an entry stands for (a number finds the source with that
  Kamerstuk) and how it is cited.
- `parse_member("Koopmans (VVD)")` and `same_person(...)`: members by name and party, tolerant of
  initials ("J.A. Koopmans"), first names, tussenvoegsels, case, diacritics and "c.s.".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing_tui import citations
from briefing_tui.briefing import AgendaEntry, Member
from briefing_tui.model import Corpus
from briefing_tui.references import BASE_URL, Reference, find_references
from briefing_tui.textnorm import fold

_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_KST_ID = re.compile(r"^kst-(?P<dossier>\d{5}(?:-(?:\d{2}|[A-Za-z]{1,4}))?)-(?P<nr>\d+)$", re.I)


def parse_number(text: str) -> Reference | None:
    """An official document number, or None when the text is not one."""
    text = (text or "").strip()
    m = _KST_ID.match(text)
    if m:
        dossier, nr = m.group("dossier"), m.group("nr")
        digits, _, suffix = dossier.partition("-")
        label_dossier = citations.format_dossier(digits) + (f"-{suffix}" if suffix.isdigit() else f" {suffix.upper()}" if suffix else "")
        ident = f"kst-{digits}{('-' + (suffix.upper() if not suffix.isdigit() else suffix)) if suffix else ''}-{nr}"
        return Reference("kamerstuk", ident, f"Kamerstuk {label_dossier}, nr. {nr}", BASE_URL + ident,
                         0, len(text), dossier=digits + (f"-{suffix}" if suffix else ""), number=nr)
    refs = find_references(text) or find_references(f"Kamerstuk {text}")
    return refs[0] if len(refs) == 1 else None


def agenda_entry(arg: str, corpus: Corpus | None = None) -> AgendaEntry:
    """The agenda entry a command-line argument means.

    "ID=Kop" sets the heading. A known source id is a source; an official number is a number;
    anything else shaped like an id (lowercase, no spaces) is a source too, so a mistyped id is
    reported as an unknown source rather than kept as text; anything else a free-text citation.
    """
    arg = " ".join(arg.split())
    heading = None
    if "=" in arg:
        head, _, rest = arg.partition("=")
        if head.strip() and rest.strip():
            arg, heading = head.strip(), rest.strip()
    if corpus is not None and arg in corpus.sources:
        return AgendaEntry(source=arg, heading=heading)
    if corpus is not None and (sid := _source_by_citation(arg, corpus)) is not None:
        return AgendaEntry(source=sid, heading=heading)
    if parse_number(arg) is not None:
        return AgendaEntry(number=arg, heading=heading)
    if _ID.match(arg):
        return AgendaEntry(source=arg, heading=heading)
    return AgendaEntry(citation=arg, heading=heading)


def _source_by_citation(text: str, corpus: Corpus) -> str | None:
    """The source whose short citation is this text (as `entry_line` writes it), if exactly one."""
    want = " ".join(text.split()).casefold()
    found = [sid for sid, src in corpus.sources.items() if " ".join(citations.cite_short(src).split()).casefold() == want]
    return found[0] if len(found) == 1 else None


def entry_line(entry: AgendaEntry, corpus: Corpus | None = None) -> str:
    """An agenda entry as one line of text that `agenda_entry` reads back to the same entry:
    a source by its citation (or id), a number or citation as written, "=Kop" for its heading."""
    if entry.source is not None:
        src = corpus.sources.get(entry.source) if corpus is not None else None
        by_citation = corpus is not None and src is not None and _source_by_citation(citations.cite_short(src), corpus) == src.id
        ref = citations.cite_short(src) if src is not None and by_citation else entry.source
    else:
        ref = entry.number if entry.number is not None else entry.citation or ""
    return f"{ref}={entry.heading}" if entry.heading else ref


@dataclass(frozen=True)
class ResolvedEntry:
    entry: AgendaEntry
    source: str | None  # the source in the knowledge base it stands for
    label: str  # how the pack and the app cite it
    known: bool  # False: a number or source the knowledge base does not hold


def source_for_number(ref: Reference, corpus: Corpus) -> str | None:
    if ref.content_id in corpus.sources:
        return ref.content_id
    if ref.kind != "kamerstuk":
        for src in corpus.sources.values():
            if ref.kind == "kamervragen" and src.kamervragen and src.kamervragen.lower() == (ref.number or "").lower():
                return src.id
        return None
    for src in corpus.sources.values():
        ks = src.kamerstuk
        if ks and ks.number == ref.number and ks.dossier.replace(" ", "").upper() == (ref.dossier or "").upper():
            return src.id
    return None


def resolve(entry: AgendaEntry, corpus: Corpus) -> ResolvedEntry:
    if entry.source is not None:
        src = corpus.sources.get(entry.source)
        if src is None:
            return ResolvedEntry(entry, None, entry.source, False)
        return ResolvedEntry(entry, src.id, citations.cite_short(src), True)
    if entry.number is not None:
        ref = parse_number(entry.number)
        if ref is None:
            return ResolvedEntry(entry, None, entry.number, False)
        sid = source_for_number(ref, corpus)
        if sid is not None:
            return ResolvedEntry(entry, sid, citations.cite_short(corpus.sources[sid]), True)
        return ResolvedEntry(entry, None, ref.label, False)
    return ResolvedEntry(entry, None, entry.citation or "", True)


# --- members ----------------------------------------------------------------------------------

_MEMBER = re.compile(r"^(?P<name>.*?)\s*\((?P<party>[^()]*)\)\s*$")
_PARTICLES = {"van", "der", "den", "de", "het", "ter", "ten", "te", "in", "t", "op", "la", "le", "von", "d"}


def parse_member(text: str) -> Member:
    """ "Koopmans (VVD)" -> Member("Koopmans", "VVD"); "Koopmans" -> Member("Koopmans")."""
    text = " ".join((text or "").split())
    m = _MEMBER.match(text)
    if m and m.group("name"):
        party = m.group("party").strip() or None
        return Member(m.group("name"), party)
    if not text:
        raise ValueError("a member needs a name, e.g. 'Koopmans (VVD)'")
    return Member(text)


def surname_tokens(name: str) -> tuple[str, ...]:
    """The words of a name that identify the person: folded, without initials, particles and "c.s."."""
    name = re.sub(r"\bc\.\s?s\.?", " ", name, flags=re.I)
    tokens = []
    for raw in re.split(r"[\s]+", name.strip()):
        if not raw:
            continue
        if re.fullmatch(r"(?:[A-Za-z]{1,2}\.)+[A-Za-z]?\.?", raw):  # initials: "J.A.", "Th."
            continue
        tok = fold(raw).strip(".,;:'’")
        if not tok or tok in _PARTICLES:
            continue
        tokens.append(tok)
    return tuple(tokens)


def _party_key(party: str | None) -> str:
    return re.sub(r"[\s.\-/]+", "", fold(party or ""))


def same_person(member: Member, name: str, party: str | None) -> bool:
    """Whether a person the knowledge base names is this member.

    The surnames must agree, one ending the other ("Remco Dijkstra" is "Dijkstra"); a party given
    on both sides must agree too (one side without a party does not rule it out).
    """
    a, b = surname_tokens(member.name), surname_tokens(name)
    if not a or not b:
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if long_[-len(short):] != short:
        return False
    if member.party and party and _party_key(member.party) != _party_key(party):
        return False
    return True


def names_member(member: Member, text: str) -> bool:
    """Whether an own-words text names the member by surname ("de motie Koopmans")."""
    tokens = surname_tokens(member.name)
    if not tokens or not text:
        return False
    pattern = r"\b" + r"[\s-]+".join(re.escape(t) for t in tokens) + r"\b"
    return re.search(pattern, fold(text)) is not None
