"""A synthetic content folder of any size, for benchmarks and load tests.

    from benchmarks.corpus import generate_corpus
    stats = generate_corpus(Path("/tmp/kb/content"), sources=1000, statements=100_000, seed=0)

or from the shell:

    .venv/bin/python benchmarks/corpus.py DEST --sources 1000 --statements 100000 [--seed 0]

Stable API (other benchmarks and the TUI tests use it):

`generate_corpus(dest: Path, sources: int, statements: int, seed: int = 0, paragraphs=(30, 50)) -> CorpusStats`
    Writes a content folder at `dest` (created; files already there are overwritten) that
    `load_content` reads without errors and `briefing check` accepts:

    - `sources/<id>.yaml` + `.txt`: dated slugs ("2017-03-14-synthetisch-0042"), dates spread
      over ten years (2015-2024), kind kamerbrief/antwoorden/kabinetsreactie, a minister. The
      text is 30-50 paragraphs (`paragraphs`) of Dutch sentences taken from the five real sources in
      `content/sources/` (OCR spellings such as "technologieén" and "Al" included), with some
      words replaced by compounds made of words of those sources ("exportcontrolebeleid",
      "wapensystemenoverleg"), so the vocabulary grows with the corpus as real text does. The
      layout is that of the real texts: lines wrapped at 80 characters, some words hyphenated
      across lines ("wapenbe-" / "heersing"), a page break every 45 lines (a line that starts
      with one space), and a heading before some paragraphs.
    - `domains/<id>.yaml`: the ten real domain ids, plus numbered sub-domains ("ai-2", ...) so
      that no file holds more than about 1,000 statements (the loader refuses YAML files over
      5 MB, and one file per domain of 10,000 statements is not how a team would file them).
    - `forums/<id>.yaml`: twenty real forum ids, with names and aliases, no statements.
    - statements: `statements` in all, each with a quote of one sentence that stands verbatim in
      its source's text, a position in the editors' style, a topic; topics have histories of
      one to five statements from sources of increasing date, each superseding the one before.
      Statements carry extra domains and forums now and then.
    - `synonyms.yaml`: a copy of the repository's `content/synonyms.yaml` (when present).

    The same (sources, statements, seed) always gives the same files.

`CorpusStats`: counts of what was written (sources, statements, passages estimate, files,
bytes) and the paths of one source text and one domain file, for "one file changed" tests.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import textwrap
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL_CONTENT = ROOT / "content"

__all__ = ["CorpusStats", "generate_corpus"]

DOMAINS = {
    "ai": ("Kunstmatige intelligentie", ["AI", "KI", "kunstmatige intelligentie", "artificial intelligence"]),
    "laws": ("Autonome wapensystemen", ["LAWS", "killer robots", "autonome wapens", "autonome wapensystemen"]),
    "uav": ("Onbemande luchtvaartuigen", ["drones", "UAV", "onbemande vliegtuigen"]),
    "cyber": ("Cyber", ["cybermiddelen", "cybersecurity", "digitale domein"]),
    "ruimte": ("Ruimte", ["ruimteveiligheid", "space"]),
    "bio": ("Biologische wapens en biosecurity", ["biosecurity", "BWC"]),
    "kwantum": ("Kwantumtechnologie", ["quantum", "kwantum"]),
    "hypersoon": ("Hypersone wapens", ["hypersone raketten", "hypersonic"]),
    "exportcontrole": ("Exportcontrole", ["export control", "dual-use"]),
    "wapenbeheersing": ("Wapenbeheersing", ["arms control", "ontwapening"]),
}
FORUMS = {
    "ccw": ("CCW (Convention on Certain Conventional Weapons)", ["CCW", "CCW-verdrag"]),
    "gge-laws": ("GGE LAWS", ["GGE", "Group of Governmental Experts"]),
    "navo": ("NAVO", ["NATO", "bondgenoten"]),
    "eu": ("Europese Unie", ["EU"]),
    "vn": ("Verenigde Naties", ["VN", "UN"]),
    "oeso": ("OESO", ["OECD"]),
    "g20": ("G20", ["G-20"]),
    "mtcr": ("Missile Technology Control Regime", ["MTCR"]),
    "wassenaar": ("Wassenaar Arrangement", ["Wassenaar"]),
    "rethinking-arms-control": ("Rethinking Arms Control", ["Capturing Technology"]),
    "conferentie-militaire-ai": ("Conferentie over militaire AI (2023)", ["REAIM"]),
    "aircw": ("AIRCW", ["Adviescommissie Internationaal Recht en Conventioneel Wapengebruik"]),
    "aiv-cavv": ("AIV en CAVV", ["AIV", "CAVV"]),
    "bwc": ("Biologischewapensverdrag", ["BWC"]),
    "icrc": ("Internationaal Comité van het Rode Kruis", ["ICRC", "Rode Kruis"]),
    "unidir": ("UNIDIR", ["United Nations Institute for Disarmament Research"]),
    "ovse": ("OVSE", ["OSCE"]),
    "gcsc": ("Global Commission on the Stability of Cyberspace", ["GCSC"]),
    "npdi": ("Non-Proliferation and Disarmament Initiative", ["NPDI"]),
    "wrr": ("Wetenschappelijke Raad voor het Regeringsbeleid", ["WRR"]),
}
MINISTERS = [
    ("S.A. Blok", "minister van Buitenlandse Zaken"),
    ("W.B. Hoekstra", "minister van Buitenlandse Zaken"),
    ("K.H. Ollongren", "minister van Defensie"),
    ("Ben Knapen", "minister van Buitenlandse Zaken"),
    ("A.G. Bijleveld-Schouten", "minister van Defensie"),
]
KINDS = ("kamerbrief", "kamerbrief", "antwoorden", "kabinetsreactie")
HEADINGS = [
    "Kunstmatige intelligentie", "Autonome wapensystemen", "Onbemande luchtvaartuigen (UAV’s)",
    "Cybermiddelen", "Ruimteveiligheid", "Exportcontrole en investeringsscreening",
    "Internationale context: GGE LAWS en CCW", "Juridische expertsessie", "Conclusie",
    "Betekenisvolle menselijke controle", "Biosecurity", "Nationale inzet",
]
POSITION_TEMPLATES = [
    "Het kabinet zet zich in voor {a} in {f}-verband, met {b} als uitgangspunt.",
    "Nederland pleit voor internationale afspraken over {a} en {b}.",
    "Het kabinet acht {a} noodzakelijk, maar ziet vooralsnog geen aanleiding voor {b}.",
    "Het kabinet neemt de aanbeveling over {a} over en werkt {b} verder uit.",
    "Nederland blijft in {f} aandacht vragen voor {a}, zonder {b} te belemmeren.",
    "Het kabinet is geen voorstander van {a}; het bestaande recht volstaat voor {b}.",
    "Het kabinet investeert in {a} en onderzoekt de gevolgen voor {b}.",
]
STOP = set("""de het een en of van in op te voor met aan over bij door naar om als dat die dit deze is zijn
was wordt worden heeft hebben er ook niet nog al tot uit zo dan maar wel zij zich zal zullen kan kunnen
moet moeten""".split())


@dataclass
class CorpusStats:
    sources: int = 0
    statements: int = 0
    passages: int = 0  # paragraphs written (the passage splitter may merge or split a few)
    domains: int = 0
    forums: int = 0
    files: int = 0
    bytes: int = 0
    superseded: int = 0
    sample_source_text: Path | None = None
    sample_domain_file: Path | None = None
    topics: int = 0
    extra: dict = field(default_factory=dict)


# --- material from the real sources -------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[a-zé\)”’»][.?!])\s+(?=[A-Z“‘«(])")


def _real_material() -> tuple[list[str], list[str]]:
    """(sentences, compound parts) from the five real sources."""
    sys.path.append(str(ROOT / "src"))  # last: PYTHONPATH (another checkout's code, to compare) comes first
    from briefing_tui.passages import split_passages

    sentences: list[str] = []
    counts: dict[str, int] = {}
    folder = REAL_CONTENT / "sources"
    for txt in sorted(folder.glob("*.txt")):
        for p in split_passages(txt.read_text(encoding="utf-8")):
            if p.is_heading or len(p.text) < 80:
                continue
            for s in _SENTENCE_END.split(p.text):
                s = s.strip()
                if 40 <= len(s) <= 320 and s[0].isupper() and s[-1] in ".?!" and "http" not in s:
                    sentences.append(s)
            for w in re.findall(r"(?<![^\W\d_])[a-zëïéè]{5,}(?![^\W\d_])", p.text):
                if w not in STOP:
                    counts[w] = counts.get(w, 0) + 1
    if not sentences:  # no real sources: a minimal fallback so the generator still works
        sentences = [
            "Het kabinet zet zich in voor internationale afspraken over nieuwe technologieën.",
            "Nederland pleit voor betekenisvolle menselijke controle over autonome wapensystemen.",
        ]
        counts = {"wapen": 3, "beheersing": 2, "technologie": 2, "export": 1, "controle": 1}
    parts = sorted(counts, key=lambda w: (-counts[w], w))[:400]
    return sentences, parts


# --- writing -------------------------------------------------------------------------------------

def _q(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _wrap(paragraph: str, rng: random.Random, hyphenate: float = 0.08) -> list[str]:
    # Never break after a word that ends in a hyphen ("Lucht- en"): at a line end that hyphen
    # would read as a line-wrap hyphen. \x00 holds the space together while wrapping.
    held = paragraph.replace("- ", "-\x00")
    lines = [ln.replace("\x00", " ") for ln in textwrap.wrap(held, width=80, break_long_words=False, break_on_hyphens=False)]
    out: list[str] = []
    for n, line in enumerate(lines):
        if n + 1 < len(lines) and rng.random() < hyphenate:
            # Hyphenate the next line's first word across the break, as typeset text does.
            nxt = lines[n + 1]
            first, _, rest = nxt.partition(" ")
            if len(first) >= 10 and first.isalpha() and first.islower():
                cut = rng.randint(4, len(first) - 4)
                line = f"{line} {first[:cut]}-"
                lines[n + 1] = f"{first[cut:]} {rest}".rstrip()
        out.append(line)
    return out


def _mutate(sentence: str, parts: list[str], rng: random.Random) -> str:
    """Replace one or two long words with compounds of real words."""
    words = sentence.split(" ")
    for _ in range(rng.randint(0, 2)):
        i = rng.randrange(len(words))
        w = words[i]
        if len(w) >= 7 and w.isalpha() and w.islower():
            a, b = rng.choice(parts), rng.choice(parts)
            link = rng.choice(("", "", "s", "e"))
            words[i] = a + link + b
    return " ".join(words)


def generate_corpus(dest: Path, sources: int, statements: int, seed: int = 0,
                    paragraphs: tuple[int, int] = (30, 50), per_file: int = 1000) -> CorpusStats:
    """Write a valid synthetic content folder; see the module doc. `paragraphs`: how many
    paragraphs a source text has (at least, at most); `per_file`: about how many statements a
    domain file holds (2,500 for the largest files the loader's 5 MB limit allows)."""
    dest = Path(dest)
    n_min, n_max = paragraphs
    rng = random.Random(seed)
    sentences, parts = _real_material()
    for sub in ("sources", "domains", "forums"):
        (dest / sub).mkdir(parents=True, exist_ok=True)
    stats = CorpusStats()

    # Sources, oldest first.
    start = date(2015, 1, 1)
    span = (date(2024, 12, 31) - start).days
    dates = sorted(start + timedelta(days=rng.randrange(span)) for _ in range(sources))
    source_sentences: list[list[str]] = []
    source_ids: list[str] = []
    for n, day in enumerate(dates):
        sid = f"{day.isoformat()}-synthetisch-{n:05d}"
        paragraphs: list[str] = []
        quotable: list[str] = []
        for _ in range(rng.randint(n_min, n_max)):
            chosen = [_mutate(rng.choice(sentences), parts, rng) for _ in range(rng.randint(2, 5))]
            quotable.extend(chosen)
            paragraphs.append(" ".join(chosen))
        lines: list[str] = []
        for p in paragraphs:
            if rng.random() < 0.15:
                lines.append(rng.choice(HEADINGS))
                lines.append("")
            lines.extend(_wrap(p, rng))
            lines.append("")
        for k in range(45, len(lines), 45):
            if lines[k]:
                lines[k] = " " + lines[k]  # a page starts here (as in the PDF text layer)
        text = "\n".join(lines).rstrip() + "\n"
        (dest / "sources" / f"{sid}.txt").write_text(text, encoding="utf-8")
        name, role = rng.choice(MINISTERS)
        kind = rng.choice(KINDS)
        title = f"{'Kamerbrief' if kind == 'kamerbrief' else kind.capitalize()} over {rng.choice(parts)} en {rng.choice(parts)} ({n})"
        meta = [
            f"id: {sid}",
            f"kind: {kind}",
            f"title: {_q(title)}",
            f'date: "{day.isoformat()}"',
            "ministers:",
            f"  - name: {_q(name)}",
            f"    role: {_q(role)}",
            'ministry: "Buitenlandse Zaken"',
            'notes: "Synthetic benchmark source (benchmarks/corpus.py)."',
        ]
        (dest / "sources" / f"{sid}.yaml").write_text("\n".join(meta) + "\n", encoding="utf-8")
        source_sentences.append(quotable)
        source_ids.append(sid)
        stats.passages += len(paragraphs)
    stats.sources = sources
    if sources:
        stats.sample_source_text = dest / "sources" / f"{source_ids[sources // 2]}.txt"

    # Domains: the real ten, then numbered sub-domains so that a file holds ~1,000 statements.
    n_domains = max(len(DOMAINS), -(-statements // per_file))
    base_ids = list(DOMAINS)
    domain_ids = base_ids + [f"{base_ids[i % len(base_ids)]}-{i // len(base_ids) + 1}" for i in range(len(base_ids), n_domains)]
    filed: dict[str, list[str]] = {d: [] for d in domain_ids}
    forum_ids = list(FORUMS)

    # Statements in topics with histories.
    made = 0
    topic_no = 0
    while made < statements and sources:
        size = min(rng.choice((1, 1, 2, 2, 3, 3, 4, 5)), statements - made)
        dom = domain_ids[topic_no % len(domain_ids)]
        topic = f"{dom}/onderwerp-{topic_no:06d}"
        picks = sorted(rng.sample(range(sources), min(size, sources)))
        previous: tuple[str, date] | None = None
        for k, si in enumerate(picks):
            stid = f"{dom}-{topic_no:06d}-{k + 1}"
            quote = rng.choice(source_sentences[si])
            a, b = rng.choice(parts), rng.choice(parts)
            f_id = rng.choice(forum_ids)
            position = rng.choice(POSITION_TEMPLATES).format(a=a, b=b, f=FORUMS[f_id][0].split(" (")[0])
            entry = [
                f"  - id: {stid}",
                f"    topic: {topic}",
                f"    position: {_q(position)}",
                f"    quote: {_q(quote)}",
                f"    source: {source_ids[si]}",
                f'    locator: "p. {rng.randint(1, 6)}"',
            ]
            extra_domains = [d for d in rng.sample(base_ids, rng.choice((0, 0, 1, 2))) if d != dom.split("-")[0]]
            if extra_domains:
                entry.append(f"    domains: [{', '.join(extra_domains)}]")
            if rng.random() < 0.6:
                entry.append(f"    forums: [{', '.join(sorted({f_id, rng.choice(forum_ids)}))}]")
            if previous is not None and previous[1] < dates[si]:
                entry.append(f"    supersedes: [{previous[0]}]")
                stats.superseded += 1
            filed[dom].append("\n".join(entry))
            previous = (stid, dates[si])
            made += 1
        topic_no += 1
    stats.statements = made
    stats.topics = topic_no

    for d in domain_ids:
        base = d.split("-")[0] if d not in DOMAINS else d
        name, aliases = DOMAINS[base]
        suffix = "" if d == base else f" ({d.rsplit('-', 1)[1]})"
        head = [
            f"id: {d}",
            f"name: {_q(name + suffix)}",
            f"description: {_q('Synthetic benchmark domain (benchmarks/corpus.py).')}",
            "aliases: [" + ", ".join(_q(a) for a in aliases) + "]",
        ]
        body = "statements:\n" + "\n".join(filed[d]) if filed[d] else "statements: []"
        (dest / "domains" / f"{d}.yaml").write_text("\n".join(head) + "\n" + body + "\n", encoding="utf-8")
    for f, (name, aliases) in FORUMS.items():
        head = [
            f"id: {f}",
            f"name: {_q(name)}",
            f"description: {_q('Synthetic benchmark forum (benchmarks/corpus.py).')}",
            "aliases: [" + ", ".join(_q(a) for a in aliases) + "]",
            "parent: ccw" if f == "gge-laws" else "parent: null",
            "statements: []",
        ]
        (dest / "forums" / f"{f}.yaml").write_text("\n".join(head) + "\n", encoding="utf-8")
    synonyms = REAL_CONTENT / "synonyms.yaml"
    if synonyms.is_file():
        shutil.copyfile(synonyms, dest / "synonyms.yaml")
    stats.domains = len(domain_ids)
    stats.forums = len(FORUMS)
    stats.sample_domain_file = dest / "domains" / f"{domain_ids[0]}.yaml"
    files = [p for p in dest.rglob("*") if p.is_file()]
    stats.files = len(files)
    stats.bytes = sum(p.stat().st_size for p in files)
    return stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic content folder.")
    parser.add_argument("dest", type=Path)
    parser.add_argument("--sources", type=int, default=100)
    parser.add_argument("--statements", type=int, default=1000)
    parser.add_argument("--per-file", type=int, default=1000, help="about how many statements a domain file holds")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    stats = generate_corpus(args.dest, args.sources, args.statements, args.seed, per_file=args.per_file)
    print(f"{stats.sources} sources, {stats.statements} statements ({stats.superseded} superseding), "
          f"{stats.domains} domains, {stats.files} files, {stats.bytes / 1e6:.1f} MB in {args.dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
