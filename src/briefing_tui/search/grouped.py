"""An OR of many forms with the rare ones grouped (speed machinery, switched on by size), and
the flat OR (`one_of`) that is its reference.

A unit of a query is the OR of its forms: the word or prefix typed, its synonyms, and the
compounds the vocabulary has that end in it ("autonome" also finds "strategischautonome"). A
dossier's vocabulary gives a common word dozens of such compounds, each in a few records. FTS5
steps an OR through every one of its children for every row it gives, and it flattens an OR
inside an OR into one: at 27,500 sources "autonome" (the prefix "autonom", in 614,000 records,
with 33 compounds) took 50 ms to count where the prefix alone took 17.

Here the rare forms (each under `GROUP_SHARE` of the unit's records) stand in a group of their
own, written as the AND of the group with itself: the same records (a set ANDed with itself is
that set), in a node FTS5 does not flatten, which it steps only at the group's own few records.
The same count took 21 ms; the exact counts of the benchmark's as-you-type mix took 28% less
altogether. The group is asked twice, so its forms cost twice what they cost alone: a form with
more records stays outside it, and a unit with few records is left as it is (there the group's
doubled look-ups cost more than its rows' steps save).

bm25 sums over every phrase of the expression, the group's twice: a ranked query is asked flat.
So is what a search reports it asked (`SearchResult.query_used`). The flat OR is the reference:
tests hold both to the same records.
"""

from __future__ import annotations

from typing import Iterable

__all__ = ["GROUP_FORMS", "GROUP_RECORDS", "GROUP_SHARE", "any_of", "one_of"]

GROUP_RECORDS = 50_000  # the forms' records together from which a group may pay
GROUP_SHARE = 0.01  # a form with fewer records than this share of them all is grouped
GROUP_FORMS = 3  # rare forms grouped at least (fewer: left in the OR)


def one_of(forms: Iterable[str]) -> str:
    """The flat OR of FTS5 expressions, each asked once (the first time it is given); the
    expression itself for one, "" for none."""
    asked = list(dict.fromkeys(forms))
    if len(asked) <= 1:
        return asked[0] if asked else ""
    return "(" + " OR ".join(asked) + ")"


def any_of(forms: Iterable[tuple[str, int]]) -> str:
    """The OR of FTS5 expressions `forms`, each with the records it may find (its words' counts in
    the vocabulary), the rare ones grouped; the expression itself for one form, "" for none.
    Forms given twice are asked once (the first time they are given)."""
    records: dict[str, int] = {}
    for form, n in forms:
        records[form] = max(n, records.get(form, 0))
    asked = list(records)
    flat = one_of(asked)
    if len(asked) <= 1:
        return flat
    total = sum(records.values())
    if total < GROUP_RECORDS:
        return flat
    rare = [form for form in asked if records[form] < GROUP_SHARE * total]
    if len(rare) < GROUP_FORMS or len(rare) == len(asked):
        return flat
    group = "(" + " OR ".join(rare) + ")"
    common = [form for form in asked if records[form] >= GROUP_SHARE * total]
    return "(" + " OR ".join([*common, f"({group} AND {group})"]) + ")"
