"""Absolute "with" phrases: "Trade touched $155.62 billion, with the deficit widening to
$116.12 billion" gives "The deficit widened to $116.12 billion." (the rules find it;
the parse confirms the -ing word is a verb, and sets the tense: after a clause in the
present, "with higher numbers indicating X" gives "Higher numbers indicate X").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from workbench.extract import clauses as cl
from workbench.extract import inflect
from workbench.extract.decompose import _MODIFIERS, Tokens
from workbench.extract.view import View

if TYPE_CHECKING:
    from spacy.tokens import Token


def split_with(view: View, tokens: Tokens) -> tuple[View, list[cl.Piece]]:
    """The rules' "with X rising" split, only when the parse reads the -ing word as a
    verb ("with the club during a seven-year stint" has a preposition, not a gerund)."""
    for match in re.finditer(r"\bwith\s+[^,;]{2,80}?\s+([a-z]+ing)\b", view.text):
        if re.search(r"\b(?:such as|including|like)\b", match.group()):
            return view, []  # "with systems such as customs scanning": a list, not an event
        spans = view.absolute(match.start(1), match.end(1))
        token = tokens.at(spans[0][0]) if spans else None
        hyphenated = view.text[match.end(1) : match.end(1) + 1] == "-"  # "coming-of-age"
        if token is None or token.pos_ != "VERB" or hyphenated or token.dep_ in _MODIFIERS:
            return view, []
        at = view.absolute(match.start(), match.start() + 4)
        word = tokens.at(at[0][0]) if at else None
        if word is not None and word.i > 0 and tokens.all[word.i - 1].pos_ == "VERB":
            return view, []  # "dealt with the constitutionality of a law regulating X"
    rest, pieces = cl.split_with(view)
    for piece in pieces:
        if piece.text is not None and not _in_tense(piece, rest, tokens):
            return view, []
    return rest, pieces


def tense_of(head: Token) -> str | None:
    """ "past" or "present" by a clause's verb (or its auxiliary or copula); None for a
    modal, a future or a form the tag does not settle."""
    helpers = [c for c in head.children if c.dep_ in ("aux", "aux:pass", "cop")]
    tags = [head.tag_] + [h.tag_ for h in helpers]
    if "MD" in tags:
        return None
    finite = [tag for tag in tags if tag in ("VBD", "VBZ", "VBP")]
    if not finite:
        return None
    return "past" if finite[0] == "VBD" else "present"


def _in_tense(piece: cl.Piece, rest: View, tokens: Tokens) -> bool:
    """The rules state "with X widening" in the past; after a clause in the present
    ("It is expressed as a ratio, with higher numbers indicating ...") the present:
    "Higher numbers indicate ...". False when neither can be said."""
    inside = tokens.within(rest)
    ids = {t.i for t in inside}
    roots = [t for t in inside if t.head.i not in ids or t.head.i == t.i]
    tense = tense_of(roots[0]) if len(roots) == 1 else None
    if tense != "present":
        return True  # the past, as the rules say it
    found = tokens.within(piece.view)
    gerund = next((t for t in found if t.tag_ == "VBG" and t.lower_.endswith("ing")), None)
    if gerund is None or piece.text is None:
        return False
    nouns = [t for t in found if t.i < gerund.i and t.pos_ in ("NOUN", "PROPN")]
    if not nouns:
        return False
    plural = nouns[-1].tag_ in ("NNS", "NNPS")
    present = inflect.finite(gerund.lower_, past=False, singular=not plural)
    past = inflect.simple_past(gerund.lower_) or ""
    if present is None:
        return False
    piece.text = re.sub(rf"\b{re.escape(past or '#')}\b", present, piece.text, count=1)
    return past != "" and present in piece.text
