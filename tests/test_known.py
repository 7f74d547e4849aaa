"""Known claims: importing ClaimReview in its shapes, hostile feeds, matching claims."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Run, file_digest


def review(number: int, claim: str, rating: str = "False", **extra: Any) -> dict[str, Any]:
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"https://checks.example/{number}",
        "claimReviewed": claim,
        "name": f"Check {number}",
        "datePublished": "2024-03-0" + str(number % 9 + 1),
        "author": {"@type": "Organization", "name": "Example Checks"},
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "A. Senator"},
            "datePublished": "2024-02-01",
            "appearance": {"@type": "CreativeWork", "url": "https://video.example/1"},
        },
        "reviewRating": {
            "@type": "Rating",
            "alternateName": rating,
            "ratingValue": 2,
            "bestRating": 6,
            "worstRating": 1,
        },
        "inLanguage": "en",
        **extra,
    }


CLAIMS = [
    "India's trade deficit with China hit a record high of $85 billion in 2024.",
    "The city's murder rate fell by more than 10% over two years.",
    "Flu shots cause a 4,250% increase in fetal deaths.",
]


# an article sentence that repeats the third fact-check's claim in other words
REPEATED = "Flu shots cause a 4,250 percent increase in fetal deaths, the post said.\n"


def reviews() -> list[dict[str, Any]]:
    """The three fact-checks of CLAIMS as ClaimReview records."""
    return [review(i, claim) for i, claim in enumerate(CLAIMS)]


def import_claims(run: Run) -> None:
    """Import the three fact-checks of CLAIMS."""
    run("factchecks", "import", "-", input=json.dumps(reviews()))


def shapes() -> dict[str, bytes]:
    items = reviews()
    blocks = "".join(
        f'<script type="application/ld+json">{json.dumps(item)}</script>' for item in items
    )
    return {
        "list.json": json.dumps(items).encode(),
        "lines.jsonl": "\n".join(json.dumps(i) for i in items).encode(),
        "graph.json": json.dumps({"@context": "https://schema.org", "@graph": items}).encode(),
        "feed.json": json.dumps({"dataFeedElement": [{"item": [i]} for i in items]}).encode(),
        "page.html": f"<html><head>{blocks}</head><body><p>x</p></body></html>".encode(),
    }


@pytest.mark.parametrize("name", sorted(shapes()))
def test_every_shape_imports_the_same_fact_checks(run: Run, tmp_path: Path, name: str) -> None:
    source = tmp_path / name
    source.write_bytes(shapes()[name])
    result = run("factchecks", "import", str(source))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("imported 3, updated 0, unchanged 0, skipped 0")
    rows = run.json("factchecks", "--json")
    by_url = {r["url"]: r for r in rows}
    first = by_url["https://checks.example/0"]
    assert first["claim_reviewed"] == CLAIMS[0]
    assert first["claimant"] == "A. Senator"
    assert first["publisher"] == "Example Checks"
    assert first["rating"] == "False"
    assert (first["rating_value"], first["best_rating"], first["worst_rating"]) == (2, 6, 1)
    assert first["appearance"] == "https://video.example/1"
    assert first["claim_date"] == "2024-02-01"
    assert first["language"] == "en"


def test_a_single_object_and_stdin(run: Run) -> None:
    result = run("factchecks", "import", "-", input=json.dumps(review(7, CLAIMS[1])))
    assert result.exit_code == 0, result.stderr
    assert [r["url"] for r in run.json("factchecks", "--json")] == ["https://checks.example/7"]


def test_url_is_the_key_reimport_updates_and_skips_are_counted(run: Run, tmp_path: Path) -> None:
    first = tmp_path / "a.jsonl"
    first.write_text("\n".join(json.dumps(review(i, c)) for i, c in enumerate(CLAIMS)))
    assert run("factchecks", "import", str(first)).exit_code == 0
    changed = [review(0, CLAIMS[0], rating="Mostly False"), review(1, CLAIMS[1])]
    changed += [{"@type": "ClaimReview", "url": "https://checks.example/9"}]
    changed += [{"@type": "ClaimReview", "claimReviewed": "no url here"}]
    changed += [{"@type": "WebPage", "url": "https://checks.example/page"}]
    second = tmp_path / "b.json"
    second.write_text(json.dumps(changed))
    result = run("factchecks", "import", str(second), "--json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["imported"], report["updated"], report["unchanged"]) == (0, 1, 1)
    assert report["skipped_reasons"] == {
        "no claimReviewed": 1,
        "no url": 1,
        "not a ClaimReview": 1,
    }
    rows = run.json("factchecks", "--json")
    assert len(rows) == 3
    assert {r["url"]: r["rating"] for r in rows}["https://checks.example/0"] == "Mostly False"


def broken_inputs() -> dict[str, bytes]:
    good = json.dumps(review(1, CLAIMS[0]))
    return {
        "truncated": good[:-5].encode(),
        "broken line": (good + "\n{not json\n" + good).encode(),
        "nested": b"[" * 100_000 + b"]" * 100_000,
        "not utf-8": b"\xff\xfe\x00garbage",
        "html without json-ld": b"<html><body>nothing</body></html>",
        "empty": b"  \n",
        "only wrong types": json.dumps(
            [{"@type": "ClaimReview", "url": ["x"], "claimReviewed": {"a": 1}}]
        ).encode(),
        "one record of 10 MB": json.dumps(review(1, "x" * 10_000_000)).encode(),
    }


@pytest.mark.parametrize("case", sorted(broken_inputs()))
def test_a_broken_feed_changes_nothing(run: Run, tmp_path: Path, case: str) -> None:
    run("factchecks", "import", "-", input=json.dumps(review(8, CLAIMS[2])))
    before = file_digest(run.db)
    source = tmp_path / "feed.json"
    source.write_bytes(broken_inputs()[case])
    result = run("factchecks", "import", str(source))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert file_digest(run.db) == before


def test_markup_and_escapes_are_inert(run: Run, tmp_path: Path) -> None:
    hostile = "[bold red]boom[/] <script>alert(1)</script> \x1b[2J\x1b]0;title\x07 \x9b31m"
    item = review(1, "Claim " + hostile, rating=hostile)
    item["name"] = hostile
    item["itemReviewed"]["author"]["name"] = hostile
    item["author"]["name"] = hostile
    source = tmp_path / "h.json"
    source.write_text(json.dumps(item))
    assert run("factchecks", "import", str(source)).exit_code == 0
    listed = run("factchecks")
    assert "\x1b" not in listed.stdout and "\x07" not in listed.stdout
    assert "\x9b" not in listed.stdout
    assert "[bold red]boom[/] <script>alert(1)</script>" in listed.stdout
    row = run.json("factchecks", "--json")[0]
    assert all("\x1b" not in str(v) for v in row.values())


def test_wrong_types_are_skipped_one_by_one(run: Run, tmp_path: Path) -> None:
    items = [
        review(1, CLAIMS[0]),
        {**review(2, CLAIMS[1]), "claimReviewed": ["a list"]},
        {**review(3, CLAIMS[2]), "url": 42},
        {**review(4, CLAIMS[2]), "reviewRating": "False", "author": 5},
        "a string",
    ]
    source = tmp_path / "t.json"
    source.write_text(json.dumps(items))
    report = run.json("factchecks", "import", str(source), "--json")
    assert report["imported"] == 2
    assert report["skipped_reasons"] == {
        "claimReviewed is not text": 1,
        "url is not http(s)": 1,
        "not a JSON object": 1,
    }


def test_a_page_with_a_thousand_json_ld_blocks(run: Run, tmp_path: Path) -> None:
    blocks = "".join(
        f'<script type="application/ld+json">{json.dumps(review(i, f"Claim number {i} about taxes"))}</script>'
        for i in range(1000)
    )
    page = tmp_path / "p.html"
    page.write_text(f"<html><head>{blocks}</head></html>")
    report = run.json("factchecks", "import", str(page), "--json")
    assert report["imported"] == 1000
    # so many are indexed for search in one statement: all of them, and the ones after
    found = run.json("search", "number 537", "--json")["factchecks"]
    assert [f["url"] for f in found] == ["https://checks.example/537"]
    run("factchecks", "import", "-", input=json.dumps(review(2000, "Tariffs doubled in 1931")))
    assert len(run.json("search", "tariffs", "--json")["factchecks"]) == 1
    checks = {c["check"]: c["ok"] for c in run.json("doctor", "--json")}
    assert checks["full-text index factchecks_fts"] is True


def test_import_from_a_url(run: Run, httpserver: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBENCH_ALLOW_PRIVATE", "1")
    blocks = "".join(
        f'<script type="application/ld+json">{json.dumps(review(i, c))}</script>'
        for i, c in enumerate(CLAIMS)
    )
    httpserver.expect_request("/checks").respond_with_data(
        f"<html><head>{blocks}</head></html>", content_type="text/html"
    )
    result = run("factchecks", "import", httpserver.url_for("/checks"))
    assert result.exit_code == 0, result.stderr
    assert len(run.json("factchecks", "--json")) == 3


def test_search_and_doctor_cover_fact_checks(run: Run, tmp_path: Path) -> None:
    import_claims(run)
    found = run.json("search", "fetal deaths", "--json")
    assert [f["url"] for f in found["factchecks"]] == ["https://checks.example/2"]
    assert "fetal deaths" in run("search", "fetal deaths").stdout
    checks = {c["check"]: c["ok"] for c in run.json("doctor", "--json")}
    assert checks["full-text index factchecks_fts"] is True


def test_a_paraphrase_is_checked_before_and_matched(run: Run, tmp_path: Path) -> None:
    import_claims(run)
    article = tmp_path / "a.txt"
    article.write_text(
        "India's trade deficit with China reached an all-time high of $85 billion in 2024,"
        " the ministry said.\n\nThe weather was pleasant in Delhi on Monday.\n\n"
        "Flu shots cause a 4,250 percent increase in fetal deaths, the post said.\n"
    )
    imported = run("import", str(article), "--json")
    # the repeated claim and the paraphrase ("all-time high" / "record high", the same
    # figure, countries and year) are strong matches; the weather is not
    assert json.loads(imported.stdout)["checked_before"] == 2
    claims = run.json("claims", "--json")
    flu = next(c for c in claims if "fetal" in c["text"])
    deficit = next(c for c in claims if "deficit" in c["text"])
    # kept with the claims, for the review screen to read: the best first
    assert kept_matches(run.db)[flu["id"]][0] == ("factcheck", 3, True)
    assert kept_matches(run.db)[deficit["id"]][0] == ("factcheck", 1, True)
    strong = {c for c, found in kept_matches(run.db).items() if found[0][2]}
    assert strong == {flu["id"], deficit["id"]}
    matches = run.json("similar", str(flu["id"]), "--json")
    assert matches[0]["url"] == "https://checks.example/2" and matches[0]["strong"] is True
    matches = run.json("similar", str(deficit["id"]), "--json")
    assert matches[0]["kind"] == "factcheck"
    assert matches[0]["url"] == "https://checks.example/0"
    assert matches[0]["verdict"] == "False" and matches[0]["score"] > 0.9
    assert matches[0]["score"] > 10 * matches[1]["score"]
    assert matches[0]["who"] == "Example Checks"
    weather = next(c for c in claims if "weather" in c["text"])
    assert not any(m["strong"] for m in run.json("similar", str(weather["id"]), "--json"))
    # `similar --json` lists the nearest whatever they are; the screen is shown none of
    # them, and neither is a reader of `similar` (they read as matches at "0.00 weak")
    assert weather["id"] not in kept_matches(run.db)
    shown = run("similar", str(weather["id"]))
    assert shown.stdout == "" and shown.stderr.startswith("nothing similar: ")
    listed = len(run.json("similar", str(weather["id"]), "--json"))
    assert shown.stderr.endswith(f"({listed} more under 0.05 not shown; --json lists them)\n")


def kept_matches(db: Path) -> dict[int, list[tuple[str, int, bool]]]:
    """The matches the database keeps per claim: (kind, ref, strong), best first."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT claim_id, factcheck_id, earlier_claim_id, strong FROM claim_matches"
            " ORDER BY claim_id, score DESC"
        ).fetchall()
    kept: dict[int, list[tuple[str, int, bool]]] = {}
    for claim, factcheck, earlier, strong in rows:
        found = ("factcheck", factcheck) if factcheck else ("claim", earlier)
        kept.setdefault(claim, []).append((*found, bool(strong)))
    return kept


