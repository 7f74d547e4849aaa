"""Reports for readers: ClaimReview that validates against Google's requirements, sign-off
before publishing, the chart of what the report selects, kept copies of the sources, the
public page in headless Chromium, and Markdown that renders as the text it quotes."""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

import jsonschema
import pytest
from lxml import html as lxml_html
from markdown_it import MarkdownIt

from tests.conftest import Run
from tests.test_reports import CHROMIUM, HOSTILE_CLAIM, export, open_in_chromium, reviewed
from workbench.config import config_file
from workbench.report.claimreview import ClaimReview
from workbench.report.markdown import escape

SCHEMA = json.loads(
    (Path(__file__).parent / "schemas" / "claimreview.schema.json").read_text(encoding="utf-8")
)
__all__ = ["reviewed"]  # the fixture, shared with test_reports


def claimreviews(run: Run, *args: str) -> list[dict]:
    return json.loads(
        export(run, "--format", "claimreview", "--report-url", "https://f.example/r/7", *args)
    )


def test_every_rated_claim_is_one_valid_claimreview(run: Run, reviewed: dict[str, int]) -> None:
    reviews = claimreviews(run)
    assert {r["url"] for r in reviews} == {
        f"https://f.example/r/7#claim-{i}" for i in reviewed.values()
    }
    for item in reviews:
        jsonschema.validate(item, SCHEMA)
        ClaimReview.model_validate(item)
        rating = item["reviewRating"]
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        assert item["author"] == {"@type": "Organization", "name": "Example Fact Check"}
    trade = next(r for r in reviews if r["url"].endswith(f"#claim-{reviewed['trade']}"))
    assert trade["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 5,
        "bestRating": 6,
        "worstRating": 1,
        "alternateName": "Mostly true",
        "name": "Mostly true",
        "ratingExplanation": "Customs data rounds to $155.6bn.",
    }
    claim = trade["itemReviewed"]
    assert claim["author"] == {"@type": "Organization", "name": "The Example Times"}
    assert claim["datePublished"] == "2026-02-10"
    assert claim["appearance"]["url"] == "https://news.example.org/india-china?id=1&ref=x"
    toll = next(r for r in reviews if r["url"].endswith(f"#claim-{reviewed['toll']}"))
    assert (toll["reviewRating"]["alternateName"], toll["reviewRating"]["ratingValue"]) == (
        "Disputed",
        1,
    )


def test_the_schema_catches_what_google_requires(run: Run, reviewed: dict[str, int]) -> None:
    """The test's schema must fail a record that lacks a required property."""
    item = claimreviews(run)[0]
    for required in ("url", "claimReviewed", "reviewRating"):
        broken = {k: v for k, v in item.items() if k != required}
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, SCHEMA)
    rating = {k: v for k, v in item["reviewRating"].items() if k != "alternateName"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**item, "reviewRating": rating}, SCHEMA)


def test_claimant_set_by_hand_is_the_claims_author(run: Run, reviewed: dict[str, int]) -> None:
    trade = str(reviewed["trade"])
    result = run("claimant", trade, "Piyush Goyal", "--type", "person", "--date", "2026-02-08")
    assert result.exit_code == 0, result.stderr
    reviews = claimreviews(run)
    item = next(r for r in reviews if r["url"].endswith(f"#claim-{trade}"))
    assert item["itemReviewed"]["author"] == {"@type": "Person", "name": "Piyush Goyal"}
    assert item["itemReviewed"]["datePublished"] == "2026-02-08"


@pytest.mark.parametrize(
    ("unset", "says"),
    [
        ("WORKBENCH_ORGANISATION", "ClaimReview needs the organisation"),
        ("url", "ClaimReview needs the web address where the report is published"),
        (
            "both",
            "ClaimReview needs the organisation that publishes the fact-checks (set"
            " organisation in {config}, or WORKBENCH_ORGANISATION) and the web address",
        ),
    ],
)
def test_claimreview_refuses_without_organisation_or_url(
    run: Run,
    reviewed: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    unset: str,
    says: str,
) -> None:
    url = [] if unset in ("url", "both") else ["--report-url", "https://f.example/r"]
    if unset != "url":
        monkeypatch.delenv("WORKBENCH_ORGANISATION")
    says = says.format(config=config_file())  # both missing: both named, in one line
    target = tmp_path / "reviews.jsonld"
    result = run("export", "--format", "claimreview", *url, "-o", str(target))
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith(f"error: {says}") and result.stderr.count("\n") == 1
    assert not target.exists()


