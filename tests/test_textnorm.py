"""Folding for search: what makes "technologieën" and the OCR'd "technologieén" the same word."""

import re
import unicodedata

from hypothesis import example, given, settings, strategies as st

from briefing_tui.textnorm import (
    display_text, fold, index_text, join_wrap_hyphens, repair_ocr, searchable, word_spans, words,
)


def test_diaeresis_and_ocr_acute_fold_to_the_same_word():
    assert fold("technologieën") == fold("technologieén") == "technologieen"
    assert fold("potentiële") == fold("potentiéle") == fold("potentiele") == "potentiele"
    assert fold("Geïntegreerde") == "geintegreerde"


def test_typographic_quotes_and_dashes_become_plain():
    assert fold("“killer robots” – ‘edge’") == "\"killer robots\" - 'edge'"


def test_fold_keeps_length_for_any_text():
    # Offsets found in the folded text must hold in the original (snippet marks rely on it).
    for text in ("İstanbul", "ﬁnale ½", "Straße", "e\u0301", "ǅ", "ŉ"):
        assert len(fold(text)) == len(text)


@given(st.text(st.one_of(st.characters(), st.sampled_from("·é’⁻−—︱`῾ﹰİ"))))
@example("⁻ en −")
@example("− en ⁻")
@example("︱—")
@example("⁻−₋ ︱—﹘ ︲–")
@example("\ud800 é \udfff")  # lone surrogates (a text decoded with surrogateescape)
def test_fold_is_each_character_folded_on_its_own(text):
    # `fold` replaces each kind of character at once; the answer is that of folding the
    # lowercased text one character at a time, also where one folds to another that folds further.
    from briefing_tui.textnorm import _TABLE

    lowered = text.lower() if "\u0130" not in text else text.replace("\u0130", "i").lower()
    assert fold(text) == "".join(c if c.isascii() else _TABLE[ord(c)] for c in lowered)


@given(st.text())
def test_fold_and_ocr_repair_keep_length_and_word_boundaries(text):
    shown = display_text(text)
    folded = index_text(shown)
    assert len(folded) == len(shown)
    # Words start and end at the same offsets: a match in the folded text marks the same word.
    assert word_spans(folded) == word_spans(shown)


def test_ocr_al_is_ai_but_the_dutch_word_al_is_not():
    assert words(searchable("de militaire toepassingen van Al en lessen")) == [
        "de", "militaire", "toepassingen", "van", "ai", "en", "lessen"]
    assert "ai" in words(searchable("(hierna: Al). Al wordt breed beschouwd"))
    assert words(searchable("deze toepassing vindt ook al plaats")).count("al") == 1
    assert "ai" not in words(searchable("Al met al is het kabinet tevreden."))
    assert "ai" not in words(searchable("Al jaren pleit Nederland hiervoor."))
    assert "ai" not in words(searchable("Al in 2019 heeft het kabinet ..."))
    assert "ai" not in words(searchable("de strijd tegen Al-Qaida en Al Shabaab"))


def test_ocr_l_for_i_in_abbreviations():
    assert repair_ocr("een AlV advies") == "een AIV advies"
    assert repair_ocr("NL en DUl heeft") == "NL en DUI heeft"
    # Ordinary capitalised words are untouched.
    assert repair_ocr("Als Alle Alvorens") == "Als Alle Alvorens"


@given(st.text(alphabet="AlIDUVliaL -'’É\n", max_size=30))
@example("HoekstrAl")
@example("xAl")
def test_ocr_repair_is_that_of_every_candidate(text):
    # The quick test for a capital before an "l" never skips a text that has a candidate.
    from briefing_tui.textnorm import _CAND, _repair

    assert repair_ocr(text) == _CAND.sub(_repair, text)


def test_line_wrap_hyphens_are_joined_and_real_hyphens_kept():
    assert "wapenbeheersing" in words(searchable("voor wapenbe-\n  heersing vormen"))
    assert words(searchable("in EU-\nverband")) == ["in", "eu", "verband"]


