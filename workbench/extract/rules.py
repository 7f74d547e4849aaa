"""The default extractor: rules over news prose, offline and fast.

Sentence by sentence: drop photo credits and datelines; take the attribution off
("..., the readout said"); split coordinated clauses, "with" facts, temporal clauses,
non-restrictive relative clauses and appositives; add a claim for each official's title;
split coordinated verb phrases, repeating the subject; replace a leading pronoun by its
antecedent when one is clear; then give each claim a kind, and a check-worthiness from
the learned model (workbench.extract.checkworthy).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.extract import checkworthy
from workbench.extract import clauses as cl
from workbench.extract import lexicon as lx
from workbench.extract.attribution import strip_attribution
from workbench.extract.base import register
from workbench.extract.grammar import subject_of
from workbench.extract.score import features, kind_of
from workbench.extract.segment import Segment, sentences
from workbench.extract.view import View
from workbench.models import ClaimDraft, Span

_LEADING_PRONOUN = re.compile(r"^([Hh]e|[Ss]he|[Tt]hey|[Ii]t|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\b")
_NAME = re.compile(r"^(?:[A-Z][\w’'.-]*\s?){1,4}$")
_CAMEL = re.compile(r"^[a-z]+[A-Z]")
_SEPARATORS = " \t\n\r,;:—–-"


@dataclass
class Context:
    """What a leading pronoun may refer to, carried from sentence to sentence."""

    person: str | None = None
    plural: str | None = None
    thing: str | None = None


class RulesExtractor:
    name = "rules"
    version = "1"

    def extract(self, text: str) -> list[ClaimDraft]:
        context = Context()
        drafts = []
        for segment in sentences(text):
            if segment.credit:
                continue
            for piece in self._pieces(text, segment, context):
                draft = _draft(piece)
                if draft is not None:
                    drafts.append(cut_marks(draft, segment, text))
        # One batch for the learned scorer (workbench.extract.checkworthy).
        for draft, score in zip(drafts, checkworthy.score([d.text for d in drafts]), strict=True):
            draft.checkworthiness = score
        return drafts

    def _pieces(self, text: str, segment: Segment, context: Context) -> list[cl.Piece]:
        view = View(text, [(segment.start, segment.end)]).tidy()
        if not view:
            return []
        body, who, quoted = strip_attribution(view)
        if who and _LEADING_PRONOUN.match(who):
            who = _resolve(who, context, "") or who
        pieces: list[cl.Piece] = []
        mains: list[cl.Piece] = []
        for clause in cl.split_coordinated(body):
            clause, with_pieces = cl.split_with(clause)
            clause, temporal = cl.split_temporal(clause)
            clause, relatives = cl.split_relatives(clause)
            clause, appositives = cl.split_appositive(clause)
            main = cl.split_verb_phrases(clause)
            mains.extend(main)
            for piece in (*main, *with_pieces, *temporal, *relatives):
                piece.attribution = who
                piece.quoted = quoted
                pieces.append(piece)
            pieces.extend(appositives)
        title_pieces = cl.titles(view)
        pieces.extend(title_pieces)
        sentence = view.text
        for piece in pieces:
            if who is not None and piece.attribution is not None:
                continue  # "His office said it had ...": "it" may well be the speaker
            resolved = _resolve(piece.words(), context, _text_before(view, piece))
            if resolved is not None:
                piece.text = resolved
        # an antecedent is only ever the sentence before's: "She rejected" two sentences
        # after "District Attorney Raymond Cole said" is not Raymond Cole
        context.person = context.plural = context.thing = None
        _remember(context, mains, title_pieces, pieces, sentence)
        return sorted(
            pieces, key=lambda p: (p.view.spans[0][0] if p.view.spans else 0, p.role != "main")
        )


def _text_before(view: View, piece: cl.Piece) -> str:
    if not piece.view.spans:
        return ""
    start = piece.view.spans[0][0]
    return view.source[view.spans[0][0] : start] if view.spans else ""


def _resolve(words: str, context: Context, before: str) -> str | None:
    match = _LEADING_PRONOUN.match(words)
    if not match:
        return None
    pronoun = match.group(1).lower()
    kind = lx.PERSONAL[pronoun]
    antecedent: str | None
    if kind == "person":
        antecedent = context.person
    elif kind == "plural":
        nearby = cl.plural_mentions(before)
        antecedent = nearby[-1] if nearby else context.plural
    else:
        antecedent = context.thing
    if not antecedent:
        return None
    if pronoun in ("his", "her", "their", "its"):
        apostrophe = "’" if "’" in words or "’" in antecedent else "'"
        antecedent = f"{antecedent}{apostrophe}s"
    antecedent = antecedent[:1].upper() + antecedent[1:]
    return antecedent + words[match.end() :]


def _remember(
    context: Context,
    mains: list[cl.Piece],
    titles: list[cl.Piece],
    pieces: list[cl.Piece],
    sentence: str,
) -> None:
    for piece in pieces:
        if piece.role in ("title", "appositive") and piece.text:
            context.person = piece.text.split(" is ", 1)[0]
    plural = cl.plural_mentions(sentence)
    if plural:
        context.plural = plural[-1]
    if not mains:
        return
    subject = subject_of(mains[0].view)
    if subject is None:
        return
    words = subject.text.strip(' “”"')
    if _LEADING_PRONOUN.match(words) or not words:
        return
    if " and " in words or words.lower().endswith(("sides", "countries")):
        context.plural = words
    elif _NAME.match(words) and not words.startswith(("The ", "A ", "An ")):
        if not titles:
            context.person = words
    else:
        context.thing = (
            words[:1].lower() + words[1:] if words.split()[0] in ("The", "A", "An") else words
        )


def finish(words: str) -> str:
    """The claim as a standalone sentence: one line, balanced quotes, a capital, a stop."""
    text = " ".join(words.split()).strip(" ,;:—–-")
    text = View(text, [(0, len(text))]).tidy().text if text else text
    if not text:
        return text
    if not _CAMEL.match(text):  # "iPhone sales", "eBay said": the name's own case
        text = text[:1].upper() + text[1:]
    if text[-1] not in ".!?…" and not (text[-1] in '”"’)' and text[-2:-1] in ".!?"):
        text += "."
    return text


def cut_marks(draft: ClaimDraft, segment: Segment, source: str) -> ClaimDraft:
    """A claim from a piece of a sentence too long to take whole (segment._cut_long)
    says so: "…" where the article's sentence goes on, and its first word in the
    article's own case (a piece may start mid-sentence: "and the council")."""
    if segment.opens and segment.closes:
        return draft
    text = draft.text
    lo, hi = min(s.start for s in draft.spans), max(s.end for s in draft.spans)
    if not source[segment.start : lo].strip(_SEPARATORS):
        first = source[lo]
        if text[:1] != first and text[:1].lower() == first.lower():
            text = first + text[1:]
        if not segment.opens:
            text = "…" + text
    if not segment.closes and not source[hi : segment.end].strip(_SEPARATORS):
        text = text[:-1] + "…" if text.endswith(".") and source[hi - 1] != "." else text
    return draft if text == draft.text else draft.model_copy(update={"text": text})


def _draft(piece: cl.Piece) -> ClaimDraft | None:
    spans = [Span(start=a, end=b) for a, b in piece.view.spans if b > a]
    if not spans:
        return None
    text = finish(piece.words())
    if not re.search(r"\w", text):
        return None
    f = features(text)
    attributed = piece.attribution is not None
    return ClaimDraft(
        text=text,
        spans=spans,
        kind=kind_of(f, text, attributed, piece.quoted),
        checkworthiness=0.0,  # scored in one batch by RulesExtractor.extract
        attribution=piece.attribution,
    )


@register("rules")
def _factory() -> RulesExtractor:
    return RulesExtractor()
