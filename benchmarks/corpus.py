"""Deterministic news-like text for speed and memory benchmarks: the seed article plus
paragraphs built from templates of the constructions news copy is made of (figures,
attributions, quotes, titles, appositives, relative clauses, abbreviations, datelines)."""

from __future__ import annotations

import random
from pathlib import Path

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_2a150881a98f0715.txt"

_PEOPLE = [
    "Maria Lopez",
    "Vikram Rao",
    "Chen Wei",
    "Amina Yusuf",
    "John O'Neill",
    "Dr. Sara Klein",
    "Mr. Tanaka",
    "Gov. Ellen Park",
    "Sen. Rob Miles",
    "J. K. Osei",
]
_TITLES = [
    "Finance Minister",
    "foreign secretary",
    "central bank governor",
    "city council spokesperson",
    "Chief Executive",
    "Health Secretary",
    "state Attorney General",
    "Prime Minister",
]
_BODIES = [
    "the ministry",
    "the central bank",
    "the U.S. Census Bureau",
    "the readout",
    "police",
    "the statement",
    "the World Bank",
    "the city council",
    "officials",
    "the company",
]
_PLACES = ["New Delhi", "Nairobi", "Lagos", "Sao Paulo", "Jakarta", "Warsaw", "Ottawa", "Manila"]
_MONTHS = ["January", "February", "March", "April", "June", "July", "October", "December"]
_TEMPLATES = [
    "{p}, the {t} of the region, was in {pl} on {m} {d}-{d2} to attend the summit.",
    "Exports rose {n}% to ${x}.{y} billion in {yr}, with imports falling to ${x2}.{y} billion.",
    "“We have cut the deficit by {n} per cent since {yr},” {p} said on Tuesday.",
    "The {t} {p} said the programme, which cost ${x} million, had reached {n2},000 households.",
    "{b} said unemployment fell to {n}.{y}% in {m}, the lowest level since {yr}.",
    "A fire at the factory in {pl} in {m} {yr}, which killed {n} workers, prompted new rules.",
    "According to {b}, the population of {pl} grew by {n2},000 people last year.",
    "{p} met the {t} in {pl} in {m} {yr} and agreed to expand trade, {b} said.",
    "The council should do more to help families, {p} said, adding that she hoped for change.",
    "Prices at the pump climbed {n} cents a gallon, or {n}.{y}%, compared with a year earlier.",
    "The bridge, which opened in {yr}, will close for repairs costing an estimated ${x} million.",
    "{pl}, {m} {d} (Reuters) - Shares of the company jumped {n}% after it reported record revenue.",
    "He said the vote was {n}-{d}, and the opposition called for a recount within {n2} days.",
    "Inflation eased to {n}.{y} percent in {m} from {n2}.{y} percent, because fuel got cheaper.",
    "Officials did not say how many people were evacuated. (Photo: AP)",
]


def news_text(size: int, seed: int = 7) -> str:
    """About `size` characters of news-like paragraphs."""
    rng = random.Random(seed)
    seed_text = SEED.read_text(encoding="utf-8")
    parts: list[str] = []
    total = 0
    while total < size:
        if rng.random() < 0.15:
            paragraph = seed_text
        else:
            sentences = [
                rng.choice(_TEMPLATES).format(
                    p=rng.choice(_PEOPLE),
                    t=rng.choice(_TITLES),
                    b=rng.choice(_BODIES),
                    pl=rng.choice(_PLACES),
                    m=rng.choice(_MONTHS),
                    d=rng.randint(1, 14),
                    d2=rng.randint(15, 28),
                    n=rng.randint(2, 99),
                    n2=rng.randint(2, 99),
                    x=rng.randint(1, 900),
                    x2=rng.randint(1, 900),
                    y=rng.randint(10, 99),
                    yr=rng.randint(1962, 2025),
                )
                for _ in range(rng.randint(2, 5))
            ]
            paragraph = " ".join(sentences)
        parts.append(paragraph)
        total += len(paragraph) + 2
    return "\n\n".join(parts)
