"""Benchmark: export a 100-item briefing as Markdown and as Word.

    .venv/bin/python benchmarks/bench_export.py [--runs N] [--items N]

Builds a synthetic knowledge base in a temporary folder (sources with text files, statements
in supersession chains, commitments, motions, questions), fills a briefing with `--items` items
(statements, some superseded, with passages, commitments, motions, questions and notes), and writes the
pack with `write_pack` (the same path `briefing export` takes, atomic write included). Prints
the median wall time over `--runs` runs per format, and the peak Python memory of one run
(tracemalloc, measured separately so it does not slow the timed runs).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.append(str(ROOT / "src"))  # last: PYTHONPATH (another checkout's code, to compare) comes first

from briefing_tui.briefing import AgendaEntry, Item, Member, new_briefing  # noqa: E402
from briefing_tui.export import write_pack  # noqa: E402
from briefing_tui.model import QA, Area, Commitment, Corpus, FollowUp, Kamerstuk, Motion, Person, Source, Statement  # noqa: E402

SENTENCE = (
    "Het kabinet zet zich in internationaal verband in voor afspraken over de verantwoorde ontwikkeling "
    "en inzet van nieuwe militaire technologieën, met betekenisvolle menselijke controle als uitgangspunt."
)


def build_corpus(folder: Path, n_sources: int = 20, topics: int = 30, chain: int = 3) -> Corpus:
    c = Corpus(root=str(folder))
    for d in ("laws", "ai", "uav", "cyber", "ruimte"):
        c.domains[d] = Area(d, "domain", f"Domein {d}")
    for i in range(n_sources):
        sid = f"kst-{33000 + i}-{i + 1}"
        text = folder / f"{sid}.txt"
        paragraphs = [f"Paragraaf {p + 1}. {SENTENCE} Bron {i}." for p in range(40)]
        text.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
        c.sources[sid] = Source(
            id=sid,
            kind="kamerbrief",
            title=f"Kamerbrief over nieuwe technologieën nr. {i}",
            date=f"{2015 + i % 8}-{1 + i % 12:02d}-15",
            ministers=(Person("Minister", "minister van Buitenlandse Zaken"),),
            kamerstuk=Kamerstuk(str(33000 + i), str(i + 1), None),
            inferred={"date": "synthetic"} if i % 3 == 0 else {},
            text_path=str(text),
        )
    source_ids = sorted(c.sources, key=lambda s: c.sources[s].date)
    domains = sorted(c.domains)
    for t in range(topics):
        dom = domains[t % len(domains)]
        previous = None
        for k in range(chain):
            sid = f"{dom}-t{t}-{k}"
            src = source_ids[(t + k * 5) % len(source_ids)] if k == 0 else source_ids[min(len(source_ids) - 1, (t % 5) + k * 6)]
            c.statements[sid] = Statement(
                id=sid,
                topic=f"{dom}/t{t}",
                position=f"Standpunt {k} over onderwerp {t}: *nadruk* en [haken] blijven letterlijk.",
                quote=f"Paragraaf {k + 1}. {SENTENCE}",
                source=src,
                locator=f"p. {k + 1}",
                domains=(dom,),
                supersedes=(previous,) if previous else (),
                home=f"domains/{dom}",
            )
            previous = sid
    for i in range(30):
        src = source_ids[i % len(source_ids)]
        c.commitments[f"tz-{i}"] = Commitment(
            id=f"tz-{i}", text=f"Toezegging {i}", quote=SENTENCE, source=src, locator="p. 2",
            made_by="minister", made_at="Commissiedebat", made_on="2020-01",
            status=("open", "fulfilled", "partially-fulfilled", "unknown")[i % 4],
            fulfilled_by=source_ids[(i + 1) % len(source_ids)] if i % 4 == 1 else None,
            inferred={"made_on": "synthetic"},
        )
    for i in range(10):
        c.motions[f"motie-{i}"] = Motion(
            id=f"motie-{i}", title=f"Motie {i}", request=SENTENCE, request_source=source_ids[i],
            kamerstuk=Kamerstuk("33694", str(40 + i)), submitters=(Person("Lid", party="VVD"),), date="2019-04-24",
            status="in uitvoering",
            follow_up=tuple(FollowUp(source_ids[(i + k) % len(source_ids)], SENTENCE, f"p. {k + 1}", "Opvolging.") for k in range(3)),
        )
    for i in range(20):
        c.qa[f"qa-{i}"] = QA(id=f"qa-{i}", source=source_ids[i % len(source_ids)], number=i + 1,
                            question="Kunt u bevestigen dat " + SENTENCE, answer_locator=f"Antwoord vraag {i + 1}",
                            answer=SENTENCE)
    return c.link()


def build_briefing(corpus: Corpus, n_items: int):
    b = new_briefing("bench", title="Benchmarkdebat", committee="vaste commissie voor Buitenlandse Zaken",
                     date="2024-06-12", members=[Member(f"Lid {i}", "CDA") for i in range(12)],
                     agenda=[AgendaEntry(source=s) for s in sorted(corpus.sources)[:5]])
    statements = sorted(corpus.statements)
    commitments, motions, qas = sorted(corpus.commitments), sorted(corpus.motions), sorted(corpus.qa)
    sources = sorted(corpus.sources)
    plan = ["statement"] * 5 + ["passage", "commitment", "motion", "qa", "note"]
    counters = {k: 0 for k in plan}
    for i in range(n_items):
        kind = plan[i % len(plan)]
        n = counters[kind]
        counters[kind] += 1
        if kind == "statement":
            b.add("kernboodschappen" if n % 10 == 0 else "standpunten", Item("statement", statements[n % len(statements)],
                  position="Aangepaste lijn" if n % 7 == 0 else None))
        elif kind == "passage":
            b.add(None, Item("passage", f"{sources[n % len(sources)]}#{1 + (n * 7) % 40}"))
        elif kind == "commitment":
            b.add(None, Item("commitment", commitments[n % len(commitments)]))
        elif kind == "motion":
            b.add(None, Item("motion", motions[n % len(motions)]))
        elif kind == "qa":
            b.add(None, Item("qa", qas[n % len(qas)]))
        else:
            b.add(None, Item.note(f"Notitie {n}\n- met een regel\n# en een kop die geen kop wordt"))
    return b


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--items", type=int, default=100)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = build_corpus(folder)
        briefing = build_briefing(corpus, args.items)
        print(f"corpus: {len(corpus.sources)} sources, {len(corpus.statements)} statements; briefing: {len(briefing)} items")
        for fmt in ("md", "docx"):
            out = folder / f"bench.{fmt}"
            write_pack(briefing, corpus, out, fmt)  # warm-up (imports, caches)
            times = []
            for _ in range(args.runs):
                t0 = time.perf_counter()
                write_pack(briefing, corpus, out, fmt)
                times.append(time.perf_counter() - t0)
            tracemalloc.start()
            write_pack(briefing, corpus, out, fmt)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            print(
                f"{fmt:>4}: median {statistics.median(times) * 1000:7.1f} ms over {args.runs} runs "
                f"(min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f}); "
                f"peak memory {peak / 1024 / 1024:.1f} MiB; file {out.stat().st_size / 1024:.0f} KiB"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
