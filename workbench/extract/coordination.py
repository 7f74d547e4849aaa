"""Splits that repeat the subject: coordinated verb phrases ("opened last year and
employs 1,200 people") and distributive coordinated subjects ("the founder and 40
volunteers slept outdoors"), each only where the predicate holds of each part alone."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from workbench.extract import clauses as cl
from workbench.extract.decompose import _SUBJECTS, Tokens, is_finite
from workbench.extract.view import View, depth_at

if TYPE_CHECKING:
    from spacy.tokens import Token

# Predicates that do not distribute over a coordinated subject: "A and B met" is one fact.
_COLLECTIVE = frozenset(
    "meet met meeting discuss discussed agree agreed sign signed talk talked negotiate"
    " negotiated share shared merge merged join joined collaborate collaborated clash"
    " clashed fight fought differ differed compete competed marry married hold held"
    " exchange exchanged trade traded reach reached form formed co-founded founded"
    " debate debated split divide divided total totalled totaled combine combined"
    " account accounted make made take took taken had have has".split()
)
_TOGETHER = re.compile(
    r"\b(?:together|jointly|each other|one another|between|both|combined|their|in total)\b",
    re.I,
)


def split_verb_phrases(view: View, tokens: Tokens) -> list[cl.Piece]:
    """The rules' verb-phrase split; where they find none, coordinated finite verbs in
    the parse ("opened last year and employs 1,200 people"), the subject repeated."""
    pieces = cl.split_verb_phrases(view)
    if len(pieces) > 1 or len(view.spans) != 1:
        return pieces
    inside = tokens.within(view)
    ids = {t.i for t in inside}
    doc, offset = tokens.doc, tokens.offset
    for verb in inside:
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass") and c.i in ids]
        if not subjects or not is_finite(verb) or subjects[0].i > verb.i:
            continue
        for other in verb.children:
            if other.dep_ != "conj" or other.i not in ids:
                continue
            helpers = [c for c in other.children if c.dep_ in ("aux", "aux:pass")]
            if not is_finite(other) and not any(is_finite(h) for h in helpers):
                continue
            if any(c.dep_ in _SUBJECTS for c in other.children):
                continue  # a clause of its own: the coordination rule's business
            cc = [c for c in other.children if c.dep_ == "cc" and c.lower_ in ("and", "but")]
            if not cc or depth_at(view.text, offset + doc[cc[0].i].idx - view.spans[0][0]):
                continue
            subject = subjects[0]
            lo = offset + doc[subject.left_edge.i].idx
            hi = offset + doc[subject.right_edge.i].idx + len(subject.right_edge)
            cut = offset + doc[cc[0].i].idx
            right_lo = offset + doc[cc[0].i + 1].idx
            left = View(view.source, [(view.spans[0][0], cut)]).tidy()
            right = View(view.source, [(right_lo, view.spans[0][1])]).tidy()
            subject_view = View(view.source, [(lo, hi)])
            if not left or not right or hi > offset + verb.idx:
                return pieces
            joined = View(view.source, subject_view.spans + right.spans)
            return [cl.Piece(left), cl.Piece(joined, text=f"{subject_view.text} {right.text}")]
    return pieces


def distribute(pieces: list[cl.Piece], tokens: Tokens) -> list[cl.Piece]:
    """ "The founder and 40 volunteers slept outdoors" -> one claim for each subject,
    when the predicate holds of each alone (not "met", "agreed", "together", "their")."""
    result = []
    for piece in pieces:
        result.extend(_distribute_subject(piece, tokens) or [piece])
    return result


def _distribute_subject(piece: cl.Piece, tokens: Tokens) -> list[cl.Piece] | None:
    if piece.text is not None or len(piece.view.spans) != 1:
        return None  # already rewritten: leave it
    inside = tokens.within(piece.view)
    ids = {t.i for t in inside}
    for token in inside:
        if token.dep_ != "nsubj" or token.head.i not in ids or token.head.pos_ != "VERB":
            continue
        verb = token.head
        conjuncts = [c for c in token.children if c.dep_ == "conj" and c.i in ids]
        if len(conjuncts) != 1 or _inflected(verb.lower_, _COLLECTIVE):
            return None
        if _TOGETHER.search(piece.view.text):
            return None
        other = conjuncts[0]
        joiner = [c for c in other.children if c.dep_ == "cc" and c.text.lower() == "and"]
        if not joiner or not (token.i < joiner[0].i < other.i < verb.i):
            return None
        if token.pos_ == "PROPN" and other.pos_ == "PROPN":
            return None  # "Misri and Ma discussed": names coordinated usually act together
        first_lo = token.left_edge.i
        predicate_lo = other.right_edge.i + 1
        start = tokens.offset
        doc = tokens.doc
        a = View(
            piece.view.source, [(start + doc[first_lo].idx, start + doc[token.i].idx + len(token))]
        )
        other_lo = min(
            [other.i] + [c.left_edge.i for c in other.children if c.i < other.i and c.dep_ != "cc"]
        )
        b = View(
            piece.view.source,
            [
                (
                    start + doc[other_lo].idx,
                    start + doc[other.right_edge.i].idx + len(other.right_edge),
                )
            ],
        )
        rest = View(piece.view.source, [(start + doc[predicate_lo].idx, piece.view.spans[0][1])])
        first_hi = max(
            [token.i]
            + [
                c.right_edge.i
                for c in token.children
                if c.i > token.i and c.dep_ not in ("conj", "cc")
            ]
        )
        if first_hi + 1 != joiner[0].i or not rest:
            return None  # the first subject has modifiers after it ("X of Y and Z"): unclear scope
        if not _reads_with_one_subject(verb):
            return None
        return [
            cl.Piece(View(piece.view.source, a.spans + rest.spans)),
            cl.Piece(View(piece.view.source, b.spans + rest.spans)),
        ]
    return None


def _reads_with_one_subject(verb: Token) -> bool:
    """The verb reads right with each subject alone: a simple past ("slept") or after a
    modal ("will open"), not "were" or "have" that agree with the plural."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "aux:pass")]
    if aux:
        return all(a.text.lower() in ("will", "would", "could", "can", "might", "may") for a in aux)
    return verb.tag_ == "VBD"