def test_searchable_collapses_whitespace():
    assert searchable("  Nieuwe\n\ttechnologieén  ") == "nieuwe technologieen"


_WHITESPACE_AND_WORDS = st.text(alphabet=st.sampled_from(list(" \t\n\r\x0b\x0c\x1c\x85\xa0\u2009\u3000_-.,aZ09éİ½")))


@given(st.one_of(st.text(), _WHITESPACE_AND_WORDS, st.text(alphabet=st.characters(max_codepoint=127))))
def test_the_fast_paths_cut_and_clean_as_the_regexes_do(text):
    """`words` (ASCII text split in C) and `display_text` (printable text without double spaces
    left alone) give what their regexes give for any text."""
    assert words(text) == re.findall(r"[^\W_]+", text)
    assert display_text(text) == re.sub(r"\s+", " ", join_wrap_hyphens(unicodedata.normalize("NFC", text))).strip()


@given(st.one_of(st.text(), _WHITESPACE_AND_WORDS, st.text(alphabet=st.sampled_from(list("ab12 .\n-\u00a0\u201c")))))
def test_quote_variants_skip_only_the_passes_a_clean_text_does_not_need(text):
    """`QuoteIndex.for_text` leaves out the wrap-hyphen and whitespace passes when they would
    change nothing (proposals check hundreds of sentences against one letter's passages)."""
    from briefing_tui.quotes import _FOOTNOTE_MARKER, _WRAP_HYPHEN, _WS, QuoteIndex, _fold_quotes

    folded = _fold_quotes(text)
    joined = _WS.sub(" ", _WRAP_HYPHEN.sub("", folded))
    kept = _WS.sub(" ", _WRAP_HYPHEN.sub("-", folded))
    every_pass = dict.fromkeys([joined, kept, _FOOTNOTE_MARKER.sub("", joined), _FOOTNOTE_MARKER.sub("", kept)])
    assert QuoteIndex.for_text(text).variants == tuple(every_pass)


_QUOTE_TEXT = st.one_of(
    st.text(),
    _WHITESPACE_AND_WORDS,
    st.lists(st.sampled_from(["stelt", "20", "1", "12", "123", "é", "a", " ", "  ", ".", ",", ")", "(", "(…)", "(...)",
                              "\n", "\t", "\u00a0", "’", "»", "x9", "_", "٣"]), max_size=20).map("".join),
)


@settings(max_examples=1500)
@given(_QUOTE_TEXT)
def test_the_quick_paths_of_quote_matching_give_what_the_plain_regexes_give(text):
    """The footnote marker looked for from its first digit, and the whitespace and cut-mark
    passes left out when they cannot change the text: the same result as the patterns as first
    written, for any text (quotes are verified with them)."""
    from briefing_tui.quotes import _CUT_MARK, _FOOTNOTE_MARKER, _WS, _fold_quotes, normalise_quote

    marker = re.compile(r"(?<=[^\W\d_]{2})(\d{1,2})(?=[\s.,;:)»”’]|$)")
    assert _FOOTNOTE_MARKER.sub("", text) == marker.sub("", text)
    assert normalise_quote(text) == _CUT_MARK.sub("", _WS.sub(" ", _fold_quotes(text)).strip().strip())


@given(_QUOTE_TEXT)
def test_a_normalised_quote_normalised_again_needs_only_its_cut_marks_taken(text):
    """`quotes._again` (a quote's parts, a text's key) stands for `normalise_quote` of a text
    normalised already: "(…) (…) tekst" loses its second cut mark there too."""
    from briefing_tui.quotes import _again, normalise_quote

    once = normalise_quote(text)
    assert _again(once) == normalise_quote(once)
    assert _again(normalise_quote("(…) (…) tekst")) == "tekst"  # one cut mark a pass
