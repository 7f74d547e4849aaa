"""Export of 100,000 rated claims with 200,000 evidence items in every format: time and
peak memory, as ratios against `sqlite-utils query --json` of the same rows in the same
run (targets: <= 3 for JSON and CSV, <= 5 for HTML). The decided claims are rated on the
default scale, a third of them signed off and given a claimant; HTML is measured for both
audiences (the public one also writes the kept copies of its sources beside it)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks import bigdb
from benchmarks.measure import measure

_ROWS = (
    "SELECT c.*, e.stance, e.excerpt, e.note, e.created_at AS evidence_at, s.requested, n.final_url,"
    " n.title, n.fetched_at, n.raw_sha256 FROM claims c LEFT JOIN evidence e ON e.claim_id = c.id"
    " LEFT JOIN sources s ON s.id = e.source_id LEFT JOIN snapshots n ON n.id = e.snapshot_id"
    " WHERE NOT c.dismissed"
)
TARGETS = {
    "json": 3,
    "csv": 3,
    "html": 5,
    "html --audience internal": 5,
    "md": 5,
    "claimreview": 3,
}


def rate(db: Path) -> None:
    """Rate the decided claims, as a desk would have: the status's labels of the default
    scale, a claimant on every third claim, every third signed off."""
    with sqlite3.connect(db) as conn:
        conn.execute(
            "UPDATE claims SET rating_scale = 'default', rating = CASE status"
            " WHEN 'verified' THEN CASE id % 2 WHEN 0 THEN 'True' ELSE 'Mostly true' END"
            " ELSE CASE id % 2 WHEN 0 THEN 'False' ELSE 'Misleading' END END"
            " WHERE status != 'unverified'"
        )
        conn.execute(
            "UPDATE claims SET claimant = 'Ministry of Commerce', claimant_type = 'Organization',"
            " approved_by = 'editor', approved_at = decided_at"
            " WHERE status != 'unverified' AND id % 3 = 0"
        )


def run(quick: bool = False) -> list[dict[str, Any]]:
    claims, evidence, articles = (10_000, 20_000, 200) if quick else (100_000, 200_000, 2000)
    sqlite_utils = (
        shutil.which("sqlite-utils", path=str(Path(sys.executable).parent)) or "sqlite-utils"
    )
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "big.db"
        bigdb.build(db, articles=articles, claims=claims, evidence=evidence)
        rate(db)
        # ClaimReview names its publisher and its page; set for the children only
        saved = {k: os.environ.get(k) for k in ("WORKBENCH_ORGANISATION", "WORKBENCH_REPORT_URL")}
        os.environ["WORKBENCH_ORGANISATION"] = "Benchmark Fact Check"
        os.environ["WORKBENCH_REPORT_URL"] = "https://factcheck.example.org/report"
        base_time, base_peak = measure([sqlite_utils, "query", str(db), _ROWS, "--json-cols"])
        for name, target in TARGETS.items():
            fmt, *audience = name.split()
            output = Path(tmp) / f"report.{fmt}"
            seconds, peak = measure(
                [
                    sys.executable,
                    "-m",
                    "workbench",
                    "--db",
                    str(db),
                    "export",
                    "--format",
                    fmt,
                    "--status",
                    "all",
                    *audience,
                    "-o",
                    str(output),
                ]
            )
            results.append(
                {
                    "name": f"export {claims // 1000}k claims, {evidence // 1000}k evidence: {name}",
                    "value": seconds / base_time,
                    "unit": "x sqlite-utils query --json",
                    "target": f"<= {target}",
                    "ok": seconds / base_time <= target,
                    "detail": f"{seconds:.1f} s, peak {peak:.0f} MB, {output.stat().st_size / 1e6:.0f} MB"
                    f" written; sqlite-utils {base_time:.1f} s, peak {base_peak:.0f} MB",
                }
            )
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return results
