"""The default extractor: our own dependency parse (UD English-EWT) under the news rules.

Sentence by sentence (our segmenter; the model's own sentence splitting is poor on
news), each sentence is parsed, then decomposed: attribution taken off, reported
clauses, semicolons, coordinated clauses and verb phrases, adverbial and relative
clauses, appositions and titles, distributive subjects and properties. Every split the
surface rules propose is checked against the parse (a gerund is a verb, a title is not
part of a company's name, a pronoun's antecedent is the one that agrees), and where the
parse does not confirm it the sentence keeps its own words: a wrong claim is worse than
none. A sentence the parser would choke on goes through the rules alone, with a note.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import replace
from typing import TYPE_CHECKING

from workbench.extract import absolutes as ab
from workbench.extract import brackets as br
from workbench.extract import checkworthy, nlp
from workbench.extract import clauses as cl
from workbench.extract import coordination as co
from workbench.extract import decompose as dc
from workbench.extract import examples as ex
from workbench.extract import gerunds as ge
from workbench.extract import phrases as ph
from workbench.extract import properties as pr
from workbench.extract import relatives as rl
from workbench.extract.base import register
from workbench.extract.dates import absolute_dates
from workbench.extract.mentions import Mention, confirmed, describe, mentions, propose
from workbench.extract.repeats import group_repeats
from workbench.extract.rules import (
    Context,
    RulesExtractor,
    _draft,
    _remember,
    _resolve,
    cut_marks,
)
from workbench.extract.segment import Segment, sentences
from workbench.extract.speakers import ROLES, split_adding, strip_speaker
from workbench.extract.view import View
from workbench.models import ClaimDraft

if TYPE_CHECKING:
    from spacy.tokens import Doc

_EXPLETIVE = re.compile(
    r"^It\s+(?:is|was|will be|would be|seems|seemed|appears|appeared"
    r"|rained|snowed|rains|snows|took|takes|remains|remained)\b",
    re.I,
)
# Longer texts (a dump, a book, one 5 MB JSON line) go to the rules whole: the parse costs
# about 50 s of CPU and 150 MB of memory per million characters, the rules several times
# less (a 5 MB line: 18 s and 220 MB in all; issue 16).
MAX_PARSED_CHARS = 1_000_000
_MAIN = ("main", "property", "ambient")
# "However, ...", "Therefore, ...": a word that ties the sentence to the one before says
# nothing of the fact; the claim (and its span) starts after it
_CONNECTIVE = re.compile(
    r"^(?:However|Therefore|Thus|Hence|Moreover|Furthermore|Additionally|In addition"
    r"|Meanwhile|Nevertheless|Nonetheless|Consequently|As a result|In fact|Indeed"
    r"|Still|Also|Besides|Likewise|Similarly|Overall|Instead|Otherwise|Notably"
    r"|Importantly|Ultimately|Finally|Then|So|But|And|Yet),\s+(?=\S)"
)
_PRONOUN = re.compile(r"^([Hh]e|[Ss]he|[Tt]hey|[Ii]t|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\b")


class ParserExtractor:
    name = "parser"
    version = "1"

    def __init__(self) -> None:
        self.notes: list[str] = []
        self._rules = RulesExtractor()
        self._said_by: str | None = None  # the speaker of the sentence before
        # (paragraph, speaker) of the sentence before when it quoted its speaker
        self._quoting: tuple[int, str] | None = None

    def extract(self, text: str, published: str | None = None) -> list[ClaimDraft]:
        """Claims of `text`; relative dates made absolute when `published` is known."""
        self.notes = []
        self._said_by, self._quoting = None, None
        if len(text) > MAX_PARSED_CHARS:
            self.notes.append(
                f"the whole text: {len(text):,} characters, over the parser's"
                f" {MAX_PARSED_CHARS:,}; extracted with the rules, not the parser"
            )
            by_rules = self._rules.extract(text)
            return [absolute_dates(d, published) for d in by_rules] if published else by_rules
        segments = [s for s in sentences(text) if not s.credit]
        skipped: dict[int, str] = {}
        for index, segment in enumerate(segments):
            reason = nlp.why_unparsable(segment.text(text))
            if reason is not None:
                skipped[index] = reason
        wanted = [s.text(text) for i, s in enumerate(segments) if i not in skipped]
        parsed = iter(nlp.parse(wanted))
        context = Context()
        previous: list[Mention] = []
        recent: deque[list[Mention]] = deque(maxlen=3)  # where "the plant" may be named
        drafts: list[ClaimDraft] = []
        for index, segment in enumerate(segments):
            if index in skipped:
                self.notes.append(
                    f"characters {segment.start}-{segment.end}: {skipped[index]}; "
                    "extracted with the rules, not the parser"
                )
                pieces = self._rules._pieces(text, segment, context)
                previous, self._said_by, self._quoting = [], None, None
            else:
                doc = next(parsed)
                pieces, previous = self._pieces(text, segment, doc, context, previous)
                _describe(pieces, [m for ms in recent for m in ms], previous, text)
            recent.append(previous)
            for piece in pieces:
                if ph.torn(piece):
                    continue
                draft = _draft(piece)
                if draft is not None and not ph.junk(draft.text):
                    drafts.append(cut_marks(draft, segment, text))
        # one batch for the learned scorer (workbench.extract.checkworthy), as the rules do
        for draft, score in zip(drafts, checkworthy.score([d.text for d in drafts]), strict=True):
            draft.checkworthiness = score
        if published:
            drafts = [absolute_dates(d, published) for d in drafts]
        return group_repeats(drafts)

    def _speaker(self, who: str, context: Context, previous: list[Mention]) -> str:
        """ "He said ...": the one subject or speaker of the sentence before that agrees,
        named as that sentence named its speaker; else the pronoun, as the article has it."""
        resolved = _resolve(who, context, "")
        if resolved and _agreed(who, resolved, previous, []):
            return resolved
        chosen = propose(who, previous, [])
        if chosen is None:
            return who
        said_by = self._said_by
        if said_by and chosen.text.lower() in said_by.lower() and not _PRONOUN.match(said_by):
            return said_by  # "a senior official [at the agency]"
        return _lowered(chosen.name)

    def _pieces(
        self,
        text: str,
        segment: Segment,
        doc: Doc,
        context: Context,
        previous: list[Mention],
    ) -> tuple[list[cl.Piece], list[Mention]]:
        tokens = dc.Tokens(doc, segment.start)
        here = mentions(doc, segment.start, segment.text(text), tokens.all)
        view = View(text, [(segment.start, segment.end)]).tidy()
        connective = _CONNECTIVE.match(view.text)
        if connective:
            view = view.sub(connective.end(), len(view.text))
        if not view:
            return [], here
        body, who, quoted, extra = strip_speaker(view, tokens)
        if who and _PRONOUN.fullmatch(who):
            who = self._speaker(who, context, previous)
        # a quotation stays whole: its words are the speaker's, not ours to take apart
        whole = view.text[:1] in '“"' and _all_quoted(body)
        quoting = self._quoting
        if who is None and whole and quoting is not None and quoting[0] == segment.paragraph:
            who, quoted = quoting[1], True  # '"A," she said. "B."': B is hers too
        self._quoting = (segment.paragraph, who) if who and quoted else None
        here = _speaking(here, who)
        self._said_by = who
        body, added = split_adding(body, who, tokens)
        pieces: list[cl.Piece] = [*extra, *added]
        mains: list[cl.Piece] = []
        if not whole:
            body, opening = br.split_opening_participle(body, tokens)
            body, asides = br.split_subject_aside(body, tokens)
            asides = opening + asides
            for piece in asides:
                piece.attribution, piece.quoted = who, quoted
            pieces.extend(asides)
        for whole_clause in [body] if whole else dc.split_clauses(body, tokens):
            properties, rest = (
                ([], whole_clause) if whole else pr.split_properties(whole_clause, tokens)
            )
            for piece in properties:
                piece.attribution, piece.quoted = who, quoted
            pieces.extend(properties)
            mains.extend(properties)
            if rest is None:
                continue
            clause, with_pieces = ab.split_with(rest, tokens)
            clause, temporal = ph.split_temporal(clause, tokens)
            clause, adverbial = dc.split_adverbial(clause, tokens)
            clause, relatives = rl.split_relatives(clause, tokens)
            clause, predicated = ph.split_predicate_relative(clause, tokens)
            relatives += predicated
            speaker, speaker_quoted = who, quoted
            if who is None and relatives:
                # "..., said Anil Rao, who heads the council": the speaker shows once the
                # relative clause is off; what the relative says of them is not theirs
                clause, speaker, speaker_quoted, extra = strip_speaker(clause, tokens)
                pieces.extend(extra)
            clause, appositives = dc.split_appositive(clause, tokens, ROLES)
            clause, inner = ph.split_appositions(clause, tokens)
            clause, participles = ph.split_participle(clause, tokens)
            appositives += inner + participles
            clause, gerund = ge.split_gerund(clause, tokens)
            main = co.distribute(co.split_verb_phrases(clause, tokens), tokens)
            main = co.distribute_predicates(main, tokens)
            main = ex.split_examples(main, tokens)
            mains.extend(main)
            for piece in (*main, *with_pieces, *temporal, *adverbial, *gerund):
                piece.attribution = speaker
                piece.quoted = speaker_quoted
                pieces.append(piece)
            reported = (clause.spans[0][0], clause.spans[-1][1]) if clause.spans else (0, 0)
            for piece in relatives:
                start = piece.view.spans[0][0] if piece.view.spans else -1
                # a relative inside what the speaker said is theirs too
                theirs = speaker is not who and reported[0] <= start < reported[1]
                piece.attribution = speaker if theirs else who
                piece.quoted = quoted
                pieces.append(piece)
            pieces.extend(appositives)
        title_pieces = [p for p in cl.titles(view) if dc.real_title(p, tokens)]
        pieces.extend(title_pieces)
        for piece in pieces:
            words = piece.words()
            match = _PRONOUN.match(words)
            if match is None or piece.role == "title":
                continue
            if _EXPLETIVE.match(words) and not pr.referential(piece):
                continue  # "It rained", "It is likely that": no one is meant
            start = piece.view.spans[0][0] if piece.view.spans else segment.start
            before = _text_before(view, start)
            resolved = _resolve(words, context, before)
            earlier = [m for m in here if m.start < start]
            if resolved is not None:
                antecedent = resolved[: len(resolved) - len(words) + match.end()]
                if _agreed(match.group(1), antecedent, previous, earlier):
                    piece.text = resolved
                    continue
            chosen = propose(match.group(1), previous, earlier)
            if chosen is not None and who not in (chosen.text, chosen.name):
                # the speaker's own "he" stays: the attribution says who he is
                piece.text = _replace_pronoun(words, match, chosen.name)
        titled = [p for p in pieces if p.role == "title"]
        _remember(context, mains, titled, pieces, view.text)
        pieces.sort(key=lambda p: (p.view.spans[0][0] if p.view.spans else 0, p.role not in _MAIN))
        return pieces, here


def _lowered(who: str) -> str:
    """An attribution's article in lower case, as strip_speaker gives it: "the agency"."""
    first, _, rest = who.partition(" ")
    return f"{first.lower()} {rest}" if first in ("The", "A", "An") and rest else who