# Verbs whose objects go together: "combined A and B" is not "combined A".
_JOINING = frozenset(
    "combine combined mix mixed compare compared connect connected link linked join joined"
    " merge merged separate separated divide divided distinguish distinguished share shared"
    " exchange exchanged balance balanced choose chose blend blended match matched pair"
    " paired unite united bridge bridged".split()
)
_PART_LEFT = frozenset({"det", "amod", "compound", "nummod", "nmod:poss", "advmod", "flat"})


def distribute_predicates(pieces: list[cl.Piece], tokens: Tokens) -> list[cl.Piece]:
    """ "It is self-driving and electric" -> one claim a property; "The company makes
    cars and trucks" -> one claim an object: only bare conjuncts (no modifier after the
    first or the last, whose scope the parser often gets wrong), never after a
    collective verb or "between", "both", "mix"."""
    result = []
    for piece in pieces:
        result.extend(_distribute_predicate(piece, tokens) or [piece])
    return result


def _distribute_predicate(piece: cl.Piece, tokens: Tokens) -> list[cl.Piece] | None:
    if piece.text is not None or len(piece.view.spans) != 1 or _TOGETHER.search(piece.view.text):
        return None
    inside = tokens.within(piece.view)
    ids = {t.i for t in inside}
    doc, start = tokens.doc, tokens.offset
    for token in inside:
        copular = any(c.dep_ == "cop" for c in token.children) and token.pos_ in ("ADJ", "NOUN")
        is_object = token.dep_ == "obj" and token.head.i in ids and token.head.pos_ == "VERB"
        if not (copular or is_object):
            continue
        if is_object and _inflected(token.head.lower_, _JOINING):
            return None
        conjuncts = [c for c in token.children if c.dep_ == "conj" and c.i in ids]
        kinds = {"ADJ", "NOUN"} if copular else {"NOUN", "PROPN"}
        if not conjuncts or any(c.pos_ not in kinds for c in conjuncts):
            continue
        last = conjuncts[-1]
        joiner = [c for c in last.children if c.dep_ == "cc" and c.lower_ == "and"]
        if not joiner:
            return None
        parts = [token, *conjuncts]
        spans = []
        for part in parts:
            lefts = [c.left_edge.i for c in part.lefts if c.dep_ in _PART_LEFT]
            if any(c.i > part.i and c.dep_ not in ("conj", "cc", "punct") for c in part.children):
                return None  # "the domestication and breeding of cattle": shared or not?
            lo = min([part.i, *lefts])
            spans.append((start + doc[lo].idx, start + doc[part.i].idx + len(part)))
        covered = {
            i for part, (a, _b) in zip(parts, spans, strict=True) for i in _indices(part, a, start)
        }
        inner = [doc[i] for i in covered]
        if any(t.tag_.startswith("VB") or (t.pos_ == "ADV" and is_object) for t in inner):
            return None  # a verb read as a noun: "properly manage differences"
        between = doc[token.i + 1 : last.i]
        if any(t.i not in covered and t.dep_ not in ("cc", "punct") for t in between):
            return None  # "deepen mutual trust and properly manage differences": not a list
        head_lo = spans[0][0]
        tail_hi = spans[-1][1]
        prefix = View(piece.view.source, [(piece.view.spans[0][0], head_lo)]).tidy()
        suffix = View(piece.view.source, [(tail_hi, piece.view.spans[0][1])])
        if not prefix or any(t.pos_ in ("VERB", "AUX") and t.i > last.i for t in inside):
            return None  # a clause goes on after the list: leave it whole
        pieces = []
        for a, b in spans:
            tail = suffix.text.strip()
            kept = suffix.spans if any(c.isalnum() for c in tail) else []
            view = View(piece.view.source, [*prefix.spans, (a, b), *kept])
            gap = "" if not tail or not tail[0].isalnum() else " "
            words = f"{prefix.text} {piece.view.source[a:b]}{gap}{tail}"
            pieces.append(cl.Piece(view, text=words))
        return pieces
    return None


def _inflected(word: str, verbs: frozenset[str]) -> bool:
    """`word` is one of `verbs` or an inflection of one ("meets", "discussing"): the
    pipeline runs without its lemmatizer, which nothing else needs (workbench.extract.nlp)."""
    stems = [word]
    endings = (("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"))
    for ending, restore in endings:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stems.append(word[: -len(ending)] + restore)
    return any(stem in verbs for stem in stems)


def _indices(part: Token, begin: int, offset: int) -> range:
    """The token indices of a conjunct's span (from its first word to its head)."""
    first = next(t.i for t in part.doc if offset + t.idx >= begin)
    return range(first, part.i + 1)
