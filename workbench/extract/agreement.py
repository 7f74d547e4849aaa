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


def _relative(piece: cl.Piece, words: str) -> tuple[str, list[tuple[int, int]]] | None:
    """The source and spans of a relative split at one of `words` ("which|who"), its
    antecedent the first span; None for any other piece."""
    spans = piece.view.spans
    if piece.text is None or len(spans) < 2:
        return None
    source = piece.view.source
    if not re.search(rf"\b(?:{words})\b", source[spans[0][1] : spans[1][0]]):
        return None
    return source, list(spans)


def animate(piece: cl.Piece, tokens: Tokens) -> cl.Piece:
    """ "A spokesman for the ministry, who joined in 2019": "who" is the spokesman, not
    the ministry. When the antecedent found is an organisation and a person noun heads
    the phrase before its preposition, that wider phrase is the antecedent."""
    split = _relative(piece, "who")
    if split is None:
        return piece
    source, spans = split
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


_NUMBER = {"VBZ": "Sing", "VBP": "Plur", "NN": "Sing", "NNP": "Sing", "NNS": "Plur", "NNPS": "Plur"}
_ENDS_PHRASE = frozenset({"NOUN", "PROPN", "NUM", "SYM", "PRON"})
_NOUN_ARCS = frozenset({"obj", "conj", "nsubj", "nsubj:pass", "obl", "nmod", "appos"})


def clausal(piece: cl.Piece, tokens: Tokens) -> bool:
    """A relative split that would not be English or not be true: its antecedent is a
    clause, not a noun phrase ("most mortgages carry floating rates, which makes the
    economy sensitive": what makes it sensitive is that they do), or ends in no noun
    ("raised rates twice, which surprised investors"), or the relative has a subject of
    its own and was read as a subject relative ("the loan, which it took in 2020" is not
    "The loan it took in 2020."). Such a sentence stays whole."""
    split = _relative(piece, "which|who")
    if split is None:
        return False
    source, spans = split
    antecedent = tokens.within(View(source, spans[:1]))
    clause = [t for t in tokens.within(View(source, spans[1:])) if t.pos_ != "ADV"]
    words = [t for t in antecedent if t.pos_ != "PUNCT"]
    if not words or not clause:
        return False
    last = words[-1]
    # a noun the tagger took for an adjective still has a noun's arc ("wheat and barley")
    nominal = last.pos_ in _ENDS_PHRASE or (last.pos_ == "ADJ" and last.dep_ in _NOUN_ARCS)
    if any(t.pos_ in ("VERB", "AUX") for t in words) or not nominal:
        return True
    subject_form = (piece.text or "").lower().startswith(View(source, spans[:1]).text.lower())
    return subject_form and clause[0].pos_ in ("PRON", "DET", "PROPN")


def disagrees(piece: cl.Piece, tokens: Tokens) -> bool:
    """A subject relative whose verb's number is not its antecedent's: "floating rates
    makes"."""
    split = _relative(piece, "which|who")
    if split is None:
        return False
    source, spans = split
    antecedent = tokens.within(View(source, spans[:1]))
    clause = tokens.within(View(source, spans[1:]))
    if not clause or any(t.lower_ == "and" for t in tokens.within(piece.view)):
        return False
    # the head noun: the last before a preposition ("the output [of its reactors]")
    cut = next((i for i, t in enumerate(antecedent) if t.pos_ == "ADP"), len(antecedent))
    nouns = [t for t in antecedent[:cut] if t.pos_ in ("NOUN", "PROPN")]
    verb = _NUMBER.get(clause[0].tag_) or {"was": "Sing", "were": "Plur"}.get(clause[0].lower_)
    if clause[0].tag_ == "VBP" and clause[0].lower_ in _SAME_PAST:
        verb = None  # "the programme, which cost $116 million": a past the tagger read as VBP
    noun = _NUMBER.get(nouns[-1].tag_) if nouns else None
    return verb is not None and noun is not None and verb != noun


# verbs whose simple past is their plain form: tagged VBP, they may be a past of any number
_SAME_PAST = frozenset(
    "cost put set cut hit let hurt spread shut quit read bet burst cast split shed upset"
    " bid broadcast forecast".split()
)