def test_sign_off_gates_what_is_published(
    run: Run, reviewed: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    approved = json.loads(export(run, "--format", "json", "--status", "all", "--approved-only"))
    claims = [c for a in approved["articles"] for c in a["claims"]]
    assert [c["id"] for c in claims] == [reviewed["trade"]]
    assert [a["selected"] for a in approved["articles"]] == [{"Mostly true": 1}]
    assert len(claimreviews(run)) == 3
    monkeypatch.setenv("WORKBENCH_REQUIRE_APPROVAL", "1")
    assert [r["claimReviewed"][:9] for r in claimreviews(run)] == ["Bilateral"]
    run("edit", str(reviewed["trade"]), "Bilateral trade hit a record $155.62 billion in 2025.")
    assert claimreviews(run) == []  # changed since it was signed off: not published


def chart_bars(page: str) -> dict[str, int]:
    """The chart's bars as drawn: each label with the number beside its bar."""
    svg = lxml_html.fromstring(page).xpath("//figure[@class='chart']//svg")[0]
    texts = [t.text for t in svg.iter("text")]
    return dict(zip(texts[::2], (int(n) for n in texts[1::2]), strict=True))


@pytest.mark.parametrize(
    ("args", "bars"),
    [
        ([], {"Mostly true": 1}),
        (["--status", "decided"], {"Mostly true": 1, "Disputed": 1}),
        (["--status", "all"], {"Mostly true": 1, "Disputed": 1, "Unverified": None}),
        (["--status", "disputed"], {"Disputed": 1}),
    ],
)
def test_the_chart_counts_what_the_report_selects(
    run: Run, reviewed: dict[str, int], args: list[str], bars: dict[str, int | None]
) -> None:
    if None in bars.values():  # the rest of the article, however many claims it was given
        undecided = [
            c
            for c in run.json("claims", "--article", "1", "--json")
            if c["status"] == "unverified" and not c.get("dismissed")
        ]
        bars = {label: len(undecided) if n is None else n for label, n in bars.items()}
    page = export(run, "--format", "html", "--article", "1", *args)
    assert chart_bars(page) == bars
    cards = lxml_html.fromstring(page).xpath("//article[contains(@class, 'claim')]")
    assert len(cards) == sum(bars.values())


def test_kept_copies_beside_the_report_or_in_the_archive(
    run: Run, reviewed: dict[str, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "site" / "check.html"
    target.parent.mkdir()
    old = os.umask(0o022)
    try:
        assert run("export", "--format", "html", "-o", str(target)).exit_code == 0
    finally:
        os.umask(old)
    # a web server's user reads the report and its copies (the folder was 0700)
    copies = target.parent / "check-sources"
    assert stat.S_IMODE(copies.stat().st_mode) == 0o755
    assert {stat.S_IMODE(f.stat().st_mode) for f in copies.iterdir()} == {0o644}
    tree = lxml_html.fromstring(target.read_text(encoding="utf-8"))
    [copy] = tree.xpath("//a[text()='kept copy']/@href")
    assert copy == "check-sources/source-1.html"
    kept = (target.parent / copy).read_text(encoding="utf-8")
    assert "Official customs figures" in kept and "<title>Customs data 2025</title>" in kept
    monkeypatch.setenv("WORKBENCH_ARCHIVE_URL", "https://archive.example.org/{sha256}")
    page = export(run, "--format", "html")
    [link] = lxml_html.fromstring(page).xpath("//a[text()='kept copy']/@href")
    assert re.fullmatch(r"https://archive\.example\.org/[0-9a-f]{64}", link)


def test_markdown_renders_as_the_text_it_quotes() -> None:
    """Rendered by a CommonMark parser, escaped text gives back the text; and only what
    would be read as syntax is escaped ("(LAC)" stays as it is)."""
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    samples = [
        "Line of Actual Control (LAC)",
        "<script>alert(1)</script> & <b>bold</b> &amp; AT&T",
        "*not em* _not em_ snake_case **x** `code` ~~struck~~ 5 < 6 > 4",
        "[a link](http://x.example) ![img](y.png) [ref]: /url",
        "1. not a list",
        "2025) not a list either",
        "- not an item",
        "+ nor this",
        "# not a heading",
        "> not a quote",
        "--- not a rule",
        "***",
        "trailing backslash \\",
        "a \\* b \\\\ c",
        "table | cell | 3",
        "Price: $5 (up 3%) {braces} #hash! plus+minus-",
    ]
    for text in samples:
        for prefix in ("", "> ", "- "):
            rendered = parser.render(prefix + escape(text))
            tree = lxml_html.fromstring(f"<div>{rendered}</div>")
            assert tree.text_content().strip() == text, (prefix, text, rendered)
            tags = {element.tag for element in tree.iter()} - {"div", "p", "blockquote", "ul", "li"}
            assert tags == set(), (prefix, text, rendered)
    assert escape("Line of Actual Control (LAC)") == "Line of Actual Control (LAC)"
    assert escape("Price: $5 (up 3%) {braces} #hash! plus+minus-") == (
        "Price: $5 (up 3%) {braces} #hash! plus+minus-"
    )
    assert escape("snake_case and 5 < 6") == "snake_case and 5 < 6"


@pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("WORKBENCH_REQUIRE_BROWSER"),
    reason="needs Chromium (apt-get install chromium); CI installs it and requires this test",
)
def test_public_page_in_chromium_has_no_login_id_or_hash(
    run: Run, reviewed: dict[str, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORKBENCH_METHODS_NOTE", "Two reviewers check every claim.")
    page = tmp_path / "public.html"
    assert run("export", "--format", "html", "--status", "all", "-o", str(page)).exit_code == 0
    dom, requested = open_in_chromium(page, tmp_path)
    assert requested == set()
    tree = lxml_html.fromstring(dom)
    text = " ".join(tree.text_content().split())
    shown = dom.replace(str(tmp_path), "")  # the page's own path is the browser's, not ours
    for login in ("alice", "bob"):
        assert login not in shown
    assert re.search(r"\b[0-9a-f]{64}\b", shown) is None and "sha256" not in shown
    assert re.search(r"\bHTTP\b", text) is None
    assert re.search(r"\b(claim|article|source|evidence) \d+\b", text, re.IGNORECASE) is None
    assert "no evidence" not in text.lower()
    assert "Example Fact Check" in text and "Two reviewers check every claim." in text
    assert "Mostly true" in text and "Claimed by The Example Times on 2026-02-10" in text
    assert "Customs data rounds to $155.6bn." in text
    assert "The ministry's table 3" not in text  # the summary is the first paragraph only
    legend = [dt.text_content() for dt in tree.xpath("//section[@class='legend']//dt")]
    assert legend[:6] == [
        "True",
        "Mostly true",
        "Missing context",
        "Misleading",
        "Mostly false",
        "False",
    ]
    assert any(HOSTILE_CLAIM in t for t in tree.xpath("//h4/text()"))


def test_claimreview_round_trips_through_factchecks_import(
    run: Run, reviewed: dict[str, int], tmp_path: Path
) -> None:
    target = tmp_path / "reviews.jsonld"
    args = ("--format", "claimreview", "--report-url", "https://f.example/r/7", "-o", str(target))
    assert run("export", *args).exit_code == 0
    exported = {r["url"]: r for r in json.loads(target.read_text(encoding="utf-8"))}
    summary = run.json("factchecks", "import", str(target), "--json")
    assert (summary["imported"], summary["skipped"]) == (len(exported), 0)
    imported = {f["url"]: f for f in run.json("factchecks", "--json")}
    assert set(imported) == set(exported)
    for url, review in exported.items():
        back = imported[url]
        rating = review["reviewRating"]
        assert back["claim_reviewed"] == review["claimReviewed"]
        assert back["rating"] == rating["alternateName"]
        assert (back["rating_value"], back["best_rating"], back["worst_rating"]) == (
            rating["ratingValue"],
            rating["bestRating"],
            rating["worstRating"],
        )
        assert back["publisher"] == "Example Fact Check"
        assert back["review_date"] == review["datePublished"]
        claimed = review["itemReviewed"]
        assert back["claimant"] == claimed.get("author", {}).get("name")
        assert back["claim_date"] == claimed.get("datePublished")
        assert back["appearance"] == claimed.get("appearance", {}).get("url")


def test_a_public_report_of_verdicts_with_no_source_warns_whoever_writes_it(
    run: Run, reviewed: dict[str, int], tmp_path: Path
) -> None:
    # the toll (disputed) and the hostile claim (verified) have no evidence; the trade has
    warning = (
        "warning: {n} claim(s) of this public report are decided with no source attached"
        " (claim {ids}): readers see a verdict with nothing behind it; the internal report"
        " flags them\n"
    )
    public = run("export", "--format", "html", "--status", "decided")
    assert public.exit_code == 0
    ids = ", ".join(str(i) for i in sorted([reviewed["toll"], reviewed["hostile"]]))
    assert public.stderr == warning.format(n=2, ids=ids)
    written = run("export", "--format", "md", "--audience", "public", "-o", str(tmp_path / "r.md"))
    assert written.stderr.splitlines()[-1] + "\n" == warning.format(n=1, ids=reviewed["hostile"])
    # the internal report flags them itself; a report without them has nothing to say
    assert run("export", "--format", "html", "--audience", "internal").stderr == ""
    assert run("export", "--format", "html", "--approved-only").stderr == ""
    run("attach", str(reviewed["hostile"]), str(tmp_path / "customs.html"))
    assert run("export", "--format", "html").stderr == ""


def test_the_legend_is_headed_in_the_readers_words(run: Run, reviewed: dict[str, int]) -> None:
    """A claim only marked (v / x) is published on the statuses scale, whose title is the
    desk's word ("Workflow statuses"): the reader is told what the verdicts mean."""
    for fmt in ("html", "markdown"):
        page = export(run, "--format", fmt, "--audience", "public", "--status", "all")
        assert "Workflow" not in page and "Ratings:" not in page
        assert "What the verdicts mean" in page
        assert "What the ratings mean (Six-point scale)" in page
