"""Known claims: matching quality on the CheckThat! dev sets (MAP@5, beside BM25 on the
same index in the same run), the cost of matching one claim against 20,000 fact-checks
(against the bare FTS5 query it starts from), importing 20,000 ClaimReviews (against
sqlite-utils inserting the same lines), and peak memory with 50,000 fact-checks.

Reads ../shared/data (never shipped); a suite whose data is absent is skipped."""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.measure import measure

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
SAMPLE = SHARED / "claimreview" / "politifact-claimreview.jsonl"
BARE_QUERY = (
    "SELECT rowid, -bm25(factchecks_fts, 1.0, 1.0, 0.2) FROM factchecks_fts"
    " WHERE factchecks_fts MATCH ? ORDER BY rank LIMIT ?"
)


def quality(name: str) -> list[dict[str, Any]]:
    import numpy as np

    from workbench.known.match import Matcher
    from workbench.store import Store
    from workbench.training.known import (
        build_database,
        candidate_lists,
        copies_of,
        load_set,
        map_at_5,
        top_trials,
    )

    data = load_set(name)
    copies = copies_of(data.documents)
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "set.db"
        doc_of = build_database(path, data.documents)
        store = Store(path)
        with store:
            matcher = Matcher(store)
            lists = candidate_lists(matcher, data.dev, doc_of)
            ours, bm25, trials, strict = {}, {}, [], []
            for query_id, (docs, rows, lexical) in lists.items():
                probabilities = matcher.model.probabilities(rows) if docs else np.zeros(0)
                ours[query_id] = [docs[i] for i in np.argsort(-probabilities)]
                bm25[query_id] = [d for d, s in zip(docs, lexical, strict=True) if s > 0]
                relevant = data.dev[query_id][1]
                # a copy of the true match (the same words, quoted otherwise) is right;
                # `strict` counts it wrong, as the lab's single relevant id does
                trials += top_trials(docs, probabilities, relevant, copies)
                strict += top_trials(docs, probabilities, relevant, {})
    ours_map, bm25_map = map_at_5(ours, data.dev), map_at_5(bm25, data.dev)
    threshold = matcher.model.strong
    strong = [right for probability, right in trials if probability >= threshold]
    right = sum(strong)
    strict_strong = [right for probability, right in strict if probability >= threshold]
    return [
        {
            "name": f"claim matching MAP@5, {name} dev ({len(data.dev)} queries)",
            "value": ours_map,
            "unit": "MAP@5",
            "target": ">= 0.88",
            "ok": ours_map >= 0.88,
            "detail": f"BM25 (FTS5, same index, same run) {bm25_map:.4f}; trained on ct2020_t2"
            " train only, never on a dev set",
        },
        {
            "name": f"'strong' matches, {name} dev, precision",
            "value": right / len(strong) if strong else None,
            "unit": "fraction right",
            "target": ">= 0.9",
            "ok": (right / len(strong) >= 0.9) if strong else None,
            "detail": f"{len(strong)} strong of {len(trials)} trials (each query as is, and again"
            f" with its true match and its copies removed), {right} right; counting a copy"
            f" of the true match wrong: {sum(strict_strong)}/{len(strict_strong)}",
        },
    ]


