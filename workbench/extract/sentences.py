"""The baseline extractor: one claim per sentence, every claim equally check-worthy."""

from __future__ import annotations

import re

from workbench.extract.base import register
from workbench.extract.segment import sentences
from workbench.models import ClaimDraft, Span

_SPACE = re.compile(r"\s+")


class SentenceExtractor:
    name = "sentences"
    version = "1"

    def extract(self, text: str) -> list[ClaimDraft]:
        return [
            ClaimDraft(
                text=_SPACE.sub(" ", segment.text(text)),
                spans=[Span(start=segment.start, end=segment.end)],
                checkworthiness=0.5,
            )
            for segment in sentences(text)
            if not segment.credit
        ]


@register("sentences")
def _factory() -> SentenceExtractor:
    return SentenceExtractor()