def _speaking(here: list[Mention], who: str | None) -> list[Mention]:
    """The speaker of a sentence ("..., according to the institute") is as much what its
    next sentence's "it" may mean as its subject is: counted among the subjects."""
    if not who:
        return here
    said = who.lower()
    return [
        replace(m, subject=True, core=True)
        if m.text.lower() in said or m.name.lower() in said
        else m
        for m in here
    ]


def _describe(
    pieces: list[cl.Piece], recent: list[Mention], here: list[Mention], source: str
) -> None:
    """ "The plant" -> "The Kakrapar plant" where one named mention settles it."""
    for piece in pieces:
        if piece.role == "title" or not piece.view.spans:
            continue
        start = piece.view.spans[0][0]
        earlier = [*recent, *(m for m in here if m.start < start)]
        described = describe(piece.words(), earlier, source)
        if described is not None:
            piece.text = described


def _replace_pronoun(words: str, match: re.Match[str], antecedent: str) -> str:
    first, _, rest = antecedent.partition(" ")
    if first.lower() in ("a", "an") and rest:
        antecedent = f"the {rest}"  # "a deal ... It raises" -> "The deal raises"
    if match.group(1).lower() in ("his", "her", "their", "its"):
        antecedent += "’s" if "’" in words or "’" in antecedent else "'s"
    return antecedent[:1].upper() + antecedent[1:] + words[match.end() :]


def _all_quoted(body: View) -> bool:
    """The body is one quotation: it opens with a quotation mark (or follows one) and
    does not close it before its end."""
    if not body.spans:
        return False
    start = body.spans[0][0]
    text = body.text
    opened = text[:1] in '“"' or body.source[max(0, start - 1) : start] in ("“", '"')
    # between the opening mark and the closing one (with its stop) no other mark: a
    # straight '"A. B."' is one quotation as a curly one is
    inner = (text[1:] if text[:1] in '“"' else text).rstrip(' ,.!?”"')
    return opened and "”" not in inner and '"' not in inner


def _agreed(pronoun: str, antecedent: str, previous: list[Mention], before: list[Mention]) -> bool:
    pronoun = pronoun.split()[0]
    antecedent = re.sub(r"[’']s$", "", antecedent.strip())
    return confirmed(antecedent, pronoun, previous, before)


def _text_before(view: View, start: int) -> str:
    return view.source[view.spans[0][0] : start] if view.spans else ""


@register("parser")
def _factory() -> ParserExtractor:
    return ParserExtractor()
