"""Figures compared across the ways sources write them, and passages ranked for a claim."""

from __future__ import annotations

import pytest

from workbench.evidence import locate_excerpt, rank_passages
from workbench.numbers import Verdict, check_figures, figures

CLAIM = "Bilateral trade touched a record high of $155.62 billion in 2025."


@pytest.mark.parametrize(
    ("passage", "verdict"),
    [
        ("Trade reached $155.62 billion in 2025.", Verdict.MATCH),
        ("Total trade was 155,620 million dollars in calendar 2025.", Verdict.MATCH),
        ("Trade reached $155.6bn in 2025, officials said.", Verdict.NEAR),
        ("Trade was about US$156 billion in 2025.", Verdict.NEAR),
        ("Trade hit $140 billion in 2025.", Verdict.MISMATCH),
        ("Trade reached $155.62 billion in 2024.", Verdict.MISMATCH),
        ("Trade reached €155.62 billion in 2025.", Verdict.OTHER),  # another currency
        ("Trade grew strongly.", Verdict.ABSENT),
    ],
)
def test_figures_of_a_claim_against_a_passage(passage: str, verdict: Verdict) -> None:
    assert check_figures(CLAIM, passage)[0] is verdict


def test_each_figure_is_reported() -> None:
    _, checks = check_figures(
        "The clash killed 20 Indian soldiers in June 2020.", "Twenty soldiers died in June 2020."
    )
    assert [(c.claimed, c.stated, c.verdict) for c in checks] == [
        ("20", "Twenty", Verdict.MATCH),
        ("June 2020", "June 2020", Verdict.MATCH),
    ]


def test_percentages_and_indian_units() -> None:
    assert (
        check_figures("Exports rose 12% last year.", "exports grew 12 per cent")[0] is Verdict.MATCH
    )
    assert (
        check_figures("Exports rose 12%.", "exports grew 12.4 percent")[0] is Verdict.NEAR
    )  # rounded
    assert check_figures("Exports rose 12%.", "exports grew 13.1 percent")[0] is Verdict.MISMATCH
    [crore] = figures("a grant of Rs 5 crore")
    assert (crore.kind, crore.value, crore.currency) == ("money", 5e7, "INR")
    assert check_figures("The claim has no figure.", "Nor has this.")[0] is None


def test_ranking_puts_the_passage_with_the_figure_first() -> None:
    source = (
        "India-China trade data.\n\n"
        "Weather in Delhi was cold this week. Trade fairs were held across the country.\n\n"
        "Official figures show bilateral trade reached $155.6bn in 2025. The deficit widened.\n\n"
        "Analysts expect bilateral trade to slow next year."
    )
    passages = rank_passages(CLAIM, source)
    assert passages[0].text == "Official figures show bilateral trade reached $155.6bn in 2025."
    assert passages[0].verdict is Verdict.NEAR
    assert source[passages[0].start : passages[0].end] == passages[0].text
    assert all(source[p.start : p.end] == p.text for p in passages)


def test_ranking_handles_empty_and_unrelated_sources() -> None:
    assert rank_passages(CLAIM, "") == []
    assert rank_passages(CLAIM, "Nothing related here at all.") == []
    assert rank_passages("", "Some text.") == []


def test_locate_excerpt_ignores_spacing_and_quote_styles() -> None:
    source = "He said: “the deficit widened\nto $116 billion” on Friday."
    span = locate_excerpt('the deficit widened to $116 billion"', source)
    assert span is not None and source[span[0] : span[1]] == "the deficit widened\nto $116 billion”"
    assert locate_excerpt("not there", source) is None
