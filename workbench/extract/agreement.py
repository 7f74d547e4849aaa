"""Checks that a piece's words agree with the parse before it is stated on its own: a
relative "who" is about a person, not the organisation named after the preposition
("a senior official at the agency, who ..."). Where the parse offers a phrase that
agrees, it is taken; otherwise the piece is left as found or dropped, never guessed.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from workbench.extract import clauses as cl
from workbench.extract.mentions import ORG_WORDS, PERSON_NOUNS
from workbench.extract.view import View

if TYPE_CHECKING:
    from spacy.tokens import Token

    from workbench.extract.decompose import Tokens

_PHRASE = frozenset({"DET", "ADJ", "NUM", "NOUN", "PROPN"})


def animate(piece: cl.Piece, tokens: Tokens) -> cl.Piece:
    """ "A spokesman for the ministry, who joined in 2019": "who" is the spokesman, not
    the ministry. When the antecedent found is an organisation and a person noun heads
    the phrase before its preposition, that wider phrase is the antecedent."""
    spans = piece.view.spans
    if piece.text is None or len(spans) < 2:
        return piece
    source = piece.view.source
    if not re.search(r"\bwho\b", source[spans[0][1] : spans[1][0]]):
        return piece
    antecedent = tokens.within(View(source, spans[:1]))
    nouns = [t for t in antecedent if t.pos_ in ("NOUN", "PROPN")]
    if not nouns or nouns[-1].lower_ not in ORG_WORDS:
        return piece
    start = _person_before(antecedent[0], tokens)
    if start is None:
        return piece  # "the council, who voted": a collective, as the writer meant it
    found = View(source, [(start, spans[0][1])]).tidy()
    words = f"{found.text[:1].upper()}{found.text[1:]} {View(source, spans[1:]).text}"
    return cl.Piece(View(source, found.spans + spans[1:]), words, role=piece.role)


def _person_before(first: Token, tokens: Tokens) -> int | None:
    """Where "a senior official [at the agency]" starts: a preposition right before the
    antecedent, and before it a noun phrase headed by a person noun."""
    doc = tokens.all
    if first.i < 2 or doc[first.i - 1].pos_ != "ADP":
        return None
    noun = doc[first.i - 2]
    lower = noun.lower_  # the pipeline has no lemmatizer: "officials" is "official" + s
    if noun.pos_ != "NOUN" or not (
        lower in PERSON_NOUNS or lower == "people" or lower.removesuffix("s") in PERSON_NOUNS
    ):
        return None
    index = noun.i
    while index > 0 and doc[index - 1].pos_ in _PHRASE and doc[index - 1].tag_ != "POS":
        index -= 1
    return tokens.offset + doc[index].idx
