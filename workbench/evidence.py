"""The passages of a source that bear on a claim, best first, with its figures checked.

BM25 over the claim's content words (names weigh more), plus a boost for each of the
claim's figures the passage states (match, near) or contradicts (mismatch: a passage that
gives another figure for the same thing is exactly what a fact-checker needs to see).
Only passages holding a query term are scored, found by one regex scan of the text, so a
1 MB source ranks in milliseconds.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date

from workbench.numbers import FigureCheck, Verdict, check_figures
from workbench.passages import BOUNDARY, passage_bounds, table_sentence

_STOP = frozenset(
    """a an the and or but of to in on at for from by with as is are was were be been being has
    have had do does did it its this that these those he she they them his her their we our you
    your i me my not no so than then there which who whom whose what when where how also into
    about over after before since during while would will can could may might should must said
    says say according""".split()
)
_TERM = re.compile(r"[A-Za-z][A-Za-z’'-]+|\d[\d,.]*\d|\d")
K1, B = 1.2, 0.75


@dataclass
class Passage:
    start: int
    end: int
    text: str
    score: float
    verdict: Verdict | None = None
    checks: list[FigureCheck] = field(default_factory=list)
    header: str | None = None  # a table row's header row ("| Partner | Exports |")

    @property
    def shown(self) -> str:
        """The passage as a reader should see it: a table row under its header."""
        return f"{self.header}\n{self.text}" if self.header else self.text

    @property
    def checked(self) -> str:
        """What the claim's figures are checked against: a table row as a sentence."""
        return table_sentence(self.header, self.text) if self.header else self.text


def _terms(text: str) -> dict[str, float]:
    """Query terms with weights: names (capitalised, not first) count more, numbers too."""
    weights: dict[str, float] = {}
    for index, match in enumerate(_TERM.finditer(text)):
        word = match.group()
        lower = word.lower().replace("’", "'")
        if lower in _STOP or (len(lower) < 2 and not lower.isdigit()):
            continue
        weight = 1.0
        if word[0].isupper() and index > 0:
            weight = 1.5
        if word[0].isdigit():
            weight = 1.3
        weights[_stem(lower)] = max(weights.get(_stem(lower), 0.0), weight)
    return weights


def _stem(word: str) -> str:
    word = word.rstrip(".,").replace(",", "")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def rank_passages(
    claim: str,
    source: str,
    limit: int = 5,
    claim_date: date | None = None,
    source_date: date | None = None,
) -> list[Passage]:
    """The `limit` passages (sentences) of `source` that best bear on `claim`; the dates
    (the article's, the source's) let "last year" be read in either."""
    weights = _terms(claim)
    if not weights or not source.strip():
        return []
    alternatives = sorted({re.escape(term) for term in weights}, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w])(?:" + "|".join(alternatives) + r")(?:s|es)?(?![\w])", re.I)
    passages: dict[tuple[int, int], dict[str, int]] = {}
    headers: dict[tuple[int, int], str | None] = {}
    last: tuple[int, int] | None = None
    for match in pattern.finditer(source):
        if last is None or not (last[0] <= match.start() < last[1]):
            start, end, header = passage_bounds(source, match.start())
            last = (start, end)
            headers[last] = header
        counts = passages.setdefault(last, {})
        term = _stem(match.group().lower().replace("’", "'"))
        if term not in weights:
            term = next((t for t in weights if term.startswith(t)), term)
        counts[term] = counts.get(term, 0) + 1
    if not passages:
        return []
    total = max(1, len(BOUNDARY.findall(source)) + 1)
    average_length = max(1.0, len(source) / total)
    document_frequency: dict[str, int] = {}
    for counts in passages.values():
        for term in counts:
            document_frequency[term] = document_frequency.get(term, 0) + 1
    scored = []
    for (start, end), counts in passages.items():
        if headers.get((start, end)) == "":
            continue  # a table's header row: it is shown with each of its rows
        length = end - start
        score = 0.0
        for term, frequency in counts.items():
            idf = math.log(
                1 + (total - document_frequency[term] + 0.5) / (document_frequency[term] + 0.5)
            )
            tf = frequency * (K1 + 1) / (frequency + K1 * (1 - B + B * length / average_length))
            score += weights.get(term, 1.0) * idf * tf
        header = headers.get((start, end))
        scored.append(Passage(start, end, source[start:end], score, header=header))
    scored.sort(key=lambda p: -p.score)
    best = scored[: max(limit * 4, 20)]
    for passage in best:
        passage.verdict, passage.checks = check_figures(
            claim, passage.checked, claim_date, source_date
        )
        bonus = {Verdict.MATCH: 2.0, Verdict.NEAR: 1.5, Verdict.MISMATCH: 1.0}
        passage.score += sum(bonus.get(check.verdict, 0.0) for check in passage.checks)
    best.sort(key=lambda p: (-p.score, p.start))
    return best[:limit]


def locate_excerpt(excerpt: str, source: str) -> tuple[int, int] | None:
    """Where `excerpt` stands in `source`, ignoring differences of white space and quotes."""
    position = source.find(excerpt)
    if position != -1:
        return position, position + len(excerpt)
    words = [re.escape(_plain(w)) for w in excerpt.split()]
    if not words:
        return None
    flexible = r"\s+".join(w.replace("QUOTE", "[\"“”'‘’]") for w in words)
    match = re.search(flexible, source, re.I)
    return (match.start(), match.end()) if match else None


def _plain(word: str) -> str:
    return re.sub(r"[\"“”'‘’]", "QUOTE", word)
