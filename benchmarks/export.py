"""Export of 100,000 claims with 200,000 evidence items in every format: time and peak
memory, as ratios against `sqlite-utils query --json` of the same rows in the same run
(targets: <= 3 for JSON and CSV, <= 5 for HTML)."""

from __future__ import annotations

import shutil
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
TARGETS = {"json": 3, "csv": 3, "html": 5, "md": 5, "claimreview": 3}


def run(quick: bool = False) -> list[dict[str, Any]]:
    claims, evidence, articles = (10_000, 20_000, 200) if quick else (100_000, 200_000, 2000)
    sqlite_utils = (
        shutil.which("sqlite-utils", path=str(Path(sys.executable).parent)) or "sqlite-utils"
    )
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "big.db"
        bigdb.build(db, articles=articles, claims=claims, evidence=evidence)
        base_time, base_peak = measure([sqlite_utils, "query", str(db), _ROWS, "--json-cols"])
        for fmt, target in TARGETS.items():
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
                    "-o",
                    str(output),
                ]
            )
            results.append(
                {
                    "name": f"export {claims // 1000}k claims, {evidence // 1000}k evidence: {fmt}",
                    "value": seconds / base_time,
                    "unit": "x sqlite-utils query --json",
                    "target": f"<= {target}",
                    "ok": seconds / base_time <= target,
                    "detail": f"{seconds:.1f} s, peak {peak:.0f} MB, {output.stat().st_size / 1e6:.0f} MB"
                    f" written; sqlite-utils {base_time:.1f} s, peak {base_peak:.0f} MB",
                }
            )
    return results