def test_kept_matches_follow_later_feeds_and_edits(run: Run, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(REPEATED)
    assert json.loads(run("import", str(article), "--json").stdout)["checked_before"] == 0
    assert kept_matches(run.db) == {}  # nothing to match against yet
    feed = json.dumps(reviews())
    result = run("factchecks", "import", "-", input=feed)
    assert "1 claims match earlier checks" in result.stderr
    [claim] = run.json("claims", "--json")
    assert kept_matches(run.db)[claim["id"]][0] == ("factcheck", 3, True)
    # new words, new matches: the kept ones go with the old wording
    assert run("edit", str(claim["id"]), "The harbour bridge opened in 1932.").exit_code == 0
    assert kept_matches(run.db) == {}


def test_fact_checks_imported_before_their_field_vectors_match_the_same(
    run: Run, tmp_path: Path
) -> None:
    import_claims(run)
    article = tmp_path / "a.txt"
    article.write_text(REPEATED)
    run("import", str(article))
    [claim] = run.json("claims", "--json")
    now = run.json("similar", str(claim["id"]), "--json")
    with sqlite3.connect(run.db) as conn:  # as an import before migration 010 kept them
        conn.execute("UPDATE factchecks SET embedding = substr(embedding, 1, 512)")
    before = run.json("similar", str(claim["id"]), "--json")
    assert [m["ref"] for m in before] == [m["ref"] for m in now]
    assert before[0]["score"] == pytest.approx(now[0]["score"], abs=0.01)


def test_a_decided_claim_of_another_article_is_matched(run: Run, tmp_path: Path) -> None:
    first = tmp_path / "one.txt"
    first.write_text("The national debt rose to 34 trillion dollars in January 2024.\n")
    run("import", str(first))
    claim = run.json("claims", "--json")[0]
    run("mark", str(claim["id"]), "disputed", "--note", "Treasury says 33.9")
    second = tmp_path / "two.txt"
    second.write_text("In January 2024 the national debt climbed to 34 trillion dollars.\n")
    run("import", str(second))
    other = next(c for c in run.json("claims", "--json") if c["article_id"] != claim["article_id"])
    matches = run.json("similar", str(other["id"]), "--json")
    assert matches[0]["kind"] == "claim" and matches[0]["ref"] == claim["id"]
    assert matches[0]["verdict"] == "disputed"
    assert matches[0]["rationale"] == "Treasury says 33.9"
    # a claim is never matched with itself or with its own article
    assert all(m["ref"] != claim["id"] for m in run.json("similar", str(claim["id"]), "--json"))


def test_match_jsonl_streams_in_order(run: Run) -> None:
    import_claims(run)
    lines = [
        {"id": "b", "text": "flu vaccines raise fetal deaths by 4,250 percent"},
        {"id": 1, "text": "murders in the city dropped more than 10% in two years"},
    ]
    result = run("match", "--jsonl", input="\n".join(json.dumps(x) for x in lines) + "\n[1,2\n")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: line 3:")
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["b", 1]
    assert out[0]["matches"][0]["url"] == "https://checks.example/2"
    assert out[1]["matches"][0]["url"] == "https://checks.example/1"
    assert set(out[0]["matches"][0]) >= {"kind", "ref", "url", "text", "verdict", "score"}


def test_a_factchecks_import_is_not_undone_as_a_reviewers_change(run: Run) -> None:
    run("factchecks", "import", "-", input=json.dumps(review(1, CLAIMS[0])))
    result = run("undo")
    assert result.exit_code == 1 and "nothing to undo" in result.stderr
    assert len(run.json("factchecks", "--json")) == 1


def test_the_core_and_the_review_screen_do_not_load_matching() -> None:
    code = (
        "import sys, json, workbench.core, workbench.cli.commands, workbench.tui.app\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith(('workbench.known',"
        " 'numpy', 'tokenizers')))))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert json.loads(out.stdout) == []


def test_adopting_a_fact_check_and_an_earlier_decision_is_undoable(
    run: Run, tmp_path: Path
) -> None:
    import_claims(run)
    first = tmp_path / "one.txt"
    first.write_text(REPEATED)
    run("import", str(first))
    claim = run.json("claims", "--json")[0]
    top = run.json("similar", str(claim["id"]), "--json")[0]
    adopted = run("adopt", str(claim["id"]), f"factcheck:{top['ref']}")
    assert adopted.exit_code == 0, adopted.stderr
    shown = run.json("show", str(claim["id"]), "--json")
    [evidence] = shown["evidence"]
    assert evidence["stance"] == "refutes"  # rated False, 2 on a 1-6 scale
    assert evidence["excerpt"] == CLAIMS[2]
    assert top["url"] in (evidence.get("final_url"), evidence.get("requested"))
    run("mark", str(claim["id"]), "disputed", "--note", "PolitiFact rated it False")
    second = tmp_path / "two.txt"
    second.write_text("A 4,250 percent rise in fetal deaths follows flu shots, she wrote.\n")
    run("import", str(second))
    other = next(c for c in run.json("claims", "--json") if c["id"] != claim["id"])
    assert run("adopt", str(other["id"]), f"claim:{claim['id']}").exit_code == 0
    copied = run.json("show", str(other["id"]), "--json")["claim"]
    assert copied["status"] == "disputed"
    assert copied["rationale"] == (
        f"PolitiFact rated it False — as decided for claim {claim['id']}"
        f" (article {claim['article_id']})"
    )
    assert run("undo").exit_code == 0
    assert run.json("show", str(other["id"]), "--json")["claim"]["status"] == "unverified"
    bad = run("adopt", str(other["id"]), "nothing:1")
    assert bad.exit_code == 1 and bad.stderr.startswith("error: give the match as")


async def test_review_screen_shows_checked_before_and_c_adopts(run: Run, tmp_path: Path) -> None:
    from tests.test_tui import SIZE, app_for, claim_list
    from workbench.tui.checked import CheckedBefore

    hostile = review(9, "Flu shots cause a 4,250% increase in fetal deaths.", rating="[red]False")
    run("factchecks", "import", "-", input=json.dumps([review(0, CLAIMS[0]), hostile]))
    article = tmp_path / "a.txt"
    article.write_text(REPEATED)
    run("import", str(article))
    app = app_for(run.db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        section = app.screen.query_one(CheckedBefore)
        shown = str(section.render())
        assert "Checked before" in shown and "◆ strong" in shown
        assert "[red]False" in shown  # the rating is data, shown literally
        assert section.matches[0].url == "https://checks.example/9"
        claim = claim_list(app).current
        assert claim is not None
        # the list marks the claim that was checked before, from the kept matches
        assert claim_list(app).render_line(0).text.startswith("◆·")
        await pilot.press("enter")  # the detail view shows the same matches
        await pilot.pause()
        detail = " ".join(str(s.render()) for s in app.screen.query("Static"))
        assert "Checked before" in detail and "https://checks.example/9" in detail
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
    shown_claim = run.json("show", str(claim.id), "--json")
    assert [e["excerpt"] for e in shown_claim["evidence"]] == [hostile["claimReviewed"]]
    assert run("undo").exit_code == 0
    assert run.json("show", str(claim.id), "--json")["evidence"] == []
