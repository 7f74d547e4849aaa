"""Reports in every format from one fixed database: golden files, escaping of hostile data,
the HTML in headless Chromium, ClaimReview validated against its model."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import html as lxml_html

from tests.conftest import SEED, Run
from workbench import __version__
from workbench.report import Report
from workbench.report.claimreview import ClaimReview
from workbench.report.markdown import escape as markdown_escape

GOLDEN = Path(__file__).parent / "golden"
HOSTILE_CLAIM = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://x","y")'
SOURCE_PAGE = """<html><head><title>Customs data 2025</title></head><body><article>
<p>Official customs figures show bilateral trade between India and China reached $155.6bn in 2025.</p>
<p>The deficit widened to $116.1 billion.</p></article></body></html>"""


@pytest.fixture
def reviewed(run: Run, tmp_path: Path) -> dict[str, int]:
    """The seed article reviewed, and a hostile one: the database every format is made from."""
    run(
        "import",
        str(SEED),
        "--title",
        "India and China review ties",
        "--url",
        "https://news.example.org/india-china?id=1&ref=x",
        "--outlet",
        "The Example Times",
        "--published",
        "2026-02-10",
    )
    run("import", "-", "--title", '<img src=x onerror="alert(2)">', input=HOSTILE_CLAIM + "\n")
    claims = run.json("claims", "--json")
    trade = next(c["id"] for c in claims if "$155.62" in c["text"])
    toll = next(c["id"] for c in claims if "killed 20" in c["text"])
    hostile = next(c["id"] for c in claims if "<script>" in c["text"])
    page = tmp_path / "customs.html"
    page.write_text(SOURCE_PAGE, encoding="utf-8")
    run("attach", str(trade), str(page), "--stance", "supports", "--note", "table 3 | row 2")
    run("mark", str(trade), "verified", "--note", "Customs data rounds to $155.6bn.")
    run(
        "mark",
        str(toll),
        "disputed",
        "--note",
        "Army statement gives 20; China's toll is unconfirmed.",
    )
    run("mark", str(hostile), "verified", "--note", FORMULA)
    return {"trade": trade, "toll": toll, "hostile": hostile}


def export(run: Run, *args: str) -> str:
    result = run("export", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def normalise(text: str, tmp_path: Path) -> str:
    """Replace what differs from run to run: times, today's date, paths, the version."""
    today = datetime.now(UTC).date().isoformat()
    text = text.replace(str(tmp_path), "<TMP>").replace(markdown_escape(str(tmp_path)), "<TMP>")
    text = re.sub(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d+)?)?(\+00:00|Z)?", "<TIME>", text)
    text = text.replace(today, "<TODAY>")
    return text.replace(__version__, "<VERSION>")


@pytest.mark.parametrize(
    ("fmt", "name"),
    [
        ("md", "report.md"),
        ("html", "report.html"),
        ("json", "report.json"),
        ("csv", "report.csv"),
        ("claimreview", "claimreview.json"),
    ],
)
def test_golden_report(
    fmt: str, name: str, run: Run, reviewed: dict[str, int], tmp_path: Path
) -> None:
    args = ["--format", fmt, "--status", "all"] if fmt != "claimreview" else ["--format", fmt]
    output = normalise(
        export(run, *args, "--report-url", "https://factcheck.example.org/r/7"), tmp_path
    )
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(output, encoding="utf-8")
    assert output == golden.read_text(encoding="utf-8")


def test_every_format_carries_the_same_facts(run: Run, reviewed: dict[str, int]) -> None:
    report = Report.model_validate_json(export(run, "--format", "json", "--status", "decided"))
    decided = {c.id: c for article in report.articles for c in article.claims}
    assert set(decided) == set(reviewed.values())
    rows = list(csv.DictReader(io.StringIO(export(run, "--format", "csv", "--status", "decided"))))
    assert {int(r["claim_id"]) for r in rows} == set(decided)
    markdown = export(run, "--status", "decided")
    page = export(run, "--format", "html", "--status", "decided")
    reviews = json.loads(
        export(run, "--format", "claimreview", "--report-url", "https://f.example/r")
    )
    assert len(reviews) == 3
    trade = decided[reviewed["trade"]]
    [evidence] = trade.evidence
    for text in (markdown, page):
        assert evidence.source.sha256 in text and "Customs data 2025" in text
        assert "Customs data rounds to $155.6bn." in text
    assert evidence.excerpt.startswith("Official customs figures")
    assert "Official customs figures" in markdown and "Official customs figures" in page
    assert decided[reviewed["toll"]].flags == ["no-evidence"] and trade.flags == []
    assert (
        "decided with no evidence attached" in markdown
        and "Decided with no evidence attached" in page
    )


def test_hostile_data_is_inert_in_every_format(run: Run, reviewed: dict[str, int]) -> None:
    markdown = export(run, "--status", "all")
    assert re.search(r"(?<!\\)<(script|img)", markdown) is None  # every < from data escaped
    assert r"\<script\>alert\(1\)\</script\>" in markdown
    page = export(run, "--format", "html", "--status", "all")
    tree = lxml_html.fromstring(page)
    assert tree.xpath("//script") == [] and tree.xpath("//img") == []
    assert any(HOSTILE_CLAIM in text for text in tree.xpath("//h4/text()"))
    assert FORMULA in page.replace("&#34;", '"')
    rows = list(csv.DictReader(io.StringIO(export(run, "--format", "csv", "--status", "all"))))
    [hostile_row] = [r for r in rows if r["claim_id"] == str(reviewed["hostile"])]
    assert hostile_row["rationale"] == "'" + FORMULA
    assert not any(v.startswith(("=", "+", "-", "@")) for r in rows for v in r.values())
    data = json.loads(export(run, "--format", "json", "--status", "all"))
    assert any(c["rationale"] == FORMULA for a in data["articles"] for c in a["claims"])
    reviews_text = export(run, "--format", "claimreview")
    assert "<" not in reviews_text and ">" not in reviews_text
    assert any(r["claimReviewed"].startswith(HOSTILE_CLAIM) for r in json.loads(reviews_text))


