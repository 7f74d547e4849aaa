"""Relative clauses on the parse: the rules' "which"/"who" clauses, then "in which" and
"whose" clauses, each only when its clause has a finite verb of its own; the antecedent
is the noun phrase the verb agrees with, and where a prepositional phrase leaves two
nouns the verb's number does not choose between, the sentence stays whole.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from workbench.extract import clauses as cl
from workbench.extract.agreement import animate, clausal, disagrees
from workbench.extract.decompose import Tokens, _finite_inside, is_finite
from workbench.extract.view import View, clause_end, depth_at

if TYPE_CHECKING:
    from spacy.tokens import Token

_IN_WHICH = re.compile(r",\s+(?P<prep>in|during|under|at|on|from|by)\s+which\s+")
_WHOSE = re.compile(r",\s+whose\s+")
_WHICH = re.compile(r",\s+(?:which|who)\s+")


def split_relatives(view: View, tokens: Tokens) -> tuple[View, list[cl.Piece]]:
    """The rules' "which"/"who" clauses, then "in which" and "whose" clauses; each only
    when its clause has a finite verb of its own."""
    original = view
    view, pieces = cl.split_relatives(view)
    if any(_attachment_open(piece, tokens) or clausal(piece, tokens) for piece in pieces):
        view, pieces = original, []
    for pattern in (_WHICH, _IN_WHICH, _WHOSE):
        while True:
            text = view.text
            match = next((m for m in pattern.finditer(text) if not depth_at(text, m.start())), None)
            if match is None:
                break
            antecedent = cl._antecedent(view, match.start())
            end = clause_end(text, match.end())
            clause = view.sub(match.end(), end)
            if antecedent is None or not clause or not _finite_inside(clause, tokens):
                break
            name = antecedent.text
            lowered = name[:1].lower() + name[1:] if name.split()[0] in ("The", "A", "An") else name
            if pattern is _WHICH:
                first = tokens.within(clause)[:1]
                if not first or not is_finite(first[0]):
                    break  # an object relative the rules did not place: leave it whole
                words = f"{name[:1].upper()}{name[1:]} {clause.text}"
            elif pattern is _IN_WHICH:
                words = f"{clause.text} {match.group('prep')} {lowered}"
            else:
                possessive = "’" if "’" in view.source else "'"
                words = f"{name}{possessive}s {clause.text}"
            piece = cl.Piece(
                View(view.source, antecedent.spans + clause.spans), words, role="relative"
            )
            if _attachment_open(piece, tokens) or clausal(piece, tokens):
                break
            pieces.append(piece)
            view = view.cut(match.start(), end)
    checked = [animate(_agreeing(piece, tokens), tokens) for piece in pieces]
    if any(disagrees(piece, tokens) for piece in checked):
        return original, []  # no noun agrees with the verb: not ours to choose one
    return view, checked


def _attachment_open(piece: cl.Piece, tokens: Tokens) -> bool:
    """A subject relative after a noun inside a prepositional phrase ("the dam on the
    river, which was built in 1962"; "objects in the solar system, which can cause ...")
    may be about either noun; the verb's number settles it only when one noun disagrees
    with it. Where it does not (a modal, or both nouns of the verb's number), the
    sentence is left whole rather than "The river was built in 1962."."""
    spans = piece.view.spans
    if piece.text is None or len(spans) < 2:
        return False
    source = piece.view.source
    if re.search(r",\s+who\s", source[spans[0][1] : spans[1][0] + 1]):
        return False  # "who" is about a person: `animate` decides
    antecedent = tokens.within(View(source, spans[:1]))
    clause = tokens.within(View(source, spans[1:]))
    if not antecedent or not clause or not (is_finite(clause[0]) or clause[0].tag_ == "MD"):
        return False  # an object relative: the rules place its antecedent
    first = antecedent[0]
    if first.i < 2 or tokens.all[first.i - 1].pos_ != "ADP":
        return False
    outer = tokens.all[first.i - 2]
    nouns = [t for t in antecedent if t.pos_ in ("NOUN", "PROPN")]
    if outer.pos_ not in ("NOUN", "PROPN") or not nouns:
        return False
    verb = _NUMBER.get(clause[0].tag_) or {"was": "Sing", "were": "Plur"}.get(clause[0].lower_)
    if verb is None:
        # a modal says nothing of number; a simple past is read, as before, as the
        # nearer noun's ("Shares of the bank, which reported a loss")
        return clause[0].tag_ == "MD"
    return _NUMBER.get(nouns[-1].tag_) == verb == _NUMBER.get(outer.tag_)


_NUMBER = {"VBZ": "Sing", "VBP": "Plur", "NN": "Sing", "NNP": "Sing", "NNS": "Plur", "NNPS": "Plur"}


def _agreeing(piece: cl.Piece, tokens: Tokens) -> cl.Piece:
    """A subject relative's verb agrees with its antecedent: "the expression of different
    genes, which control ..." is about "different genes"; "the output of its two reactors,
    which was 40% lower" about "the output of its two reactors". Where the antecedent
    found disagrees, the noun phrase that agrees (the one after its preposition, or the
    one before it) is taken; where none does, the piece is as found."""
    spans = piece.view.spans
    if piece.text is None or len(spans) < 2:
        return piece
    source = piece.view.source
    antecedent = tokens.within(View(source, spans[:1]))
    clause = tokens.within(View(source, spans[1:]))
    if not antecedent or not clause or not is_finite(clause[0]):
        return piece  # an object relative, or no verb: nothing to agree with
    verb = _NUMBER.get(clause[0].tag_) or {"was": "Sing", "were": "Plur"}.get(clause[0].lower_)
    nouns = [t for t in antecedent if t.pos_ in ("NOUN", "PROPN")]
    if verb is None or not nouns or any(t.lower_ == "and" for t in antecedent):
        return piece
    prepositions = [t.i for t in antecedent if t.pos_ == "ADP"]
    head = [t for t in nouns if not prepositions or t.i < prepositions[0]][-1:]
    if not head or _NUMBER.get(head[0].tag_) in (verb, None):
        return piece
    start = None
    if prepositions and nouns[-1].i > prepositions[-1] and _NUMBER.get(nouns[-1].tag_) == verb:
        start = tokens.offset + tokens.all[prepositions[-1] + 1].idx  # the later phrase
    elif not prepositions:
        start = _wider(antecedent[0], verb, tokens)  # the phrase it is part of
    if start is None:
        return piece
    found = View(source, [(start, spans[0][1])]).tidy()
    if not found:
        return piece
    words = f"{found.text[:1].upper()}{found.text[1:]} {View(source, spans[1:]).text}"
    return cl.Piece(View(source, found.spans + spans[1:]), words, role=piece.role)


def _wider(first: Token, verb: str, tokens: Tokens) -> int | None:
    """Where "the output of [its two reactors]" starts, when "output" agrees with the
    verb: a noun phrase, then a preposition ("workers at [the plant], who were"), right
    before the antecedent found."""
    doc = tokens.all
    if first.i < 2 or doc[first.i - 1].pos_ != "ADP":
        return None
    noun = doc[first.i - 2]
    if noun.pos_ != "NOUN" or _NUMBER.get(noun.tag_) != verb:
        return None
    index = noun.i
    while index > 0 and doc[index - 1].pos_ in ("DET", "ADJ", "NUM", "NOUN"):
        index -= 1
        if doc[index].pos_ == "DET":
            return tokens.offset + doc[index].idx
    if noun.tag_ == "NNS" and (index == 0 or doc[index - 1].pos_ in ("PUNCT", "CCONJ")):
        return tokens.offset + doc[index].idx  # a bare plural: "Workers at the plant"
    return None
