"""The baseline extractor: one claim per sentence, scored by the learned check-worthiness
model like every extractor's claims."""

from __future__ import annotations

import re

from workbench.extract import checkworthy
from workbench.extract.base import register
from workbench.extract.segment import sentences
from workbench.models import ClaimDraft, Span

_SPACE = re.compile(r"\s+")


class SentenceExtractor:
    name = "sentences"
    version = "1"

    def extract(self, text: str) -> list[ClaimDraft]:
        kept = [segment for segment in sentences(text) if not segment.credit]
        words = [_SPACE.sub(" ", segment.text(text)) for segment in kept]
        return [
            ClaimDraft(
                text=sentence,
                spans=[Span(start=segment.start, end=segment.end)],
                checkworthiness=score,
            )
            for segment, sentence, score in zip(kept, words, checkworthy.score(words), strict=True)
        ]


@register("sentences")
def _factory() -> SentenceExtractor:
    return SentenceExtractor()