def test_claimreview_validates_against_its_model(run: Run, reviewed: dict[str, int]) -> None:
    reviews = json.loads(
        export(run, "--format", "claimreview", "--report-url", "https://f.example/r/7")
    )
    models = [ClaimReview.model_validate(item) for item in reviews]
    by_claim = {m.url: m for m in models}
    trade = by_claim[f"https://f.example/r/7#claim-{reviewed['trade']}"]
    assert trade.reviewRating.model_dump() == {
        "type": "Rating",
        "ratingValue": 5,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "Verified",
    }
    assert trade.itemReviewed.appearance is not None
    assert trade.itemReviewed.appearance.url == "https://news.example.org/india-china?id=1&ref=x"
    assert trade.itemReviewed.datePublished == "2026-02-10"
    assert (
        trade.itemReviewed.author is not None
        and trade.itemReviewed.author.name == "The Example Times"
    )
    assert trade.author.name == "alice"
    toll = by_claim[f"https://f.example/r/7#claim-{reviewed['toll']}"]
    assert (toll.reviewRating.ratingValue, toll.reviewRating.alternateName) == (1, "Disputed")
    for item in reviews:
        assert {
            "@context",
            "@type",
            "claimReviewed",
            "reviewRating",
            "itemReviewed",
            "author",
            "datePublished",
            "url",
        } <= set(item)


def test_organisation_from_settings_is_the_author(
    run: Run, reviewed: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORKBENCH_ORGANISATION", "Example Fact Check")
    reviews = json.loads(export(run, "--format", "claimreview"))
    assert {r["author"]["name"] for r in reviews} == {"Example Fact Check"}
    assert {r["author"]["@type"] for r in reviews} == {"Organization"}


def test_json_schema_describes_the_json_report(run: Run, reviewed: dict[str, int]) -> None:
    schema = json.loads(export(run, "--schema"))
    assert schema["title"] == "Report" and "articles" in schema["properties"]
    Report.model_validate_json(export(run, "--format", "json"))


def test_selection_by_status_and_article(run: Run, reviewed: dict[str, int]) -> None:
    verified = json.loads(export(run, "--format", "json"))
    assert {c["verdict"] for a in verified["articles"] for c in a["claims"]} == {"verified"}
    assert len(verified["articles"]) == 2
    one = json.loads(export(run, "--format", "json", "--status", "all", "--article", "1"))
    [article] = one["articles"]
    verdicts = [c["verdict"] for c in article["claims"]]
    assert verdicts == sorted(verdicts, key=["verified", "disputed", "unverified"].index)
    assert (
        len(verdicts)
        == article["counts"]["verified"]
        + article["counts"]["disputed"]
        + article["counts"]["unverified"]
    )


def test_output_file_is_written_whole_or_not_at_all(
    run: Run, reviewed: dict[str, int], tmp_path: Path
) -> None:
    target = tmp_path / "out" / "report.html"
    target.parent.mkdir()
    target.write_text("previous report")
    failed = run("export", "--format", "html", "--article", "99", "-o", str(target))
    assert failed.exit_code == 1 and "no article 99" in failed.stderr
    assert target.read_text() == "previous report"
    assert run("export", "--format", "html", "-o", str(target)).exit_code == 0
    assert target.read_text().startswith("<!doctype html>")
    assert [p.name for p in target.parent.iterdir()] == ["report.html"]


CHROMIUM = (
    shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
)


def open_in_chromium(page: Path, workdir: Path) -> tuple[str, set[str]]:
    """The DOM after the page loaded, and the URLs the page itself requested (the
    browser's own background requests, which have no page initiator, left out)."""
    assert CHROMIUM is not None
    netlog = workdir / f"{page.stem}.netlog.json"
    dom = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={workdir / 'profile'}",
            f"--log-net-log={netlog}",
            "--virtual-time-budget=3000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    log = json.loads(netlog.read_text(errors="replace"))
    start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    requested = {
        event["params"]["url"]
        for event in log["events"]
        if event["type"] == start_job
        and "url" in event.get("params", {})
        and event["params"].get("initiator") != "not an origin"
    }
    return dom, requested


@pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("WORKBENCH_REQUIRE_BROWSER"),
    reason="needs Chromium (apt-get install chromium); CI installs it and requires this test",
)
def test_html_in_headless_chromium_runs_no_script_and_requests_nothing(
    run: Run, reviewed: dict[str, int], tmp_path: Path
) -> None:
    probe = tmp_path / "probe.html"  # the detector must see a request when there is one
    probe.write_text('<html><body><img src="http://127.0.0.1:9/probe.png"></body></html>')
    assert open_in_chromium(probe, tmp_path)[1] == {"http://127.0.0.1:9/probe.png"}
    page = tmp_path / "report.html"
    assert run("export", "--format", "html", "--status", "all", "-o", str(page)).exit_code == 0
    dom, requested = open_in_chromium(page, tmp_path)
    assert requested == set()
    tree = lxml_html.fromstring(dom)
    assert tree.xpath("//script") == [] and tree.xpath("//img") == []
    assert tree.findtext(".//title") == "All claims"
    assert any(HOSTILE_CLAIM in text for text in tree.xpath("//h4/text()"))
