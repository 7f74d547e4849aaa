"""Lists of properties sharing one copula: "It is self-driving, electric, and its seats
swivel" gives "It is self-driving.", "It is electric." and "Its seats swivel.".

The split is read off the surface and each part is checked on the parser's tags, not its
arcs: a UAS-83 parse often hangs such lists wrongly ("self-driving" as the root verb,
"swivel" as a noun), while the tags of a short adjective or noun phrase are reliable.
Each property must be a bare adjective phrase ("fully electric", "40 metres long",
"self-driving") or a bare noun phrase ("a lawyer", "a former senator"), all of one kind;
the list may end in another property or in a clause of its own (", and its seats swivel").
Where the predicate does not distribute the sentence is left whole: a collective
predicate ("similar", "rivals", "a mix of"), "between", "both", "together", a list after
"such as" or "including", a negation, "or", a preposition or a clause inside a property
(its scope is unclear: "safe and effective for children"), or a modifier on the first
property alone ("fully electric and self-driving": fully self-driving too?).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from workbench.extract import clauses as cl
from workbench.extract.decompose import Tokens, has_clause
from workbench.extract.grammar import clause_like
from workbench.extract.view import View

if TYPE_CHECKING:
    from spacy.tokens import Token

_COPULAS = frozenset("is are was were".split())
# predicates that hold of a group, not of each: "The plans are similar and cheap" is not
# "The plans are similar."; "They are rivals and neighbours" says how they relate
COLLECTIVE_PREDICATES = frozenset(
    """similar different identical alike equal comparable related unrelated linked
    connected interchangeable compatible incompatible mixed separate distinct opposite
    parallel married engaged joint mutual equivalent consistent inconsistent adjacent
    neighbouring neighboring apart together divided split tied level even close
    partners rivals allies neighbours neighbors friends enemies twins siblings colleagues
    equals opposites couple pair mix mixture blend combination cousins brothers sisters
    spouses counterparts""".split()
)
_REFUSE = re.compile(
    r"\b(?:between|both|together|each other|one another|respectively|such as|including"
    r"|either|neither|nor|or|but|not|never|no longer|n't|than|as)\b",
    re.I,
)
# "It was cold, wet and windy": the weather, not a thing the pronoun names
_AMBIENT = frozenset(
    """cold hot warm cool wet dry sunny windy cloudy rainy foggy humid stormy dark light
    late early quiet calm busy crowded noisy""".split()
)
_POSSESSIVES = frozenset("its their his her".split())
_MODIFIERS = frozenset({"ADV"})
_MEASURE = frozenset({"NUM", "NOUN"})  # "40 metres long"


def split_properties(view: View, tokens: Tokens) -> tuple[list[cl.Piece], View | None]:
    """The claims of a list of properties sharing the copula of `view`, and what is left
    to split further (the clause that ends the list; None when nothing is). A view that
    is no such list comes back whole: `([], view)`."""
    if not view.spans or _REFUSE.search(view.text):
        return [], view
    inside = [t for t in tokens.within(view) if not t.is_space]
    copula = next((t for t in inside if t.lower_ in _COPULAS), None)
    if copula is None or not _subject(inside[: inside.index(copula)]):
        return [], view
    copula_end = tokens.offset + copula.idx + len(copula)
    if len(view.spans) > 1 and tokens.offset + copula.idx >= view.spans[-1][0]:
        # a view cut before its copula ("Lillard (born 1970) is ..."): the frame is its
        # words up to the copula, the list is in its last span
        frame = [(a, min(b, copula_end)) for a, b in view.spans if a < copula_end]
    elif len(view.spans) == 1:
        frame = [(view.spans[0][0], copula_end)]
    else:
        return [], view
    after = inside[inside.index(copula) + 1 :]
    while after and after[-1].pos_ == "PUNCT" and after[-1].text in ".!?”\"'":
        after = after[:-1]
    groups = _items(after, view)
    if groups is None:
        return [], view
    items, last = groups
    shared = _shared_article(items, last)
    kinds = {_kind(item, shared) for item in items}
    if len(kinds) != 1 or None in kinds:
        return [], view
    kind = kinds.pop()
    if last is not None and _kind(last, shared) == kind:
        items, last = [*items, last], None
    if len(items) < 2:
        return [], view  # one property and a clause: the clause split's business
    rest: View | None = None
    if last is not None:
        rest = _span_view(view, last, tokens.offset)
        if kind != "adjective" or not _clause(rest, last, tokens):
            return [], view
    if _described(items[0]) and not all(_described(item) for item in items[1:]):
        return [], view  # "fully electric and self-driving": fully self-driving too?
    # a list with the weather or the hour in it may be about no thing at all: its "It"
    # stays (role "ambient"), for every property of the list alike
    role = "ambient" if any(t.lower_ in _AMBIENT for item in items for t in item) else "property"
    pieces = []
    for item in items:
        lo = tokens.offset + item[0].idx
        hi = tokens.offset + item[-1].idx + len(item[-1])
        piece = cl.Piece(View(view.source, [*frame, (lo, hi)]), role=role)
        if shared and item[0].pos_ != "DET":
            # "an American actor, comedian and producer": "is a comedian" (the article
            # inserted; the adjective, which may be the first one's alone, left out)
            article = "an" if item[0].lower_[:1] in "aeio" else "a"
            piece.text = f"{View(view.source, frame).text} {article} {view.source[lo:hi]}"
        pieces.append(piece)
    return pieces, rest


# Modifiers that change what the noun says ("a former senator, lawyer and author": former
# lawyer too?): a list sharing one is left whole
CHANGING = frozenset(
    """former ex late retired alleged suspected accused convicted so-called self-proclaimed
    self-styled would-be future potential prospective acting interim deputy assistant
    associate vice junior senior co honorary nominal fake false purported reputed
    onetime erstwhile then lead chief head principal""".split()
)


def _shared_article(items: list[list[Token]], last: list[Token] | None) -> bool:
    """The first property opens with "a"/"an" and the others are bare singular nouns
    ("an American actor, comedian and producer"), with no modifier that changes them."""
    rest = [*items[1:], *([last] if last is not None else [])]
    first = items[0]
    if first[0].lower_ not in ("a", "an") or not rest:
        return False
    if any(t.lower_ in CHANGING or t.pos_ == "PROPN" for t in first[1:]):
        return False
    return all(
        item[0].pos_ in ("NOUN", "ADJ") and item[-1].tag_ == "NN" and len(item) <= 3
        for item in rest
    )


def referential(piece: cl.Piece) -> bool:
    """A property's "It" names the thing it describes ("It is electric"), unless the
    list speaks of the weather or the hour ("It was cold, wet and windy")."""
    return piece.role == "property"


def _subject(words: list[Token]) -> bool:
    """A plain noun phrase before the copula: no verb, comma or clause of its own."""
    if not words or len(words) > 8 or words[0].pos_ in ("ADP", "SCONJ", "ADV"):
        return False
    return not any(w.pos_ in ("VERB", "AUX", "PUNCT", "SCONJ") for w in words if w.text != "’s")


def _items(after: list[Token], view: View) -> tuple[list[list[Token]], list[Token] | None] | None:
    """The comma-separated items after the copula; then what follows the final "and"
    (another item or a clause), None when the list was cut off before a clause joined
    with ", and" (the clause split took it). "A, B and C, and CLAUSE": the third item
    joins the list and the clause is what follows. None when the words are no such list."""
    items: list[list[Token]] = [[]]
    last: list[Token] | None = None
    closed = False  # "A, B and C," : C is an item, and a clause must follow "and"
    for token in after:
        if token.text in '“”"()':
            return None  # a quotation or an aside inside the list: leave it whole
        if token.text == ",":
            if closed or (last is None and not items[-1]) or last == []:
                return None
            if last is not None:
                items.append(last)
                last, closed = None, True
            else:
                items.append([])
        elif token.lower_ == "and" and token.pos_ == "CCONJ":
            if last is not None:
                return None
            if not items[-1]:
                items.pop()  # the serial comma: "electric, and"
            last = []
        elif last is not None:
            last.append(token)
        elif closed:
            return None  # "A, B and C, D": not a list this reads
        else:
            items[-1].append(token)
    if not items or not all(items) or (last is not None and not last):
        return None
    if closed and last is None:
        return None
    end = view.spans[-1][1]
    clause_after = last is None and bool(
        re.match(r"\s*,?\s+(?:and|but|while)\s", view.source[end : end + 12])
    )
    if last is None and not clause_after:
        return None
    return items, last


def _kind(item: list[Token], shared: bool = False) -> str | None:
    """ "adjective" for a bare adjective phrase, "noun" for a bare noun phrase (with a
    determiner, or after the first property's "a" when `shared`)."""
    words = _joined(item)
    if not words or any(w[-1].lower_ in COLLECTIVE_PREDICATES for w in words):
        return None
    head = words[-1]
    before = words[:-1]
    if _adjectival(head):
        # "fully electric", "40 metres long"; a hyphenated word is one ("self-driving")
        if all(w[-1].pos_ in _MODIFIERS for w in before) or (
            before and all(w[-1].pos_ in _MEASURE for w in before)
        ):
            return "adjective"
        return None
    # "a lawyer", "a former senator": a determiner, then adjectives and nouns only
    if head[-1].pos_ != "NOUN":
        return None
    if before and before[0][0].pos_ == "DET":
        before = before[1:]
    elif not shared:
        return None
    if all(w[-1].pos_ in ("ADJ", "NOUN") or len(w) > 1 for w in before):
        return "noun"
    return None


def _adjectival(word: list[Token]) -> bool:
    if len(word) > 1:
        return word[-1].pos_ in ("ADJ", "VERB", "NOUN")  # "self-driving", "long-range"
    return word[0].pos_ == "ADJ" or word[0].tag_ == "VBN"


def _joined(item: list[Token]) -> list[list[Token]]:
    """The item's words, a hyphenated word ("self-driving") as one."""
    words: list[list[Token]] = []
    glue = False
    for token in item:
        if token.tag_ == "HYPH" or token.text == "-":
            if not words:
                return []
            words[-1].append(token)
            glue = True
        elif glue:
            words[-1].append(token)
            glue = False
        else:
            words.append([token])
    return words


def _described(item: list[Token]) -> bool:
    return len(_joined(item)) > 1 and item[0].pos_ != "DET"


def _span_view(view: View, item: list[Token], offset: int) -> View:
    lo, hi = offset + item[0].idx, offset + item[-1].idx + len(item[-1])
    return View(view.source, [(lo, hi)]).tidy()


def _clause(rest: View, words: list[Token], tokens: Tokens) -> bool:
    """What ends the list is a clause of its own: by the parse, by the word lists, or a
    possessive noun phrase whose last word follows a plural noun ("its seats swivel": a
    noun cannot come bare after a plural one, a present verb can)."""
    if has_clause(rest, tokens) or clause_like(rest):
        return True
    if words[0].lower_ not in _POSSESSIVES or len(words) > 6:
        return False
    final = words[-1]
    return (
        len(words) >= 3
        and words[-2].tag_ == "NNS"
        and final.is_lower
        and final.tag_ in ("NN", "VB", "VBP")
        and all(w.pos_ in ("NOUN", "ADJ") for w in words[1:-1])
    )
