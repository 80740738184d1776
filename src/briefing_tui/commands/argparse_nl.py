"""argparse in Dutch: its own messages ("usage:", "error:", "the following arguments are
required") as the rest of the command line speaks them.

argparse looks its messages up through gettext at the moment it needs them (`argparse._` and
`argparse.ngettext`); `use_dutch` puts a lookup in their place that answers from the table
below and falls back to gettext for anything not in it (a newer Python's new message).
"""

from __future__ import annotations

import argparse
import gettext

MESSAGES = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "show this help message and exit": "deze hulp tonen en stoppen",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "expected one argument": "verwacht één waarde",
    "expected at most one argument": "verwacht hooguit één waarde",
    "expected at least one argument": "verwacht minstens één waarde",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "dubbelzinnige optie: %(option)s kan %(matches)s zijn",
    "not allowed with argument %s": "niet samen met argument %s",
    "one of the arguments %s is required": "een van de argumenten %s is nodig",
    "ignored explicit argument %r": "overbodige waarde %r genegeerd",
    "can't open '%(filename)s': %(error)s": "kan '%(filename)s' niet openen: %(error)s",
}

PLURALS = {
    ("expected %s argument", "expected %s arguments"): ("verwacht %s waarde", "verwacht %s waarden"),
}


def _dutch(message: str) -> str:
    return MESSAGES.get(message) or gettext.gettext(message)


def _dutch_n(singular: str, plural: str, n: int) -> str:
    one, many = PLURALS.get((singular, plural), (singular, plural))
    return one if n == 1 else many


def use_dutch() -> None:
    argparse._ = _dutch  # type: ignore[attr-defined]
    argparse.ngettext = _dutch_n  # type: ignore[attr-defined]
