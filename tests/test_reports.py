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

import jsonschema
import pytest
from lxml import html as lxml_html

from tests.conftest import SEED, Run
from workbench import __version__
from workbench.report import Report
from workbench.report.markdown import escape as markdown_escape

GOLDEN = Path(__file__).parent / "golden"
HOSTILE_CLAIM = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://x","y")'
SOURCE_PAGE = """<html><head><title>Customs data 2025</title></head><body><article>
<p>Official customs figures show bilateral trade between India and China reached $155.6bn in 2025.</p>
<p>The deficit widened to $116.1 billion.</p></article></body></html>"""


@pytest.fixture
def reviewed(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """The seed article reviewed, and a hostile one: the database every format is made from.
    The trade claim is rated and approved; the toll and the hostile claim only marked."""
    monkeypatch.setenv("WORKBENCH_ORGANISATION", "Example Fact Check")
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
    note = "Customs data rounds to $155.6bn.\n\nThe ministry's table 3 gives the exact figure."
    assert run("rate", str(trade), "Mostly true", "--note", note).exit_code == 0
    assert run("--reviewer", "bob", "approve", str(trade)).exit_code == 0
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
    ("args", "name"),
    [
        (["--format", "md", "--status", "all"], "report.md"),
        (["--format", "md", "--status", "decided", "--audience", "public"], "report.public.md"),
        (["--format", "html", "--status", "decided"], "report.html"),
        (["--format", "json", "--status", "all"], "report.json"),
        (["--format", "csv", "--status", "all"], "report.csv"),
        (["--format", "claimreview"], "claimreview.jsonld"),
    ],
)
def test_golden_report(
    args: list[str], name: str, run: Run, reviewed: dict[str, int], tmp_path: Path
) -> None:
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
    page = export(run, "--format", "html", "--status", "decided", "--audience", "internal")
    reviews = json.loads(
        export(run, "--format", "claimreview", "--report-url", "https://f.example/r")
    )
    assert len(reviews) == 3
    trade = decided[reviewed["trade"]]
    [evidence] = trade.evidence
    for text in (markdown, page):
        assert evidence.source.sha256 is not None and evidence.source.sha256 in text
        assert "Customs data 2025" in text and "Customs data rounds to $155.6bn." in text
        assert "approved by bob" in text
    assert evidence.excerpt.startswith("Official customs figures")
    assert "Official customs figures" in markdown and "Official customs figures" in page
    assert decided[reviewed["toll"]].flags == ["no-evidence"] and trade.flags == []
    assert (
        "decided with no evidence attached" in markdown
        and "Decided with no evidence attached" in page
    )


def public_facts(run: Run) -> dict[str, dict[str, set[str]]]:
    """What each public format says of each claim: rating, claimant, summary, sources."""
    args = ("--status", "decided", "--audience", "public")
    data = json.loads(export(run, "--format", "json", *args))
    assert data["audience"] == "public"
    claims = [c for article in data["articles"] for c in article["claims"]]
    facts: dict[str, dict[str, set[str]]] = {}
    for claim in claims:
        facts[claim["text"]] = {
            "rating": {claim["rating"]["label"]},
            "claimant": {claim["claimant"]["name"]} if claim["claimant"] else set(),
            "summary": {claim["summary"]} if claim["summary"] else set(),
            "sources": {e["source"]["title"] for e in claim["evidence"]},
            "urls": {e["source"]["final_url"] for e in claim["evidence"]},
        }
    return facts


def test_every_public_format_carries_the_same_facts(run: Run, reviewed: dict[str, int]) -> None:
    facts = public_facts(run)
    args = ("--status", "decided", "--audience", "public")
    markdown = export(run, "--format", "md", *args)
    page = lxml_html.fromstring(export(run, "--format", "html", *args))
    rows = list(csv.DictReader(io.StringIO(export(run, "--format", "csv", *args))))
    reviews = {
        r["claimReviewed"]: r
        for r in json.loads(
            export(run, "--format", "claimreview", "--report-url", "https://f.example/r")
        )
    }
    cards = {
        card.findtext("h4").split(". ", 1)[1]: card for card in page.xpath("//article[@class]")
    }
    assert set(cards) == set(facts) == {r["claim"] for r in rows}
    assert set(reviews) == set(facts)
    for text, fact in facts.items():
        card = " ".join(cards[text].itertext())
        in_csv = [r for r in rows if r["claim"] == text]
        review = reviews[text]
        assert fact["rating"] == {r["rating"] for r in in_csv}
        assert fact["rating"] == {review["reviewRating"]["alternateName"]}
        assert all(label in card for label in fact["rating"])
        for name in fact["claimant"]:
            assert name in card and {r["claimant"] for r in in_csv} == {name}
            assert f"claimed by {name}" in markdown
            assert review["itemReviewed"].get("author", {"name": name})["name"] == name
        for summary in fact["summary"]:
            assert summary in card and summary in markdown
            inert = "'" + summary if summary.startswith("=") else summary  # formula-proof
            assert {r["summary"] for r in in_csv} == {inert}
            assert review["reviewRating"]["ratingExplanation"] == summary
        for title in fact["sources"]:
            assert (
                title in card and title in markdown and title in {r["source_title"] for r in in_csv}
            )
    trade = facts[next(t for t in facts if "$155.62" in t)]
    assert trade["summary"] == {"Customs data rounds to $155.6bn."}  # the first paragraph
    assert trade["claimant"] == {"The Example Times"} and trade["rating"] == {"Mostly true"}


def test_hostile_data_is_inert_in_every_format(run: Run, reviewed: dict[str, int]) -> None:
    markdown = export(run, "--status", "all")
    assert re.search(r"(?<!\\)<(script|img)", markdown) is None  # every tag from data escaped
    assert r"\<script>alert(1)\</script>" in markdown
    for audience in ("public", "internal"):
        page = export(run, "--format", "html", "--status", "all", "--audience", audience)
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
    reviews_text = export(run, "--format", "claimreview", "--report-url", "https://f.example/r")
    assert "<" not in reviews_text and ">" not in reviews_text
    assert any(r["claimReviewed"].startswith(HOSTILE_CLAIM) for r in json.loads(reviews_text))


def test_json_schema_describes_the_json_report(run: Run, reviewed: dict[str, int]) -> None:
    schema = json.loads(export(run, "--schema"))
    assert schema["title"] == "Report" and "articles" in schema["properties"]
    for audience in ("internal", "public"):
        report = json.loads(export(run, "--format", "json", "--audience", audience))
        jsonschema.validate(report, schema)
        Report.model_validate(report)


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
    # the public page and the kept copies of its sources, nothing else
    assert sorted(p.name for p in target.parent.iterdir()) == ["report-sources", "report.html"]
    assert [p.name for p in (target.parent / "report-sources").iterdir()] == ["source-1.html"]


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
