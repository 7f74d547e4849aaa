"""Finite forms of a gerund the article has, for a participle phrase stated as a claim:
"offering" -> "offers" (present, one subject), "offer" (present, several), "offered"
(past). Both come from a table of the gerunds UD English-EWT attests, with their lemma
and its simple past (workbench.training.inflections); a gerund not in it, or whose past
the treebank does not attest, is not turned (None)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

TABLE_PATH = Path(__file__).resolve().parent.parent / "_models" / "inflections" / "gerunds.json"
_IRREGULAR_3SG = {"have": "has", "be": "is", "do": "does", "go": "goes"}


@cache
def _table() -> dict[str, tuple[str, str]]:
    table = json.loads(TABLE_PATH.read_text(encoding="utf-8"))
    return {form: (lemma, past) for form, (lemma, past) in table.items()}


def base(gerund: str) -> str | None:
    found = _table().get(gerund.lower())
    return found[0] if found else None


def third_person(verb: str) -> str:
    if verb in _IRREGULAR_3SG:
        return _IRREGULAR_3SG[verb]
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    if len(verb) > 2 and verb.endswith("y") and verb[-2] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


def simple_past(gerund: str) -> str | None:
    found = _table().get(gerund.lower())
    return found[1] or None if found else None


def finite(gerund: str, *, past: bool, singular: bool) -> str | None:
    """The finite form of `gerund` agreeing with its subject; None when not known."""
    if past:
        return simple_past(gerund)
    found = base(gerund)
    if found is None:
        return None
    return third_person(found) if singular else found


def forms(gerund: str) -> set[str]:
    """Every finite form `finite` can give for `gerund` (for the faithfulness check)."""
    found = base(gerund)
    if found is None:
        return set()
    then = simple_past(gerund)
    return {found, third_person(found), *([then] if then else [])}
