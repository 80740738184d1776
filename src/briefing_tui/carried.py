"""Which superseded statements a text carries: a passage, a Q&A answer, a motion follow-up or a
commitment's quote that holds the quote (or a sentence of it) of a statement that has since been
replaced repeats the old line, and must carry that fact wherever it is shown.

    finder = CarriedStatements(corpus)
    finder.in_text(source_id, text)      -> ('laws-geen-verbod-2019', ...)
    finder.in_item("passage", "2019-normkader-nieuwe-technologieen#16")

A text is compared with the superseded statements quoted from the same source (a quote is
verbatim from its source, so a text of another source cannot hold it verbatim unless it quotes
that source). Matching is that of `quotes.holds_quote`: whitespace, line-wrap hyphens,
typographic quotes and footnote markers are layout; wording is not (each quote prepared once:
`quotes.HeldQuote`).
"""

from __future__ import annotations

from collections import defaultdict

from briefing_tui.model import Corpus, Statement
from briefing_tui.quotes import HeldQuote, HeldQuotes, QuoteIndex

ITEM_KINDS = ("passage", "qa", "motion", "commitment")


class CarriedStatements:
    """Superseded statements carried by other records of one corpus (built once per use)."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._by_source: dict[str, list[Statement]] = defaultdict(list)
        for st in corpus.statements.values():
            if not corpus.is_current(st.id):
                self._by_source[st.source].append(st)
        self._prepared: dict[str, HeldQuotes] = {}

    def _candidates(self, source_id: str) -> HeldQuotes:
        """The superseded statements of a source with their quotes prepared, once per source (a
        briefing's items and a page of hits ask for the same sources again and again)."""
        got = self._prepared.get(source_id)
        if got is None:
            got = self._prepared[source_id] = HeldQuotes((st.id, st.quote) for st in self._by_source.get(source_id, ()))
        return got

    def in_text(self, source_id: str | None, text: str | None) -> tuple[str, ...]:
        """Ids of the superseded statements of `source_id` whose quote `text` carries."""
        candidates = self._candidates(source_id or "")
        if not candidates or not text or not text.strip():
            return ()
        index = QuoteIndex.for_text(text)
        key = HeldQuote.text_key(text)
        return tuple(candidates.held_by(index, key))

    def texts_of(self, kind: str, ref: str) -> list[tuple[str | None, str]]:
        """(source id, text) pairs of a record that may repeat a statement's quote."""
        c = self.corpus
        if kind == "passage":
            from briefing_tui.briefing import passages_of

            src_id, _, number = ref.rpartition("#")
            if src_id not in c.sources or not number.isdigit():
                return []
            try:
                found = [p for p in passages_of(c, src_id) if p.number == int(number)]
            except OSError:
                return []
            return [(src_id, found[0].text)] if found else []
        if kind == "qa" and ref in c.qa:
            qa = c.qa[ref]
            return [(qa.source, qa.answer)]
        if kind == "commitment" and ref in c.commitments:
            cm = c.commitments[ref]
            return [(cm.source, cm.quote)]
        if kind == "motion" and ref in c.motions:
            mo = c.motions[ref]
            return [(fu.source, fu.quote) for fu in mo.follow_up] + [(mo.request_source, mo.request)]
        return []

    def in_item(self, kind: str, ref: str) -> tuple[str, ...]:
        """Superseded statements a briefing item of this kind repeats (empty for statements and
        notes: a statement is itself superseded or not)."""
        if kind not in ITEM_KINDS:
            return ()
        out: list[str] = []
        for source_id, text in self.texts_of(kind, ref):
            out += self.in_text(source_id, text)
        return tuple(dict.fromkeys(out))



_last: tuple[Corpus, CarriedStatements] | None = None


def for_corpus(corpus: Corpus) -> CarriedStatements:
    """The finder of this corpus, kept while the same corpus object is asked for (the app asks
    for every line it draws; a corpus is never changed once linked, only replaced)."""
    global _last
    if _last is None or _last[0] is not corpus:
        _last = (corpus, CarriedStatements(corpus))
    return _last[1]
