"""Kind and check-worthiness of a claim, from surface features.

The score is a logistic function of hand-set weights. The weights encode what fact-check
desks describe as check-worthy (numbers, money, percentages, dates, named people and
bodies, records and superlatives, causal and attributed statements) and what is not
(opinions, hopes, calls to action, predictions, vague or personal statements); they were
set by reasoning about those categories, not fitted to any evaluation set.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from workbench.extract import lexicon as lx
from workbench.models import Kind

_MONEY = re.compile(
    r"[$€£¥₹]\s?\d|\b\d[\d,.]*\s?(?:bn|m|k|billion|million|trillion|crore|lakh)\b"
    r"|\b(?:dollars|euros|pounds|rupees|yuan|yen)\b|\b(?:million|billion|trillion)-dollar\b",
    re.I,
)
_PERCENT = re.compile(r"\d\s?%|\bper ?cent\b|\bpercent(?:age)?\b|\bpercentage points?\b", re.I)
_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?![\w])")
_YEAR = re.compile(r"^(?:1[5-9]\d\d|20\d\d)$")
_STAT_NOUNS = re.compile(
    r"\b(?:rate|deficit|surplus|gdp|inflation|unemployment|average|median|per capita|growth"
    r"|revenue|budget|debt|exports?|imports?|trade|population|turnout|poll|survey|index"
    r"|prices?|tax(?:es)?|wages?|income|spending|turnover|sales)\b",
    re.I,
)
_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*")
_TOKEN = re.compile(r"[a-z]+|\d+")
_ORDINAL = re.compile(
    r"\b(?:\d+(?:st|nd|rd|th)|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b", re.I
)
_NOT_SUPERLATIVE = frozenset(
    "interest latest protest request suggest honest forest harvest invest manifest contest"
    " arrest modest earnest".split()
)
_FIRST_SECOND = frozenset("i we you our us my me your".split())


class _Markers:
    """Words and phrases looked up in a claim: one set lookup a word, `in` for phrases
    (a regex alternation of them all is several times slower)."""

    def __init__(self, phrases: tuple[str, ...]):
        cleaned = [p.strip() for p in phrases]
        self.words = frozenset(p for p in cleaned if " " not in p)
        self.phrases = tuple(f" {p} " for p in cleaned if " " in p)

    def search(self, words: set[str], spaced: str) -> bool:
        return not self.words.isdisjoint(words) or any(p in spaced for p in self.phrases)


def _phrases(phrases: tuple[str, ...]) -> _Markers:
    return _Markers(phrases)


_OPINION = _phrases(lx.OPINION_PHRASES)
_CAUSAL = _phrases(lx.CAUSAL_MARKERS)
_COMPARISON = _phrases(lx.COMPARISON_MARKERS)


@dataclass(frozen=True)
class Features:
    money: bool
    percent: bool
    counts: int  # numbers that are not years or days of a month
    years: int
    dates: int  # months and weekdays
    number_words: int
    names: int  # capitalised words not at the start
    superlative: bool
    causal: bool
    comparison: bool
    event: bool
    opinion: bool
    vague: int
    question: bool
    personal: bool
    future: bool
    words: int
    has_verb: bool
    stat_noun: bool
    role: bool
    ordinal: bool


# the kind and the check-worthiness of one claim both need these: compute them once
@lru_cache(maxsize=4096)
def features(text: str) -> Features:
    lower = f" {text.lower()} "
    words = _WORD.findall(text)
    lowers = [w.lower() for w in words]
    word_set = set(lowers)
    spaced = f" {' '.join(lowers)} "
    counts = years = dates = 0
    for match in _NUMBER.finditer(text):
        number = match.group().replace(",", "")
        before = _TOKEN.findall(text[max(0, match.start() - 16) : match.start()].lower())[-2:]
        after = _TOKEN.findall(text[match.end() : match.end() + 12].lower())[:1]
        if _YEAR.match(number):
            years += 1
        elif any(t in lx.MONTHS for t in (*before, *after)):
            continue  # a day of the month, or a range of days ("February 8-10")
        else:
            counts += 1
    dates = sum(1 for w in lowers if w in lx.MONTHS or w in lx.WEEKDAYS)
    names = len(
        {w for i, w in enumerate(words) if i > 0 and w[0].isupper() and w.lower() not in lx.MONTHS}
    )
    return Features(
        money=bool(_MONEY.search(text)),
        percent=bool(_PERCENT.search(text)),
        counts=counts,
        years=years,
        dates=dates,
        number_words=sum(
            1
            for i, w in enumerate(lowers)
            if w in lx.NUMBER_WORDS and w != "one" and (i == 0 or lowers[i - 1] != "the")
        ),
        names=names,
        superlative=any(
            w in lx.SUPERLATIVE_WORDS
            or (w.endswith("est") and len(w) > 5 and w not in _NOT_SUPERLATIVE)
            for w in lowers
        ),
        role=any(w in lx.ROLE_NOUNS for w in lowers),
        ordinal=bool(_ORDINAL.search(text)),
        causal=_CAUSAL.search(word_set, spaced),
        comparison=_COMPARISON.search(word_set, spaced),
        event=any(w in lx.EVENT_VERBS for w in lowers),
        opinion=_OPINION.search(word_set, spaced)
        or not word_set.isdisjoint(("should", "must", "ought", "hope", "hoped", "hopes", "wish")),
        vague=sum(1 for w in lowers if w in lx.VAGUE),
        question=text.rstrip(" ”\"'’)").endswith("?"),
        personal=any(w in _FIRST_SECOND for w in lowers),
        future=" will " in lower or " would " in lower or " going to " in lower,
        words=len(words),
        has_verb=any(lx.is_finite_verb(w) for w in lowers),
        stat_noun=bool(_STAT_NOUNS.search(text)),
    )


def checkworthiness(f: Features, attributed: bool = False) -> float:
    z = -0.9
    z += 1.5 * f.money + 1.5 * f.percent
    z += min(f.counts, 3) * 0.7 + min(f.number_words, 2) * 0.4
    z += min(f.years, 2) * 0.5 + min(f.dates, 2) * 0.35
    z += min(f.names, 4) * 0.3
    z += 0.8 * f.superlative + 0.6 * f.causal + 0.4 * f.comparison + 0.3 * f.event
    z += 0.4 * f.stat_noun + 0.3 * attributed + 0.5 * f.role + 0.4 * f.ordinal
    z -= 1.6 * f.opinion + min(f.vague, 3) * 0.35 + 1.8 * f.question
    # Speakers' statements about their own record are checkable ("we cut taxes"); their
    # pledges and predictions are not: the first person costs little, the future more.
    z -= 0.3 * f.personal + 0.7 * f.future
    if f.words < 5:
        z -= 1.2
    if not f.has_verb:
        z -= 0.6
    return round(1 / (1 + math.exp(-z)), 3)


def kind_of(f: Features, text: str, attributed: bool, quoted: bool) -> Kind:
    if f.percent or f.money or (f.counts and f.stat_noun):
        return Kind.STATISTIC
    if f.counts or f.number_words:
        return Kind.QUANTITY
    if f.superlative or f.comparison:
        return Kind.COMPARISON
    if f.causal:
        return Kind.CAUSAL
    if f.years or f.dates:
        return Kind.DATE_EVENT
    if quoted or re.search(r"[“\"][^”\"]{15,}[”\"]", text):
        return Kind.QUOTE
    if attributed:
        return Kind.ATTRIBUTION
    if f.event:
        return Kind.DATE_EVENT
    return Kind.OTHER
