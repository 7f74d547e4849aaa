"""Lists of examples and of things included: "a variety of products such as snacks,
beverages and toiletries" gives one claim for each ("… a variety of products such as
snacks."); also after "such films as", "including", "like" and the verb "include" ("Her
films include Hamlet (1990), Howards End (1992) and Cinderella (2015)"), and three or
more names in apposition to a plural noun ("in the films Raging Bull (1980), Goodfellas
(1990) and Casino (1995)").

Each example says its own fact: the claim keeps the whole frame before the list and what
follows it, and puts one item in the list's place, so every claim is the article's words
and says less than the sentence. The list is read off the surface (the parser's arcs are
poor on lists of titles) and each item is checked on its tags: a noun phrase or a
gerund, with parentheses of its own ("Hamlet (1990)"), never a verb of its own. Left
whole: a list with a second "and"/"or" (a title such as "Charlie and the Chocolate
Factory", or a nested list), a list that a clause goes on after ("such as France and
Germany have banned it"), two capitalised items alone ("Pride and Prejudice": one title
or two names?), "etc." or "and more", an item that is a pronoun or an infinitive.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from workbench.extract import clauses as cl
from workbench.extract.decompose import Tokens, is_finite
from workbench.extract.properties import CHANGING
from workbench.extract.view import View, depth_at

if TYPE_CHECKING:
    from spacy.tokens import Token

_MARKER = re.compile(
    r"\b(?:such as|such(?:\s+[a-z]+){1,2}\s+as|including|like|includes?|included)\s+(?=\S)"
    r"|\b(?P<plural>[a-z]{3,}s)\s+(?=[A-Z\"“])"
)
# the list's last item follows its one conjunction; "as well as" or "etc." leave it whole
_CONJUNCTION = re.compile(r",?\s+(?:and|or)\s+")
_REFUSE = re.compile(
    r"\b(?:as well as|etc|and so on|and more|and others|among others|between|both|either|"
    r"respectively|together|each other|not|no|never)\b|;|\s[—–]\s|—",
    re.I,
)
_ITEM_TAGS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM", "PUNCT", "ADP", "PART", "SYM"})
_HEADS = frozenset({"NOUN", "PROPN", "NUM"})
_CLOSING = ".!?"


def split_examples(pieces: list[cl.Piece], tokens: Tokens) -> list[cl.Piece]:
    result = []
    for piece in pieces:
        result.extend(_split(piece, tokens) or [piece])
    return result


def _split(piece: cl.Piece, tokens: Tokens) -> list[cl.Piece] | None:
    if piece.text is not None or piece.quoted:
        return None
    view = piece.view
    text = view.text
    for marker in _MARKER.finditer(text):
        depth = depth_at(text, marker.start())
        if depth > 1 or not _marks_a_list(marker, view, tokens):
            continue
        end = _list_end(text, marker.end(), depth)
        region = text[marker.end() : end]
        if region.startswith("such "):
            continue  # "include such films as A, B and C": the list starts after "as"
        if _REFUSE.search(region):
            return None
        items = _items(region, marker.end())
        if items is None:
            continue
        views = [view.sub(a, b) for a, b in items]
        if any(not v or not _noun_phrase(tokens.within(v)) for v in views):
            return None
        if len(views) == 2 and all(v.text[:1].isupper() for v in views):
            return None  # "Pride and Prejudice", "Charlie and the Chocolate Factory"?
        if marker.group("plural") and (
            len(views) < 3 or not all(v.text[:1].isupper() or v.text[:1] in '"“' for v in views)
        ):
            continue  # "the films Raging Bull (1980), Goodfellas (1990) and Casino (1995)"
        if _shared_modifier(tokens.within(views[0]), [tokens.within(v) for v in views[1:]]):
            return None
        prefix = view.sub(0, marker.end())
        if not prefix.text.endswith(marker.group().rstrip()):
            return None
        tail = text[end:].strip()
        kept = view.absolute(end, len(text)) if any(c.isalnum() for c in tail) else []
        closing = tail[:1] if tail[:1] in ")]" else ""  # the bracket opened in the frame
        gap = " " if tail[:1].isalnum() else ""
        rest = f"{gap}{tail}" if kept else closing
        return [
            cl.Piece(
                View(view.source, prefix.spans + item.spans + kept),
                text=f"{prefix.text} {item.text}{rest}",
                role=piece.role,
            )
            for item in views
        ]
    return None


def _marks_a_list(marker: re.Match[str], view: View, tokens: Tokens) -> bool:
    """ "like" and "include" as the parse reads them: a preposition ("cities like
    Paris"), a finite verb ("Her films include ..."); not "I like it" or "to include"."""
    word = marker.group().split()[0].lower()
    spans = view.absolute(marker.start(), marker.start() + len(word))
    token = tokens.at(spans[0][0]) if spans else None
    if token is None:
        return False
    if marker.group("plural"):
        return _apposed(token)
    if word == "like":
        return token.pos_ == "ADP"
    if word.startswith("include") and word != "including":
        return is_finite(token)
    return True


_INVARIANT = frozenset("series species means news headquarters crossroads".split())


def _apposed(noun: Token) -> bool:
    """A plural noun the names stand in apposition to: "the films A, B and C", "the
    romantic comedies A and B"; not "the American series A, B in C" (one series or
    several?) nor "2 million inhabitants Austria" (a word is missing)."""
    plural = noun.tag_ == "NNS" or (noun.lower_.endswith("s") and not noun.lower_.endswith("ss"))
    if noun.pos_ != "NOUN" or not plural or noun.lower_ in _INVARIANT:
        return False
    before = noun.doc[max(0, noun.i - 3) : noun.i]
    if any(t.pos_ == "NUM" for t in before):
        return False
    return any(t.lower_ == "the" for t in before)


def _list_end(text: str, start: int, depth: int) -> int:
    """The list runs to the end of the claim, or to the bracket that closes around it
    ("the Caribbean Islands (such as Jamaica and the Bahamas)")."""
    end = len(text.rstrip())
    while end > start and text[end - 1] in _CLOSING:
        end -= 1
    if depth:
        closing = next((i for i in range(start, end) if depth_at(text, i + 1) < depth), None)
        if closing is None:
            return end
        return closing
    return end


def _items(region: str, offset: int) -> list[tuple[int, int]] | None:
    """Where each item of "A, B(,) and C" is: commas outside brackets and numbers, and
    one conjunction before the last item. None when it is no such list."""
    conjunctions = [m for m in _CONJUNCTION.finditer(region) if not depth_at(region, m.start())]
    if len(conjunctions) != 1:
        return None
    last = conjunctions[0]
    tail = region[last.end() :]
    if any(not depth_at(tail, m.start()) for m in re.finditer(r",\s", tail)):
        return None  # "bizarre and seemingly prophetic dreams, secret love affairs"
    cuts: list[tuple[int, int]] = []
    position = 0
    for match in re.finditer(r",\s+", region[: last.start()]):
        inside_number = region[match.start() - 1 : match.start()].isdigit() and (
            region[match.end() : match.end() + 1].isdigit()
        )
        if depth_at(region, match.start()) or inside_number:
            continue
        cuts.append((position, match.start()))
        position = match.end()
    cuts.append((position, last.start()))
    cuts.append((last.end(), len(region)))
    if any(not region[a:b].strip() for a, b in cuts):
        return None
    return [(offset + a, offset + b) for a, b in cuts]


def _shared_modifier(first: list[Token], others: list[list[Token]]) -> bool:
    """The first item's words may hold of the others too: a preposition the others
    lack ("works by Monet and Renoir": Renoir's works, not Renoir), or a modifier that
    changes the noun ("former ministers and generals")."""
    nouns = [i for i, t in enumerate(first) if t.pos_ in ("NOUN", "PROPN")]
    if any(t.lower_ in CHANGING for t in first[: nouns[0] if nouns else len(first)]):
        return True
    return any(t.pos_ == "ADP" for t in first[1:]) and not all(
        any(t.pos_ == "ADP" for t in other[1:]) for other in others
    )


# the words a title leaves in lower case
_TITLE_SMALL = frozenset("a an the of and in on at to for from by with or nor but as vs".split())


def _title(words: list[Token]) -> bool:
    """A name or a title: every word capitalised but the small ones, the first one too,
    and at least two words or one proper noun."""
    alpha = [t for t in words if t.text[:1].isalpha()]
    if not alpha or not alpha[0].text[:1].isupper():
        return False
    if any(t.text[:1].islower() and t.lower_ not in _TITLE_SMALL for t in alpha):
        return False
    return len(alpha) > 1 or alpha[0].pos_ == "PROPN"


def _noun_phrase(found: list[Token]) -> bool:
    """A noun phrase ("other daily essentials", "Hamlet (1990)", "exposure to toxins")
    or a gerund ("screening", "hiring candidates"); never a clause, a pronoun, an
    infinitive or an adverb of its own."""
    words = [t for t in found if t.pos_ != "PUNCT"]
    if not words or (words[0].pos_ in ("ADP", "PART", "DET", "PRON") and len(words) == 1):
        return False
    if _title(words):
        return True  # "Live from Baghdad", "My Cousin Vinny": a title's words are no clause
    for token in words:
        if token.text == "&":
            continue  # part of a name: "Burton & Taylor"
        if is_finite(token) or token.pos_ in ("AUX", "PRON", "SCONJ", "CCONJ"):
            return False
        if token.pos_ == "VERB" and token.tag_ not in ("VBG", "VBN"):
            return False
        if token.pos_ == "PART" and token.lower_ in ("to", "not"):
            return False
        if token.pos_ not in _ITEM_TAGS and token.pos_ not in ("VERB", "ADV"):
            return False
    if words[-1].pos_ == "ADV":
        return False
    return any(t.pos_ in _HEADS or t.tag_ == "VBG" for t in words)
