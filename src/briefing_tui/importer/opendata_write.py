"""Open data into content/: Toezeggingen become commitments, Moties (Zaak + Besluit + Stemming)
motions; existing records are updated, never duplicated (matched on the Kamer's ids).

Toezegging (nummer, tekst, status, datumNakoming, kamerbriefNakoming, ministerie, the minister
or state secretary who made it, toegezegdAan persoon/fractie):

- the register's text is a source of its own, `content/sources/toezegging-<nummer>.txt` (kind
  `toezegging`), so that the commitment quotes it verbatim like every other commitment;
- the commitment `<nummer>` (lower case) in commitments.yaml: text and quote are the register's
  text, `made_by` the function and name, `made_on` the registration date (aanmaakdatum, marked
  inferred: the debate may be earlier), `status` from the official status (Openstaand → open,
  Voldaan → fulfilled, Deels voldaan → partially-fulfilled, Vervallen → lapsed), `evidence`
  says where it comes from, and `official` keeps the Kamer's values as they are;
- a commitment whose `official.nummer` is the same is updated: its status, evidence, `official`,
  and the quote (and the register-text source) when the register's text changed; the editor's
  own words (text, made_by, made_on, areas, fulfilled_by) stay.

Zaak of soort Motie (nummer, onderwerp, vergaderjaar, volgnummer, kabinetsappreciatie, its
Kamerstukdossier, its ZaakActor indieners) with Besluit (besluitSoort, besluitTekst,
stemmingsSoort) and Stemming (soort, actorFractie, fractieGrootte, vergissing):

- matched to a motion by its Kamerstuk (dossier and volgnummer) or by `official.zaak`;
- an existing motion gets `official` (zaak, kabinetsappreciatie, besluit, stemmingssoort, voor,
  tegen) and `votes` (per fractie: stem, zetels); its hand-written title, request, status and
  follow-up stay as they are;
- a new motion `motie-<dossier>-<nr>` gets the title (onderwerp), Kamerstuk, date (gestartOp),
  indieners (ZaakActor), status (the besluit) as well.

Persoon and Fractie records in the same download (expanded, or feeds in one folder or zip) give
the names and parties for references by id. Deleted records (`verwijderd`) are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from briefing_tui.dossiers import kamerstuk_url, parse_dossier
from briefing_tui.importer.extract import ImportRefused
from briefing_tui.importer.opendata import OpenData, Record
from briefing_tui.importer.yaml_list import YamlList, dump_yaml

__all__ = ["OpenDataPlan", "plan_open_data"]

STATUS = {"openstaand": "open", "voldaan": "fulfilled", "deels voldaan": "partially-fulfilled", "vervallen": "lapsed"}
ODATA = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/"


@dataclass
class OpenDataPlan:
    files: dict[Path, str]
    originals: dict[Path, bytes | None]
    lines: list[str] = field(default_factory=list)  # what the import does, for the report
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def _date(value: str | None) -> str | None:
    m = re.match(r"^(\d{4}-\d{2}-\d{2})", value or "")
    return m.group(1) if m else None


def _person_name(rec: Record) -> str:
    parts = [rec.get("initialen"), rec.get("tussenvoegsel"), rec.get("achternaam")]
    name = " ".join(p for p in parts if p)
    return name or rec.get("naam") or ""


def _fractie_name(rec: Record) -> str:
    return rec.get("afkorting") or rec.get("naamNl") or ""


class _Lookup:
    def __init__(self, data: OpenData):
        self.by_id = data.by_id()

    def person(self, ref: str) -> str | None:
        rec = self.by_id.get(ref)
        return _person_name(rec) if rec is not None and rec.entity == "Persoon" else None

    def fractie(self, ref: str) -> str | None:
        rec = self.by_id.get(ref)
        return _fractie_name(rec) if rec is not None and rec.entity == "Fractie" else None


# --- Toezegging -> source + commitment ---------------------------------------------------------

def _toegezegd_aan(rec: Record, look: _Lookup) -> str | None:
    names: list[str] = []
    for kid in rec.children.get("toegezegdAan", []):
        who = _person_name(kid.children["persoon"][0]) if kid.children.get("persoon") else None
        who = who or next((look.person(r) for r in kid.refs.get("persoon", [])), None)
        party = _fractie_name(kid.children["fractie"][0]) if kid.children.get("fractie") else None
        party = party or next((look.fractie(r) for r in kid.refs.get("fractie", [])), None)
        label = f"{who} ({party})" if who and party else who or party
        if label:
            names.append(label)
    for name in ("toegezegdAanPersoon", "toegezegdAan"):
        for ref in rec.refs.get(name, []):
            who = look.person(ref) or look.fractie(ref)
            if who:
                names.append(who)
    for ref in rec.refs.get("toegezegdAanFractie", []):
        if party := look.fractie(ref):
            names.append(party)
    return "; ".join(dict.fromkeys(names)) or None


def _toezegging(rec: Record, look: _Lookup, commitments: YamlList, sources: Path, plan: OpenDataPlan) -> None:
    nummer, tekst = rec.get("nummer"), rec.get("tekst")
    if not nummer or not tekst:
        plan.skipped.append(f"Toezegging {rec.id}: geen nummer of tekst")
        return
    cid = re.sub(r"[^a-z0-9._-]+", "-", nummer.lower()).strip("-")
    sid = f"toezegging-{cid}"
    status_nl = rec.get("status") or ""
    who = _person_name(rec)
    role = (rec.get("functie") or "").strip()
    role = role[:1].lower() + role[1:] if re.match(r"(?i)(minister|staatssecretaris)", role) else role
    official = {
        "nummer": nummer,
        "status": status_nl,
        "datum_nakoming": _date(rec.get("datumNakoming")) or "",
        "kamerbrief_nakoming": "; ".join(rec.all("kamerbriefNakoming")
                                          + [d.get("nummer") or d.id for d in rec.children.get("kamerbriefNakoming", [])]),
        "ministerie": rec.get("ministerie") or "",
        "toegezegd_aan": _toegezegd_aan(rec, look) or "",
        "id": rec.id,
        "bijgewerkt": rec.updated or "",
    }
    official = {k: v for k, v in official.items() if v}
    made_on = _date(rec.get("aanmaakdatum"))
    evidence = f"Tweede Kamer open data, Toezegging {nummer}" + (f" (bijgewerkt {rec.updated})" if rec.updated else "")
    evidence += f": status {status_nl or 'not given'}"
    if official.get("kamerbrief_nakoming"):
        evidence += f"; fulfilled with Kamerbrief {official['kamerbrief_nakoming']}"
        if official.get("datum_nakoming"):
            evidence += f" on {official['datum_nakoming']}"
    evidence += "."
    item: dict = {"id": cid, "text": tekst, "quote": tekst, "source": sid}
    if role or who:
        item["made_by"] = f"{role} ({who})" if role and who else role or who
    if rec.get("activiteitNummer"):
        item["made_at"] = f"activiteit {rec.get('activiteitNummer')}"
    if made_on:
        item["made_on"] = made_on
    item["status"] = STATUS.get(status_nl.lower(), "unknown")
    item["evidence"] = evidence
    if made_on:
        item["inferred"] = {"made_on": "The registration date of the toezegging (aanmaakdatum); the debate it was made in may be earlier."}
    item["official"] = official

    existing = commitments.find(lambda c: (c.get("official") or {}).get("nummer") == nummer)
    source_meta = {
        "id": sid,
        "kind": "toezegging",
        "title": f"Toezegging {nummer}",
        **({"date": made_on} if made_on else {}),
        **({"ministers": [{"name": who, "role": role}]} if who and role else {}),
        **({"ministry": official["ministerie"]} if official.get("ministerie") else {}),
        "url": f"{ODATA}Toezegging({rec.id})" if re.fullmatch(r"[0-9a-f-]{36}", rec.id) else None,
        "detected": {
            "title": f"open data Toezegging.nummer: «{nummer}»",
            **({"date": f"open data Toezegging.aanmaakdatum: «{rec.get('aanmaakdatum')}»"} if made_on else {}),
            **({"ministers": f"open data Toezegging.functie, naam: «{role}», «{who}»"} if who and role else {}),
            **({"ministry": f"open data Toezegging.ministerie: «{official['ministerie']}»"} if official.get("ministerie") else {}),
        },
        "notes": "The text of the toezegging as registered by the Tweede Kamer (open data, Toezegging.tekst).",
    }
    source_meta = {k: v for k, v in source_meta.items() if v is not None}
    if existing is not None:
        # The Kamer's record updates what it states (the register's text as the quote, the status,
        # the evidence, `official`); the editor's own words (text, made_by, made_on, areas) stay.
        sid = existing.get("source") or sid
        source_meta["id"] = sid
        wanted = {"quote": tekst, "status": item["status"], "evidence": evidence, "official": official}
        changes = {k: v for k, v in wanted.items() if existing.get(k) != v}
        if not changes:
            plan.lines.append(f"ongewijzigd: toezegging {nummer} ({existing['id']})")
            return
        commitments.set_keys(existing, changes)
        plan.updated.append(existing["id"])
        plan.lines.append(f"bijgewerkt: toezegging {nummer} → {existing['id']} (status {status_nl or '?'})")
    else:
        commitments.append(item)
        plan.created.append(cid)
        plan.lines.append(f"nieuw: toezegging {nummer} → {cid} (status {status_nl or '?'}), bron {sid}")
    _write_source(sources, sid, tekst + "\n", source_meta, plan)


def _write_source(sources: Path, sid: str, text: str, meta: dict, plan: OpenDataPlan) -> None:
    for path, content in ((sources / f"{sid}.txt", text), (sources / f"{sid}.yaml", dump_yaml(meta))):
        old = path.read_bytes() if path.exists() else None
        if old is not None and old.decode("utf-8", "replace") == content:
            continue
        plan.files[path] = content
        plan.originals[path] = old


# --- Zaak (Motie) + Besluit + Stemming -> motion ----------------------------------------------

def _dossier_of(zaak: Record, look: _Lookup) -> str | None:
    dossiers = zaak.children.get("kamerstukdossier", [])
    dossiers += [look.by_id[r] for r in zaak.refs.get("kamerstukdossier", []) if r in look.by_id]
    for d in dossiers:
        number, suffix = d.get("nummer"), d.get("toevoeging")
        if number:
            return parse_dossier(f"{number}-{suffix}" if suffix else number)
    return None


def _besluiten(zaak: Record, data: OpenData) -> list[Record]:
    found = list(zaak.children.get("besluit", []))
    found += [b for b in data.of("Besluit") if zaak.id in b.refs.get("zaak", []) and b not in found]
    return [b for b in found if not b.deleted]


def _stemmingen(besluit: Record, data: OpenData) -> list[Record]:
    found = list(besluit.children.get("stemming", []))
    found += [s for s in data.of("Stemming") if besluit.id in s.refs.get("besluit", []) and s not in found]
    return [s for s in found if not s.deleted]


def _votes(stemmingen: list[Record], look: _Lookup) -> list[dict]:
    per: dict[str, dict] = {}
    for s in stemmingen:
        fractie = s.get("actorFractie") or next((look.fractie(r) for r in s.refs.get("fractie", [])), None) or s.get("actorNaam")
        if not fractie:
            continue
        vote: dict = {"fractie": fractie, "stem": s.get("soort") or ""}
        if (size := s.get("fractieGrootte")) and size.isdigit():
            vote["zetels"] = int(size)
        if s.get("vergissing") == "true":
            vote["vergissing"] = "ja"
        per.setdefault(f"{fractie}|{vote['stem']}|{vote.get('vergissing', '')}", vote)
    return list(per.values())


def _motie(zaak: Record, data: OpenData, look: _Lookup, motions: YamlList, plan: OpenDataPlan) -> None:
    nummer = zaak.get("nummer") or zaak.id
    dossier, volgnummer = _dossier_of(zaak, look), zaak.get("volgnummer")
    besluiten = _besluiten(zaak, data)
    voted = [b for b in besluiten if _stemmingen(b, data)] or [b for b in besluiten if "stem" in (b.get("besluitSoort") or "").lower()]
    besluit = voted[-1] if voted else (besluiten[-1] if besluiten else None)
    votes = _votes(_stemmingen(besluit, data), look) if besluit is not None else []
    official = {
        "zaak": nummer,
        "kabinetsappreciatie": zaak.get("kabinetsappreciatie") or "",
        "besluit": (besluit.get("besluitTekst") or besluit.get("besluitSoort") or "") if besluit else "",
        "stemmingssoort": (besluit.get("stemmingsSoort") or "") if besluit else "",
        "id": zaak.id,
        "bijgewerkt": zaak.updated or "",
    }
    counted = [v for v in votes if not v.get("vergissing") and "zetels" in v]
    if counted:
        official["voor"] = str(sum(v["zetels"] for v in counted if v["stem"].lower() == "voor"))
        official["tegen"] = str(sum(v["zetels"] for v in counted if v["stem"].lower() == "tegen"))
    official = {k: v for k, v in official.items() if v}

    def same(m: dict) -> bool:
        ks = m.get("kamerstuk") or {}
        if (m.get("official") or {}).get("zaak") == nummer:
            return True
        return bool(dossier and volgnummer) and parse_dossier(str(ks.get("dossier", ""))) == dossier and str(ks.get("number")) == volgnummer

    existing = motions.find(same)
    if existing is not None:
        changes = {"official": official, **({"votes": votes} if votes else {})}
        changes = {k: v for k, v in changes.items() if existing.get(k) != v}
        if not changes:
            plan.lines.append(f"ongewijzigd: motie {nummer} ({existing['id']})")
            return
        motions.set_keys(existing, changes)
        plan.updated.append(existing["id"])
        plan.lines.append(f"bijgewerkt: motie {nummer} → {existing['id']}: {official.get('besluit', 'geen besluit')}"
                          + (f", {official['voor']} voor, {official['tegen']} tegen" if "voor" in official else ""))
        return
    if not dossier or not volgnummer:
        plan.skipped.append(f"motie {nummer}: geen Kamerstukdossier en volgnummer in de download (expand Kamerstukdossier)")
        return
    mid = f"motie-{dossier.lower()}-{volgnummer}"
    item: dict = {"id": mid, "title": zaak.get("onderwerp") or zaak.get("titel") or f"Motie {nummer}"}
    year_part = {"year": zaak.get("vergaderjaar")} if re.fullmatch(r"\d{4}-\d{4}", zaak.get("vergaderjaar") or "") else {}
    item["kamerstuk"] = {"dossier": dossier, "number": volgnummer, **year_part}
    submitters = []
    for actor in zaak.children.get("zaakActor", []):
        if (actor.get("relatie") or "").lower() in ("indiener", "medeindiener") and actor.get("actorNaam"):
            person = {"name": actor.get("actorNaam")}
            if actor.get("actorAfkorting") or actor.get("actorFractie"):
                person["party"] = actor.get("actorAfkorting") or actor.get("actorFractie")
            submitters.append(person)
    if submitters:
        item["submitters"] = submitters
    if when := _date(zaak.get("gestartOp")):
        item["date"] = when
    if official.get("besluit"):
        item["status"] = official["besluit"]
    item["official"] = official
    if votes:
        item["votes"] = votes
    motions.append(item)
    plan.created.append(mid)
    plan.lines.append(f"nieuw: motie {nummer} → {mid} ({kamerstuk_url(dossier, volgnummer)})")


COMMITMENTS_HEADER = "# Toezeggingen (commitments).\ncommitments:\n"
MOTIONS_HEADER = "# Moties.\nmotions:\n"


def plan_open_data(data: OpenData, content: Path) -> OpenDataPlan:
    look = _Lookup(data)
    plan = OpenDataPlan(files={}, originals={})
    toezeggingen = [r for r in data.of("Toezegging") if not r.deleted]
    moties = [r for r in data.of("Zaak") if not r.deleted and (r.get("soort") or "").lower() == "motie"]
    if not toezeggingen and not moties:
        entities = sorted({r.entity for r in data.records})
        raise ImportRefused.of("import.open_data_nothing", entities=", ".join(entities))
    if toezeggingen:
        commitments = YamlList(content / "commitments.yaml", "commitments", COMMITMENTS_HEADER)
        for rec in toezeggingen:
            _toezegging(rec, look, commitments, content / "sources", plan)
        text = commitments.result()
        if text != (commitments.raw or b"").decode("utf-8"):
            plan.files[commitments.path] = text
            plan.originals[commitments.path] = commitments.raw
    if moties:
        motions = YamlList(content / "motions.yaml", "motions", MOTIONS_HEADER)
        for zaak in moties:
            _motie(zaak, data, look, motions, plan)
        text = motions.result()
        if text != (motions.raw or b"").decode("utf-8"):
            plan.files[motions.path] = text
            plan.originals[motions.path] = motions.raw
    return plan
