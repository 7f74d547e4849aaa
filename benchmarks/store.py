"""The store at a million claims: each operation as a ratio against the bare SQL it
wraps, on the same database in the same run (what the store's checks, events and models
cost), with absolute times."""

from __future__ import annotations

import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import bigdb
from workbench.store import Store


def _median_ms(action: Callable[[int], Any], runs: int) -> float:
    times = []
    for index in range(runs):
        started = time.perf_counter()
        action(index)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def run(quick: bool = False) -> list[dict[str, Any]]:
    claims, articles = (100_000, 2000) if quick else (1_000_000, 20_000)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "store.db"
        started = time.perf_counter()
        bigdb.build(db, articles=articles, claims=claims, evidence=claims // 10)
        built = time.perf_counter() - started
        store = Store(db)
        bare = sqlite3.connect(db, isolation_level=None)
        bare.execute("PRAGMA synchronous = FULL")
        ids = [row[0] for row in bare.execute("SELECT id FROM claims ORDER BY random() LIMIT 200")]
        statuses = ("verified", "disputed", "unverified")

        def ours_mark(i: int) -> None:
            store.update_claim(
                ids[i % len(ids)], {"status": statuses[i % 3]}, "bench", "status", "bench"
            )

        def bare_mark(i: int) -> None:
            bare.execute("BEGIN IMMEDIATE")
            bare.execute(
                "UPDATE claims SET status = ? WHERE id = ?",
                (statuses[(i + 1) % 3], ids[i % len(ids)]),
            )
            bare.execute("COMMIT")

        article = ids[0] % articles + 1
        pairs: list[tuple[str, Callable[[int], Any], Callable[[int], Any], int]] = [
            ("mark a claim (checks, version, event) vs UPDATE", ours_mark, bare_mark, 200),
            (
                "progress of every article vs GROUP BY",
                lambda i: store.articles(),
                lambda i: bare.execute(
                    "SELECT article_id, status, dismissed, count(*) FROM claims GROUP BY 1, 2, 3"
                ).fetchall(),
                5,
            ),
            (
                "one article's claims as models vs SELECT",
                lambda i: store.claims(article_id=article),
                lambda i: bare.execute(
                    "SELECT * FROM claims WHERE article_id = ?", (article,)
                ).fetchall(),
                50,
            ),
            (
                "full-text search vs FTS MATCH",
                lambda i: store.search("exports rose 2025"),
                lambda i: bare.execute(
                    "SELECT rowid FROM claims_fts WHERE claims_fts MATCH"
                    ' \'"exports" "rose" "2025"\' ORDER BY rank LIMIT 20'
                ).fetchall(),
                20,
            ),
        ]
        for name, ours, baseline, runs in pairs:
            ours(0), baseline(0)  # warm the page cache for both
            ours_ms, base_ms = _median_ms(ours, runs), _median_ms(baseline, runs)
            results.append(
                {
                    "name": f"store at {claims // 1000}k claims: {name}",
                    "value": ours_ms / base_ms,
                    "unit": "x bare SQL",
                    "target": "-",
                    "ok": None,
                    "detail": f"{ours_ms:.2f} ms vs {base_ms:.2f} ms (median of {runs})",
                }
            )
        store.close()
        bare.close()
        results.append(
            {
                "name": f"store at {claims // 1000}k claims: database size",
                "value": db.stat().st_size / 1e6,
                "unit": "MB",
                "target": "-",
                "ok": None,
                "detail": f"built in {built:.0f} s with {claims // 10} evidence items",
            }
        )
    return results
