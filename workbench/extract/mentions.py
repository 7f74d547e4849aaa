"""Who a pronoun may refer to, read from the parse: the noun phrases a sentence mentions,
with the features a pronoun must agree with (number; person or thing).

The parser attaches long-range arcs poorly, so nothing here trusts one arc to pick an
antecedent. The surface rules propose one; it is kept only when it is the single
mention that agrees: the subjects of the previous sentence, or the nearest agreeing
noun phrase earlier in the same sentence. Otherwise the claim keeps its own pronoun.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench.extract import lexicon as lx

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_SUBJECTS = frozenset({"nsubj", "nsubj:pass"})
_PERSON_NOUNS = lx.ROLE_NOUNS | frozenset(
    "man woman boy girl child mother father wife husband son daughter resident worker farmer"
    " student teacher doctor nurse patient victim suspect witness spokesman spokeswoman"
    " author writer player coach manager owner driver pilot soldier officer lawyer".split()
)
# Heads that name an organisation or a thing even when capitalised ("General Electric").
ORG_WORDS = frozenset(
    "ministry department agency company corporation corp inc ltd co group bank council"
    " committee commission board court party league union association federation institute"
    " university college school hospital office bureau authority directorate administration"
    " government parliament assembly army navy police electric motors airlines airways"
    " systems industries holdings partners fund foundation club team city state county"
    " organisation organization service services network times post journal news".split()
)
PERSON_PRONOUNS = frozenset({"he", "she", "his", "her", "him"})
PLURAL_PRONOUNS = frozenset({"they", "their", "them"})
THING_PRONOUNS = frozenset({"it", "its"})


@dataclass(frozen=True)
class Mention:
    text: str
    head: str
    start: int  # absolute offset in the article
    plural: bool
    person: bool  # may be a person
    thing: bool  # may be a thing (an organisation counts as one)
    subject: bool


def agrees(mention: Mention, pronoun: str) -> bool:
    pronoun = pronoun.lower()
    if pronoun in PLURAL_PRONOUNS:
        return mention.plural
    if mention.plural:
        return False
    if pronoun in PERSON_PRONOUNS:
        return mention.person
    if pronoun in THING_PRONOUNS:
        return mention.thing
    return False


def mentions(doc: Doc, offset: int) -> list[Mention]:
    """The noun phrases of a parsed sentence (not pronouns), in order."""
    found: list[Mention] = []
    seen_verb = False
    for token in doc:
        if token.pos_ in ("VERB", "AUX") and "Fin" in token.morph.get("VerbForm", []):
            seen_verb = True
        if token.pos_ not in ("NOUN", "PROPN") or token.dep_ in ("compound", "flat", "nmod:desc"):
            continue
        if _conjuncts(token.head) and token in _conjuncts(token.head):
            continue  # part of a coordinated phrase, counted with its first conjunct
        # the parser misattaches subjects often: the first noun phrase before any finite
        # verb, outside a prepositional phrase, is the subject whatever its arc says
        first = not seen_verb and not found and not any(c.dep_ == "case" for c in token.children)
        mention = _mention(token, offset, first)
        if found and _appositive(doc, found[-1], mention, offset):
            continue  # "Ma, the executive vice foreign minister, ...": the same one
        found.append(mention)
    return found


def _appositive(doc: Doc, before: Mention, mention: Mention, offset: int) -> bool:
    """`mention` right after `before` and a comma, starting with a determiner."""
    gap = doc.text[before.start - offset + len(before.text) : mention.start - offset]
    return gap.strip() == "," and mention.text.split()[0].lower() in ("the", "a", "an", "its")


def _conjuncts(token: Token) -> list[Token]:
    """Nouns coordinated with `token` by "and", with no verb in between."""
    result = []
    for child in token.children:
        if child.dep_ != "conj" or child.pos_ not in ("NOUN", "PROPN") or child.i < token.i:
            continue
        between = token.doc[token.i + 1 : child.i]
        if any(t.pos_ in ("VERB", "AUX") for t in between):
            continue
        if any(t.lower_ == "and" for t in between):
            result.append(child)
    return result


def _mention(token: Token, offset: int, first: bool) -> Mention:
    left = min(
        (t.i for t in token.lefts if t.dep_ in ("det", "amod", "compound", "flat", "nmod:poss")),
        default=token.i,
    )
    right = token.i
    conj = _conjuncts(token)
    for child in token.rights:
        if child.dep_ in ("flat", "compound") and child.i == right + 1:
            right = child.i  # the name runs on: "Xi Jinping"
    if conj:
        right = max(right, *(c.i for c in conj))
    span = token.doc[left : right + 1]
    plural = bool(conj) or "Plur" in token.morph.get("Number", [])
    lower = token.text.lower()
    capital = token.text[:1].isupper()
    named = (token.pos_ == "PROPN" or capital) and lower not in _NOT_PEOPLE
    organisation = any(t.text.lower() in ORG_WORDS for t in span)
    person = not organisation and (lower in _PERSON_NOUNS or named)
    thing = organisation or lower not in _PERSON_NOUNS
    return Mention(
        text=span.text,
        head=token.text,
        start=offset + span.start_char,
        plural=plural,
        person=person,
        thing=thing,
        subject=first or token.dep_ in _SUBJECTS,
    )


_NOT_PEOPLE = lx.MONTHS | lx.WEEKDAYS


def confirmed(
    antecedent: str,
    pronoun: str,
    previous: list[Mention],
    before: list[Mention],
) -> bool:
    """Is `antecedent` the one mention `pronoun` can refer to? `previous`: mentions of
    the previous sentence; `before`: mentions earlier in the pronoun's own sentence."""
    near = [m for m in before if agrees(m, pronoun)]
    near_subjects = [m for m in near if m.subject]
    if near_subjects or near:
        return _same((near_subjects or near)[-1], antecedent)
    subjects = [m for m in previous if m.subject and agrees(m, pronoun)]
    if not subjects:
        return False
    heads = {m.head.lower() for m in subjects}
    return len(heads) == 1 and _same(subjects[0], antecedent)


def _same(mention: Mention, antecedent: str) -> bool:
    words = antecedent.lower().replace("’s", "").replace("'s", "").split()
    return mention.head.lower() in words
