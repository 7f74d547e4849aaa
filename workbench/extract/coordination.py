"""Splits that repeat the subject: coordinated verb phrases ("opened last year and
employs 1,200 people") and distributive coordinated subjects ("the founder and 40
volunteers slept outdoors"), each only where the predicate holds of each part alone."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from workbench.extract import clauses as cl
from workbench.extract import lexicon as lx
from workbench.extract.decompose import _SUBJECTS, Tokens, is_finite
from workbench.extract.grammar import subject_of
from workbench.extract.properties import CHANGING, COLLECTIVE_PREDICATES
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
    if len(pieces) > 1 and any(_after_copula(p, pieces[0], tokens) for p in pieces[1:]):
        return [cl.Piece(view)]
    if len(pieces) > 1 and not _shares_subject(view, pieces, tokens):
        pieces = [cl.Piece(view)]
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


# a word the parse reads as part of a noun phrase, not as a verb of the clause
_MODIFYING = frozenset({"amod", "compound", "nmod", "obj", "obl", "nsubj", "nsubj:pass", "appos"})


def _shares_subject(view: View, pieces: list[cl.Piece], tokens: Tokens) -> bool:
    """The parse does not contradict the rules' split: the subject they repeat is a noun
    phrase ("Launched in 1980 and introduced in 1984, the variants were upgraded ... and
    offered 110 seats" has none), and no verb after "and" is coordinated with a verb of
    another subject ("wars, which have displaced thousands and devastated its economy":
    "which" devastated, not the sentence's subject). A tagger that reads "vetoed" as a
    noun leaves the rules' split standing."""
    subject = subject_of(view)
    if subject is None or not subject.spans:
        return False
    found = tokens.within(subject)
    if any(t.pos_ in ("VERB", "AUX") for t in found):
        return False
    own = {t.i for t in found}
    ids = {t.i for t in tokens.within(view)}
    end = subject.spans[-1][1]
    for piece in pieces[1:]:
        verb = next(
            (
                t
                for t in tokens.within(piece.view)
                if tokens.offset + t.idx >= end and t.pos_ in ("VERB", "AUX")
            ),
            None,
        )
        if verb is None:
            continue
        if verb.dep_ in _MODIFYING:
            return False  # "garbage collection, and simplified and efficient memory management"
        head = verb.head if verb.dep_ in ("aux", "aux:pass", "cop") else verb
        while head.dep_ == "conj" and head.head.i != head.i and head.head.i in ids:
            head = head.head
        if head.head.i not in ids and head.dep_ == "conj":
            continue  # coordinated with a verb of a part already cut off (a relative clause)
        others = [c for c in head.children if c.dep_ in _SUBJECTS and c.i not in own]
        if any(c.tag_ in ("WDT", "WP") or tokens.offset + c.idx >= end for c in others):
            return False  # "which" displaced and devastated; or a later clause's subject
        if head.dep_ in _MODIFYING or head.dep_ in ("xcomp", "acl", "acl:relcl", "advcl"):
            return False  # "designed to be simple, ..., and simplified": not the clause's verb
    return True


def _after_copula(piece: cl.Piece, first: cl.Piece, tokens: Tokens) -> bool:
    """ "The bus is quiet and made in Ohio": a participle after "and" shares the copula
    ("is made in Ohio"), it is no verb of its own ("The bus made in Ohio" is wrong)."""
    verb = tokens.at(piece.view.spans[-1][0]) if piece.view.spans else None
    if verb is None or verb.tag_ != "VBN":
        return False
    inside = tokens.within(first.view)
    for index, token in enumerate(inside[:-1]):
        if token.lower_ in ("is", "are", "was", "were"):
            following = next((t for t in inside[index + 1 :] if t.pos_ != "ADV"), None)
            return following is not None and following.pos_ in ("ADJ", "NOUN", "DET", "NUM")
    return False


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
        head = token.head
        # a capitalised "verb" inside the sentence is a word of a name: "Raging Bull"
        named = head.i > 0 and head.text[:1].isupper()
        governed = head.i in ids and head.pos_ == "VERB" and not named
        is_object = token.dep_ == "obj" and governed
        # "focuses on macroeconomics and public finance": a prepositional phrase, not a
        # time ("in 2019 and 2020" may be the two years' total)
        oblique = token.dep_ == "obl" and governed and _prepositional(token)
        if not (copular or is_object or oblique):
            continue
        verb = token.head.lower_
        if (is_object or oblique) and (_inflected(verb, _JOINING) or _inflected(verb, _WHOLE)):
            return None
        if oblique and _inflected(verb, _COLLECTIVE):
            return None  # "signed a deal with A and B": one deal
        conjuncts = _conjuncts(token, ids)
        kinds = {"ADJ", "NOUN"} if copular else {"NOUN", "PROPN"}
        if not conjuncts or any(c.pos_ not in kinds for c in conjuncts):
            continue
        if copular and any(c.lower_ in COLLECTIVE_PREDICATES for c in (token, *conjuncts)):
            return None  # "The two plans are similar and cheap": similar to each other
        if copular and any(c.pos_ != token.pos_ for c in conjuncts):
            return None  # "old, overcrowded, and many lack toilets": a clause misread
        if oblique and not all(_prepositional(c, token) for c in conjuncts):
            return None
        last = conjuncts[-1]
        joiner = [c for c in last.children if c.dep_ == "cc" and c.lower_ == "and"]
        if not joiner:
            return None
        parts = [token, *conjuncts]
        bounds = [_bounds(part) for part in parts]
        if any(b is None for b in bounds):
            return None
        ranges = [b for b in bounds if b is not None]
        modified = [hi > part.i for part, (_lo, hi) in zip(parts, ranges, strict=True)]
        if any(modified) and not all(modified):
            return None  # "the domestication and breeding of cattle": shared or not?
        described = [_described(part, lo) for part, (lo, _hi) in zip(parts, ranges, strict=True)]
        if described[0] and not all(described[1:]) and not _each_described(parts, described):
            return None  # "top NLP conferences and journals": top NLP journals too?
        covered = {i for lo, hi in ranges for i in range(lo, hi + 1)}
        inner = [doc[i] for i in covered]
        if any(t.tag_.startswith("VB") or (t.pos_ == "ADV" and not copular) for t in inner):
            return None  # a verb read as a noun: "properly manage differences"
        between = doc[token.i + 1 : last.i]
        if any(t.i not in covered and t.dep_ not in ("cc", "punct") for t in between):
            return None  # "deepen mutual trust and properly manage differences": not a list
        end = ranges[-1][1]
        if any(t.i not in ids for t in doc[ranges[0][0] : end + 1]):
            return None
        spans = [(start + doc[lo].idx, start + doc[hi].idx + len(doc[hi])) for lo, hi in ranges]
        prefix = View(piece.view.source, [(piece.view.spans[0][0], spans[0][0])]).tidy()
        suffix = View(piece.view.source, [(spans[-1][1], piece.view.spans[0][1])])
        if not prefix or any(t.pos_ in ("VERB", "AUX") and t.i > end for t in inside):
            return None  # a clause goes on after the list: leave it whole
        following = [t for t in inside if t.i > end and t.pos_ != "PUNCT"]
        if following and following[0].pos_ == "ADP":
            return None  # "floods in the north and landslides in the hills": whose "in"?
        if any(t.pos_ == "CCONJ" for t in following):
            return None  # another list after this one: the parse's lists overlap
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


# a conjunct's own words: its determiners and adjectives before it, and after it only
# noun modifiers ("a doctorate in economics from Berkeley"), never a clause
_PART_RIGHT = frozenset({"nmod", "nmod:poss", "nummod", "amod", "compound", "flat", "case"})
# "consists of A and B", "ranges from A and B": the whole, not each part
_WHOLE = frozenset("consist comprise compose range vary alternate".split())
_TIME = lx.MONTHS | lx.WEEKDAYS | frozenset("year years month months week weeks day days".split())


def _conjuncts(token: Token, ids: set[int]) -> list[Token]:
    """The conjuncts coordinated with `token`, in order. The parser often hangs a later
    conjunct on the verb instead ("holds a degree ... and a doctorate"): a noun can only
    be coordinated with a noun, so one of the same kind on the verb counts too (the
    caller then checks that the conjuncts' words tile the list)."""
    heads = {token.i}
    found = []
    for other in token.doc[token.i + 1 :]:
        if other.i not in ids or other.dep_ != "conj":
            continue
        on_verb = other.head.i == token.head.i and other.pos_ == token.pos_
        if on_verb and any(c.i > token.i for c in token.children if c.dep_ in _PART_RIGHT):
            # "a role in the domestication and breeding of cattle": the noun may be
            # coordinated with one inside the modifier; only parallel phrases, each
            # opening with a determiner ("a degree in X and a doctorate in Y"), are clear
            on_verb = _opens_with_determiner(token) and _opens_with_determiner(other)
        if other.head.i in heads or on_verb:
            found.append(other)
            heads.add(other.i)
    return found


def _bounds(part: Token) -> tuple[int, int] | None:
    """First and last token of a conjunct (without the conjuncts coordinated to it)."""
    lefts = [c.left_edge.i for c in part.lefts if c.dep_ in _PART_LEFT]
    rights = [c for c in part.rights if c.dep_ not in ("conj", "cc", "punct")]
    if any(c.dep_ not in _PART_RIGHT for c in rights):
        return None
    lo = min([part.i, *lefts])
    while lo < part.i and part.doc[lo].dep_ in ("cc", "punct"):
        lo += 1  # "and Central and South American countries": the list's own "and"
    return lo, max([part.i] + [c.right_edge.i for c in rights])


def _each_described(parts: list[Token], described: list[bool]) -> bool:
    """A list of three or more where later items have modifiers of their own ("energy
    density, specific power, cycle life and reliability"): the first item's modifier is
    its own, not the list's; never one that changes the noun ("former")."""
    if len(parts) < 3 or sum(described[1:]) < 1:
        return False
    first = parts[0]
    return not any(t.lower_ in CHANGING for t in first.doc[first.left_edge.i : first.i])


def _described(part: Token, lo: int) -> bool:
    """Words before the head other than a determiner ("top NLP conferences"); a word
    hyphenated to the head ("self-driving") is the head itself."""
    words = [t for t in part.doc[lo : part.i] if t.pos_ not in ("DET", "PUNCT")]
    return bool(words) and " " in part.doc[words[0].i : part.i + 1].text


def _opens_with_determiner(part: Token) -> bool:
    first = min([part.i] + [c.left_edge.i for c in part.lefts if c.dep_ in _PART_LEFT])
    return part.doc[first].pos_ == "DET"


def _prepositional(token: Token, first: Token | None = None) -> bool:
    """A noun after a preposition of its own (or, for a later conjunct, of the first)."""
    if token.lower_ in _TIME or token.pos_ not in ("NOUN", "PROPN"):
        return False
    return any(c.dep_ == "case" for c in token.children) or first is not None


def _inflected(word: str, verbs: frozenset[str]) -> bool:
    """`word` is one of `verbs` or an inflection of one ("meets", "discussing"): the
    pipeline runs without its lemmatizer, which nothing else needs (workbench.extract.nlp)."""
    stems = [word]
    endings = (("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"))
    for ending, restore in endings:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stems.append(word[: -len(ending)] + restore)
    return any(stem in verbs for stem in stems)
