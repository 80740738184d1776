"""`check(corpus)` and `briefing check`: references, dates, quotes, warnings, exit codes."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing_tui.content import load_content
from briefing_tui.model import Corpus, Loc, Source, Statement
from briefing_tui.passages import split_passages
from briefing_tui.validate import check, source_quote_index

REPO = Path(__file__).resolve().parents[1]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


INCOMPLETE = ("check.citation_no_number", "check.citation_no_date")
CUT = ("check.quote_cut_start", "check.quote_cut_end")


def _shown(p, citations: bool, cuts: bool) -> bool:
    return (citations or p.code not in INCOMPLETE) and (cuts or p.code not in CUT)


def problems(root: Path, citations: bool = False, cuts: bool = False) -> list[str]:
    """The problems `check` finds; without `citations` and `cuts`, not the warnings about the
    mini content's '2019-oud' (no number, no exact date) and its short quotes cut mid-sentence
    (tested on their own below)."""
    return [str(p) for p in check(load_content(root)) if _shown(p, citations, cuts)]


def found_codes(root: Path) -> list[tuple[str, int, str]]:
    return [(p.path, p.line, p.code) for p in check(load_content(root)) if _shown(p, False, False)]


def test_mini_content_is_clean(mini_content):
    assert problems(mini_content) == []


def test_unknown_references(mini_content):
    laws = mini_content / "domains" / "laws.yaml"
    edit(laws, "    source: kst-33694-99\n    locator: \"p. 1\"\n    forums: [ccw]", "    source: kst-33694-98\n    locator: \"p. 1\"\n    forums: [ccw, laws]")
    edit(laws, "supersedes: [laws-geen-verbod-2019]", "supersedes: [laws-geen-verbod-2018]")
    edit(mini_content / "forums" / "gge-laws.yaml", "parent: ccw", "parent: ccm")
    edit(mini_content / "qa.yaml", "statements: [laws-verbod-2022]", "statements: [laws-verbod-2023]\n    domains: [ai]")
    edit(mini_content / "commitments.yaml", "status: open", "status: done\n    fulfilled_by: nergens")
    edit(mini_content / "motions.yaml", "request_source: kst-33694-99", "request_source: onbekend")
    got = problems(mini_content)
    expected = [
        "content/domains/laws.yaml:9: standpunt 'laws-verbod-2022': source 'kst-33694-98' is geen bekende bron (bedoelt u 'kst-33694-99'?)",
        "content/domains/laws.yaml:11: standpunt 'laws-verbod-2022': forums noemt 'laws', maar dat hoort in de andere lijst (domains of forums)",
        "content/domains/laws.yaml:12: standpunt 'laws-verbod-2022': supersedes 'laws-geen-verbod-2018', "
        "dat geen bekend standpunt is (bedoelt u 'laws-geen-verbod-2019'?)",
        "content/forums/gge-laws.yaml:3: forum 'gge-laws': parent 'ccm' is geen bekend forum",
        "content/qa.yaml:7: vraag 'qa-1': statements noemt 'laws-verbod-2023', dat geen bekend standpunt is (bedoelt u 'laws-verbod-2022'?)",
        "content/qa.yaml:8: vraag 'qa-1': domains noemt 'ai', dat niet bestaat",
        "content/commitments.yaml:6: toezegging 'tz-verbod': status: 'done' is niet een van 'open', 'fulfilled', 'partially-fulfilled', 'lapsed' en 'unknown'",
        "content/commitments.yaml:7: toezegging 'tz-verbod': fulfilled_by 'nergens' is geen bekende bron",
        "content/motions.yaml:6: motie 'motie-33694-43': request_source 'onbekend' is geen bekende bron",
    ]
    for line in expected:
        assert line in got
    assert sorted(found_codes(mini_content)) == sorted([
        ("content/domains/laws.yaml", 9, "check.unknown_source"),
        ("content/domains/laws.yaml", 11, "check.area_in_wrong_list"),
        ("content/domains/laws.yaml", 12, "check.supersedes_unknown"),
        ("content/forums/gge-laws.yaml", 3, "check.unknown_parent"),
        ("content/qa.yaml", 7, "check.qa_unknown_statement"),
        ("content/qa.yaml", 8, "check.unknown_area"),
        ("content/commitments.yaml", 6, "schema.enum"),
        ("content/commitments.yaml", 7, "check.unknown_source"),
        ("content/motions.yaml", 6, "check.unknown_source"),
    ])
    # The statement with an unknown source is not also blamed for its quote.
    assert not any("laws-verbod-2022': quote" in g for g in got)


def test_supersedes_other_topic_newer_and_cycle(mini_content):
    laws = mini_content / "domains" / "laws.yaml"
    edit(laws, "    topic: laws/verbod\n    position: \"Het kabinet is geen", "    topic: laws/oud\n    position: \"Het kabinet is geen")
    got = problems(mini_content)
    assert (
        "content/domains/laws.yaml:12: standpunt 'laws-verbod-2022' (onderwerp 'laws/verbod') vervangt "
        "'laws-geen-verbod-2019' van een ander onderwerp ('laws/oud')"
    ) in got

    edit(laws, "laws/oud", "laws/verbod")
    edit(laws, "    source: 2019-oud\n", "    source: 2019-oud\n    supersedes: [laws-verbod-2022]\n")
    found = check(load_content(mini_content))
    assert any(p.code == "check.supersedes_cycle" for p in found)
    assert any(str(p).endswith(": een kring") for p in found if p.code == "check.supersedes_cycle")
    assert any(
        "standpunt 'laws-geen-verbod-2019' (2019) vervangt 'laws-verbod-2022', dat nieuwer is (2022-03-01)" in str(p)
        for p in found
    )


def test_dates_and_statuses(mini_content):
    edit(mini_content / "sources" / "2019-oud.yaml", 'date: "2019"', 'date: "2019-02-30"')
    edit(mini_content / "commitments.yaml", "status: open", 'status: open\n    made_on: "4 oktober"')
    edit(mini_content / "sources" / "kst-33694-99.yaml", 'kind: kamerbrief', 'kind: brief')
    got = problems(mini_content)
    assert "content/sources/2019-oud.yaml:4: bron '2019-oud': date '2019-02-30' is geen bestaande datum (JJJJ, JJJJ-MM of JJJJ-MM-DD)" in got
    assert "content/commitments.yaml:7: toezegging 'tz-verbod': made_on '4 oktober' is geen bestaande datum (JJJJ, JJJJ-MM of JJJJ-MM-DD)" in got
    assert any(g.startswith("content/sources/kst-33694-99.yaml:2: bron 'kst-33694-99': kind: 'brief' is niet een van") for g in got)
    # Each mistake once: the malformed date is not also reported by the schema's pattern.
    assert sorted(found_codes(mini_content)) == sorted([
        ("content/sources/2019-oud.yaml", 4, "check.bad_date"),
        ("content/commitments.yaml", 7, "check.bad_date"),
        ("content/sources/kst-33694-99.yaml", 2, "schema.enum"),
    ])


def test_quote_not_verbatim_reports_longest_matching_start_at_the_quote_line(mini_content):
    edit(mini_content / "domains" / "laws.yaml",
         '"zal zich inzetten voor een verbod op volledig autonome wapensystemen"',
         '"zal zich inzetten voor een totaal verbod op autonome wapensystemen"')
    edit(mini_content / "qa.yaml", 'question: "Geachte voorzitter,"', 'question: "Geachte Voorzitter,"')
    got = problems(mini_content)
    # "totaal" breaks the match after five words.
    assert (
        "content/domains/laws.yaml:8: standpunt 'laws-verbod-2022': quote staat niet letterlijk in bron 'kst-33694-99'; "
        "de eerste 5 van 10 woorden kloppen, tot: 'zal zich inzetten voor een'"
    ) in got
    assert any(g.startswith("content/qa.yaml:5: vraag 'qa-1': question staat niet letterlijk") for g in got)


def test_quotes_may_span_page_furniture_and_markers(mini_content):
    # Across the footnote line and the page break, with the marker "is1." dropped, wrap hyphen joined.
    edit(mini_content / "commitments.yaml", 'quote: "zal zich inzetten voor een verbod"',
         'quote: "dat wapenbeheersing nodig is. Daarnaast zet het kabinet in"')
    assert problems(mini_content) == []


def test_quote_across_the_footnote_block_of_a_real_source(source_text):
    text = source_text("2019-normkader-nieuwe-technologieen")
    quote = "kunstmatige intelligentie kansen voor Europa biedt. De insteek in Europees kader is vooral van economische aard."
    assert source_quote_index(text).contains(quote)
    assert not source_quote_index(text).contains(quote.replace("Europees", "Europese"))


def test_warnings(mini_content):
    laws = mini_content / "domains" / "laws.yaml"
    edit(laws, "    supersedes: [laws-geen-verbod-2019]\n", "")
    edit(mini_content / "sources" / "2019-oud.yaml", "  date: ", "  title: \"by me\"\n  ministry: \"x\"\n  date: ")
    edit(mini_content / "commitments.yaml", "status: open", "status: fulfilled")
    edit(mini_content / "synonyms.yaml", "  - [LAWS, killer robots]", "  - [LAWS, killer robots]\n  - [killerrobots, Killer Robots]")
    corpus = load_content(mini_content)
    found = [p for p in check(corpus) if _shown(p, False, False)]
    assert all(p.severity == "warning" for p in found), [str(p) for p in found]
    got = [str(p) for p in found]
    assert any(
        g.startswith("content/domains/laws.yaml:5: waarschuwing: onderwerp 'laws/verbod' heeft 2 huidige standpunten met verschillende data")
        for g in got
    )
    assert "content/sources/2019-oud.yaml:5: waarschuwing: bron '2019-oud': inferred noemt 'ministry', maar 'ministry' is niet ingevuld" in got
    assert "content/commitments.yaml:6: waarschuwing: toezegging 'tz-verbod': status is fulfilled, maar fulfilled_by noemt geen bron" in got
    assert "content/synonyms.yaml:3: waarschuwing: synoniem 'killer robots' staat ook in de groep op regel 2; een term hoort bij één groep" in got
    assert sorted((p.path, p.line, p.code) for p in found) == sorted([
        ("content/domains/laws.yaml", 5, "check.several_current"),
        ("content/sources/2019-oud.yaml", 5, "check.inferred_unset_field"),
        ("content/commitments.yaml", 6, "check.fulfilled_without_source"),
        ("content/synonyms.yaml", 3, "check.synonym_twice"),
    ])


def test_check_is_fast_on_a_large_corpus(source_text):
    text = source_text("2022-kabinetsreactie-aiv-cavv-autonome-wapensystemen")
    corpus = Corpus(root="x")
    corpus.sources["s"] = Source(id="s", kind="kamerbrief", title="t", date="2022", loc=Loc("s.yaml", 1))
    corpus._texts["s"] = text
    # Quotes as an author copies them from the passages (wrap hyphens joined, markers dropped).
    words = " ".join(p.text for p in split_passages(text)).split()
    for i in range(100_000):
        at = (i * 7) % (len(words) - 12)
        quote = " ".join(words[at:at + 12])
        corpus.statements[f"st-{i}"] = Statement(
            id=f"st-{i}", topic=f"laws/t{i}", position="p", quote=quote, source="s", locator="p. 1",
            domains=(), loc=Loc("d.yaml", i + 1),
        )
    corpus.link()
    start = time.perf_counter()
    found = check(corpus)
    elapsed = time.perf_counter() - start
    assert elapsed < 20, elapsed
    # Only the topics' unknown domain is worth a warning; every quote is verbatim.
    assert not [p for p in found if p.severity == "error"]


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    env.pop("BRIEFING_CONTENT", None)
    return subprocess.run(
        [sys.executable, "-c", "import sys; from briefing_tui.cli import main; rc = main(sys.argv[1:]); "
         "print('TEXTUAL' if any(m == 'textual' or m.startswith('textual.') for m in sys.modules) else 'NO-TEXTUAL', file=sys.stderr); "
         "sys.exit(rc)", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=120,
    )


def cite_in_full(mini_content: Path) -> None:
    """Give the mini content's '2019-oud' a number and an exact date, and mark where its short
    quotes were cut with "(…)", so it warns about nothing."""
    import re

    from briefing_tui.quotes import cut_ends

    edit(mini_content / "sources" / "2019-oud.yaml", 'date: "2019"\n', 'date: "2019-04-01"\naanhangsel: {year: "2018-2019", number: "1"}\n')

    def marked(m: re.Match) -> str:
        start, end = cut_ends(m.group(2))
        return f'{m.group(1)}"{"(…) " if start else ""}{m.group(2)}{" (…)" if end else ""}"'

    for path in mini_content.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r'((?:quote|request): )"([^"]*)"', marked, text), encoding="utf-8")


def test_cli_clean_content(mini_content):
    cite_in_full(mini_content)
    res = run_cli("check", cwd=mini_content.parent)
    assert res.returncode == 0, res.stdout + res.stderr
    assert res.stdout == "content in orde: 2 bronnen, 3 standpunten, 1 toezegging, 1 motie, 1 vraag, 1 domein, 2 fora\n"
    assert "NO-TEXTUAL" in res.stderr


def test_cli_reports_errors_first_sorted_and_fails(mini_content):
    cite_in_full(mini_content)
    edit(mini_content / "qa.yaml", "source: kst-33694-99", "source: kst-1-1")
    edit(mini_content / "domains" / "laws.yaml", "    source: 2019-oud", "    source: 2019-nieuw")
    (mini_content / "sources" / "losse-tekst.txt").write_text("tekst\n", encoding="utf-8")
    res = run_cli("check", "--content", str(mini_content), cwd=mini_content.parent.parent)
    assert res.returncode == 1
    lines = res.stdout.splitlines()
    assert lines == [
        "content/domains/laws.yaml:17: standpunt 'laws-geen-verbod-2019': source '2019-nieuw' is geen bekende bron",
        "content/qa.yaml:3: vraag 'qa-1': source 'kst-1-1' is geen bekende bron",
        "content/sources/losse-tekst.txt:1: waarschuwing: brontekst zonder metagegevens: voeg sources/losse-tekst.yaml toe",
    ]
    assert "controle van de content mislukt: 2 fouten, 1 waarschuwing" in res.stderr
    quiet = run_cli("check", "--no-warnings", "--content", str(mini_content), cwd=mini_content.parent.parent)
    assert len(quiet.stdout.splitlines()) == 2


def test_real_content_checks_without_errors(content_dir):
    if not any((content_dir / "domains").glob("*.yaml")):
        pytest.skip("content/domains is still empty")
    errors = [str(p) for p in check(load_content(content_dir)) if p.severity == "error"]
    assert errors == []


def test_imported_source_keys(mini_content):
    with open(mini_content / "sources" / "2019-oud.yaml", "a", encoding="utf-8") as fh:
        fh.write('kamervragen: "2019Z1633"\nanswers: kv-tk-2019z01633\ndetected:\n  kamerstuk: "regel 3"\n')
    got = problems(mini_content)
    assert "content/sources/2019-oud.yaml:7: bron '2019-oud': Kamervragennummer '2019Z1633' moet de vorm '2019Z01633' hebben" in got
    assert "content/sources/2019-oud.yaml:8: bron '2019-oud': answers 'kv-tk-2019z01633' is geen bekende bron" in got
    assert "content/sources/2019-oud.yaml:9: waarschuwing: bron '2019-oud': detected noemt 'kamerstuk', maar 'kamerstuk' is niet ingevuld" in got
    # Each mistake once: the malformed number is not also reported by the schema's pattern.
    assert sorted(found_codes(mini_content)) == sorted([
        ("content/sources/2019-oud.yaml", 7, "check.kamervragen"),
        ("content/sources/2019-oud.yaml", 8, "check.unknown_source"),
        ("content/sources/2019-oud.yaml", 9, "check.inferred_unset_field"),
    ])


def test_a_quote_cut_mid_sentence_must_say_so(mini_content):
    laws = mini_content / "domains" / "laws.yaml"
    cut = [p for p in check(load_content(mini_content)) if p.code in CUT and p.data["id"] == "laws-geen-verbod-2019"]
    assert [(p.line, p.code, p.severity) for p in cut] == [(16, "check.quote_cut_end", "warning")]
    assert cut[0].message == ("standpunt 'laws-geen-verbod-2019': quote eindigt midden in een zin van de bron; "
                              "markeer de weglating met ' (…)' erachter")

    def cuts_of_the_statement():
        return [p.code for p in check(load_content(mini_content)) if p.data.get("id") == "laws-geen-verbod-2019"]

    edit(laws, 'quote: "Het kabinet neemt"', 'quote: "Het kabinet neemt (…)"')
    assert cuts_of_the_statement() == []  # still verbatim: the mark is not part of the wording
    edit(laws, 'quote: "Het kabinet neemt (…)"', 'quote: "(…) kabinet neemt kennis van het advies."')
    assert cuts_of_the_statement() == []
    edit(laws, 'quote: "(…) kabinet neemt kennis van het advies."', 'quote: "kabinet neemt kennis van het advies."')
    assert cuts_of_the_statement() == ["check.quote_cut_start"]


def test_every_cut_quote_in_the_content_is_marked(content_dir):
    assert [str(p) for p in check(load_content(content_dir)) if p.code in CUT] == []


def test_a_source_that_cannot_be_cited_in_full_is_a_warning(mini_content):
    assert problems(mini_content, citations=True) == [
        "content/sources/2019-oud.yaml:1: waarschuwing: bron '2019-oud' heeft geen Kamerstuk- of Aanhangselnummer: "
        "de bronvermelding is onvolledig (vul aan met `briefing source set`)",
        "content/sources/2019-oud.yaml:4: waarschuwing: bron '2019-oud' heeft geen exacte datum (2019): "
        "de bronvermelding is onvolledig (vul aan met `briefing source set`)",
    ]
    cite_in_full(mini_content)
    assert problems(mini_content, citations=True) == []
