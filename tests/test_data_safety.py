"""Data loss and unsafe output found by trying the workbench as a careless user or an
attacker would (issue 16): self-merges, addresses that are not web addresses, CSV cells a
spreadsheet would run."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Run


def _one_error_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), stderr
    return lines[0]


def test_merging_a_claim_with_itself_is_refused_and_changes_nothing(
    run: Run, seeded: int, db_path: Path, digest: Callable[[Path], str]
) -> None:
    claim = run.json("claims", "--json")[0]["id"]
    run("mark", str(claim), "verified", "--note", "checked")
    before = digest(db_path)
    result = run("merge", str(claim), str(claim))
    assert result.exit_code == 1
    assert "itself" in _one_error_line(result.stderr)
    assert digest(db_path) == before
    assert run.json("show", str(claim), "--json")["claim"]["status"] == "verified"


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,<b>x</b>", "file:///etc/passwd", "http://"]
)
def test_import_accepts_only_a_web_address_as_the_article_url(
    run: Run, seeded: int, db_path: Path, digest: Callable[[Path], str], url: str
) -> None:
    before = digest(db_path)
    result = run("import", "-", "--url", url, input="The deficit grew by 4% in 2025.\n")
    assert result.exit_code == 1
    assert "http://" in _one_error_line(result.stderr)
    assert digest(db_path) == before


def test_export_accepts_only_a_web_address_as_the_report_url(
    run: Run, seeded: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    claim = run.json("claims", "--json")[0]["id"]
    run("mark", str(claim), "verified")
    out = tmp_path / "review.json"
    result = run("export", "--format", "claimreview", "--report-url", "javascript:alert(1)")
    assert result.exit_code == 1 and result.stdout == ""
    _one_error_line(result.stderr)
    monkeypatch.setenv("WORKBENCH_REPORT_URL", "javascript:alert(1)")
    result = run("export", "--format", "claimreview", "-o", str(out))
    assert result.exit_code == 1 and not out.exists()
    _one_error_line(result.stderr)
    monkeypatch.setenv("WORKBENCH_ORGANISATION", "Example Fact Check")  # ClaimReview needs it
    result = run(
        "export", "--format", "claimreview", "--report-url", "https://example.org/r", "-o", str(out)
    )
    assert result.exit_code == 0
    assert "https://example.org/r#claim-" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "rationale",
    [
        ' =HYPERLINK("http://x","y")',
        "\u3000=1+1",
        '＝HYPERLINK("http://x","y")',
        "＋1",
        "－1",
        "＠SUM(A1)",
        "\t=1",
        "\r=1",
        "\u200b=1",
    ],
)
def test_csv_cells_that_a_spreadsheet_would_run_are_made_inert(
    run: Run, seeded: int, rationale: str
) -> None:
    claim = run.json("claims", "--json")[0]["id"]
    run("mark", str(claim), "verified", "--note", rationale)
    rows = list(csv.DictReader(io.StringIO(run("export", "--format", "csv").stdout)))
    assert rows[0]["rationale"] == "'" + rationale


def test_csv_leaves_ordinary_cells_alone(run: Run, seeded: int) -> None:
    claim = run.json("claims", "--json")[0]["id"]
    run("mark", str(claim), "verified", "--note", "  a 3% rise = more trade")
    rows = list(csv.DictReader(io.StringIO(run("export", "--format", "csv").stdout)))
    assert rows[0]["rationale"] == "  a 3% rise = more trade"
