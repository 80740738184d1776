"""Citations the way Kamerstukken cite themselves, and the source-list entries of the pack."""

from __future__ import annotations

from briefing_tui.citations import (
    cite_formal,
    cite_short,
    format_dossier,
    link_inferred,
    locator_key,
    source_list_entry,
    source_url,
)
from briefing_tui.model import Aanhangsel, Kamerstuk, Person, Source


def kst(**kw) -> Source:
    base = dict(
        id="kst-33694-45",
        kind="kamerbrief",
        title="Internationaal normkader",
        date="2019-05-13",
        ministers=(Person("S.A. Blok", "minister van Buitenlandse Zaken"),),
        kamerstuk=Kamerstuk("33694", "45", "2018-2019"),
    )
    base.update(kw)
    return Source(**base)


def test_dossier_numbers_are_grouped_by_thousands():
    assert format_dossier("33694") == "33 694"
    assert format_dossier("34300-X") == "34 300 X"
    assert format_dossier("5") == "5"


def test_short_citation_in_running_text():
    assert cite_short(kst()) == "Kamerstuk 33 694, nr. 45"
    assert cite_short(kst(), "Aanbeveling 2") == "Kamerstuk 33 694, nr. 45, Aanbeveling 2"
    inferred = kst(inferred={"kamerstuk": "cited by a later letter"})
    assert cite_short(inferred, "p. 3") == "Kamerstuk 33 694, nr. 45 (afgeleid), p. 3"


def test_formal_citation_uses_the_vergaderjaar():
    assert cite_formal(kst()) == "Kamerstukken II 2018/19, 33 694, nr. 45"
    # Without a stated year, the date decides: after Prinsjesdag 2019 is 2019/20.
    assert cite_formal(kst(kamerstuk=Kamerstuk("35300-V", "12", None), date="2019-10-01")) == "Kamerstukken II 2019/20, 35 300 V, nr. 12"
    aanhangsel = Source(id="ah-tk-20182019-264", kind="antwoorden", title="Antwoorden", aanhangsel=Aanhangsel("2018-2019", "264"))
    assert cite_formal(aanhangsel) == "Aanhangsel Handelingen II 2018/19, nr. 264"


def test_source_without_number_is_cited_by_kind_title_and_date_with_inferred_marks():
    src = Source(
        id="2020-10-28-brief",
        kind="kamerbrief",
        title="Verdere stappen",
        date="2020-10-28",
        inferred={"title": "descriptive", "date": "from a later letter"},
    )
    assert cite_short(src, "p. 1") == "Kamerbrief “Verdere stappen” (afgeleid), 28 oktober 2020 (afgeleid), p. 1"
    assert source_url(src) is None


def test_kind_is_not_repeated_when_the_title_starts_with_it():
    src = Source(id="2022-reactie", kind="kabinetsreactie", title="Kabinetsreactie op het AIV-advies", date="2022")
    assert cite_short(src) == "“Kabinetsreactie op het AIV-advies”, 2022"


def test_source_list_entry_has_citation_title_date_and_ministers():
    assert source_list_entry(kst()) == (
        "Kamerstukken II 2018/19, 33 694, nr. 45, “Internationaal normkader”, 13 mei 2019; "
        "S.A. Blok (minister van Buitenlandse Zaken)"
    )
    two = Source(
        id="2022-reactie",
        kind="kabinetsreactie",
        title="Reactie",
        date="2022",
        ministers=(Person("W.B. Hoekstra", "minister van Buitenlandse Zaken"), Person("K.H. Ollongren", "minister van Defensie")),
        inferred={"date": "signatures"},
    )
    assert source_list_entry(two) == (
        "Kabinetsreactie “Reactie”, 2022 (afgeleid); W.B. Hoekstra (minister van Buitenlandse Zaken), "
        "K.H. Ollongren (minister van Defensie)"
    )


def test_links_from_the_identifier_and_whether_they_are_inferred():
    assert source_url(kst()) == "https://zoek.officielebekendmakingen.nl/kst-33694-45.html"
    assert not link_inferred(kst())
    assert link_inferred(kst(inferred={"kamerstuk": "x"}))
    explicit = kst(url="https://www.rijksoverheid.nl/documenten/x")
    assert source_url(explicit) == "https://www.rijksoverheid.nl/documenten/x" and not link_inferred(explicit)


def test_trivially_different_spellings_of_a_locator_are_one_place():
    same = ["p. 3", "P.3", " p.  3 .", "p 3", "p.3"]
    assert {locator_key(x) for x in same} == {locator_key("p. 3")}
    assert locator_key("Onbemande luchtvaartuigen (UAV’s), p. 6") == locator_key("onbemande luchtvaartuigen (UAV's) , p.6")
    assert locator_key("p. 2–3") == locator_key("p. 2 - 3")
    assert locator_key("Vraag 1.") == locator_key("Vraag 1")
    # ... but a different place stays different
    for a, b in (("p. 2-3", "p. 23"), ("art. 1.2", "art. 12"), ("Antwoord vraag 3", "Antwoord vraag 3 (biosecurity)"),
                 ("Aanbeveling 1", "Aanbeveling 10")):
        assert locator_key(a) != locator_key(b)
    assert locator_key(None) == locator_key("") == ""