def _feed(path: Path, size: int) -> None:
    """`size` ClaimReview lines: the sample, repeated with new urls to reach the size."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    with path.open("w", encoding="utf-8") as out:
        for index in range(size):
            item = json.loads(lines[index % len(lines)])
            if index >= len(lines):
                item["url"] += f"#copy-{index // len(lines)}"
            out.write(json.dumps(item) + "\n")


def speed(quick: bool) -> list[dict[str, Any]]:
    rows = []
    with tempfile.TemporaryDirectory() as work:
        feed = Path(work) / "feed.jsonl"
        _feed(feed, 20_000)
        db = Path(work) / "wb.db"
        used = _children_cpu()
        ours, ours_peak = measure(
            [sys.executable, "-m", "workbench", "--db", str(db), "factchecks", "import", str(feed)]
        )
        ours_cpu = _children_cpu() - used
        bare, _ = measure(
            [
                sys.executable,
                "-m",
                "sqlite_utils",
                "insert",
                str(Path(work) / "bare.db"),
                "reviews",
                str(feed),
                "--nl",
                "--pk",
                "url",
                "--replace",
            ]
        )
        rows.append(
            {
                "name": "import 20,000 ClaimReviews",
                "value": ours,
                "unit": "s",
                "target": "<= 15",
                "ok": ours <= 15,
                "detail": f"{ours / bare:.2f}x sqlite-utils inserting the same lines ({bare:.1f} s,"
                f" no parsing, embedding or index); CPU time {ours_cpu:.1f} s; peak RSS"
                f" {ours_peak:.0f} MB",
            }
        )
        rows.append(_latency_apart(db, quick))
        if not quick:
            big = Path(work) / "big.db"
            _feed(feed, 50_000)
            _, import_peak = measure(
                [
                    sys.executable,
                    "-m",
                    "workbench",
                    "--db",
                    str(big),
                    "factchecks",
                    "import",
                    str(feed),
                ]
            )
            queries = Path(work) / "q.jsonl"
            queries.write_text(
                "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(_queries(20)))
            )
            _, match_peak = measure(
                [sys.executable, "-m", "workbench", "--db", str(big), "match", "--jsonl"], queries
            )
            rows.append(
                {
                    "name": "peak RSS with 50,000 fact-checks (match --jsonl)",
                    "value": match_peak,
                    "unit": "MB",
                    "target": "<= 300",
                    "ok": match_peak <= 300 and import_peak <= 300,
                    "detail": f"importing the 50,000: peak RSS {import_peak:.0f} MB",
                }
            )
    return rows


def _children_cpu() -> float:
    """CPU seconds (user and system) of the finished processes this one started."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _queries(count: int) -> list[str]:
    folder = SHARED / "claim-matching" / "ct2021_t2a"
    lines = (folder / "queries_dev.tsv").read_text(encoding="utf-8").splitlines()
    return [line.split("\t")[1] for line in lines[:count]]


def _latency_apart(db: Path, quick: bool) -> dict[str, Any]:
    """Matching timed in a process of its own, started as `workbench match` starts:
    numpy first imported by workbench.known (which sets how numpy's BLAS is run), not
    by this process's other benchmarks."""
    found = subprocess.run(
        [sys.executable, "-m", "benchmarks.known", "latency", str(db), *(["--quick"] * quick)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return json.loads(found.stdout)


def _latency(db: Path, quick: bool) -> dict[str, Any]:
    from workbench.known.match import Matcher, fts_query
    from workbench.store import Store

    queries = _queries(30 if quick else 100)
    store = Store(db)
    with store:
        matcher = Matcher(store)
        matcher.match(queries[0])  # warm: the vectors in memory, the model loaded
        ours, cpu, bare = [], [], []
        for text in queries:
            started, used = time.perf_counter(), time.process_time()
            matcher.match(text)
            ours.append(time.perf_counter() - started)
            cpu.append(time.process_time() - used)
            match = fts_query(text)
            started = time.perf_counter()
            if match:  # the bare query: one BM25 score a row, ranked
                store.conn.execute(BARE_QUERY, [match, 50]).fetchall()
            bare.append(time.perf_counter() - started)
    p50, p95 = statistics.median(ours) * 1000, statistics.quantiles(ours, n=20)[-1] * 1000
    base = statistics.median(bare) * 1000
    cpu_p50 = statistics.median(cpu) * 1000
    return {
        "name": "match one claim against 20,000 fact-checks, warm",
        "value": p50,
        "unit": "ms (median)",
        "target": "<= 50",
        "ok": p50 <= 50,
        "detail": f"p95 {p95:.1f} ms; median CPU time {cpu_p50:.1f} ms (what the wall time"
        f" is on a free core); {p50 / base:.1f}x the bare FTS5 BM25 query it starts"
        f" from ({base:.1f} ms); {len(queries)} CheckThat! 2021 dev tweets",
    }


def run(quick: bool = False) -> list[dict[str, Any]]:
    if not SAMPLE.exists() or not (SHARED / "claim-matching").exists():
        return [
            {
                "name": "known claims",
                "value": None,
                "unit": "",
                "target": "-",
                "ok": None,
                "detail": "skipped: ../shared/data is absent",
            }
        ]
    rows = []
    for name in ("ct2020_t2", "ct2021_t2a"):
        rows += quality(name)
    return rows + speed(quick)


if __name__ == "__main__":  # python -m benchmarks.known latency DB [--quick]
    print(json.dumps(_latency(Path(sys.argv[2]), "--quick" in sys.argv)))
