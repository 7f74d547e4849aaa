"""Run every benchmark and print one table: `python -m benchmarks [--quick] [--json]`.

Each figure is a ratio against a baseline measured in the same run, or an absolute
figure with its target; absolute times are given for reference. Needs the `bench` extra
(`pip install -e '.[bench]'`). The quality benchmark reads the gold data in
../shared/eval/external when it is there, and is skipped otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from typing import Any

from benchmarks import (
    checkworthiness,
    evidence,
    export,
    extraction_memory,
    extraction_quality,
    extraction_speed,
    fetching,
    known,
    parser_speed,
    serve,
    store,
    tui,
)

SUITES = {
    "extraction-speed": extraction_speed.run,
    "extraction-memory": extraction_memory.run,
    "parser-speed": parser_speed.run,
    "extraction-quality": extraction_quality.run,
    "checkworthiness": checkworthiness.run,
    "fetching": fetching.run,
    "export": export.run,
    "tui": tui.run,
    "serve": serve.run,
    "store": store.run,
    "evidence": evidence.run,
    "known": known.run,
}


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller inputs (under 2 minutes)")
    parser.add_argument("--json", action="store_true", help="print JSON for machines")
    parser.add_argument("--only", choices=sorted(SUITES), action="append", help="run only these")
    args = parser.parse_args(argv)
    results: dict[str, Any] = {"machine": machine(), "quick": args.quick, "suites": {}}
    for name, suite in SUITES.items():
        if args.only and name not in args.only:
            continue
        started = time.perf_counter()
        results["suites"][name] = {
            "results": suite(args.quick),
            "seconds": time.perf_counter() - started,
        }
    if args.json:
        json.dump(results, sys.stdout, indent=2, default=str)
        print()
        return 0
    print(f"machine: {results['machine']}{'  (quick)' if args.quick else ''}")
    for name, suite in results["suites"].items():
        print(f"\n== {name} ({suite['seconds']:.0f} s)")
        if name == "extraction-quality":
            print(extraction_quality.table(suite["results"]))
            continue
        if name == "checkworthiness":
            print(checkworthiness.table(suite["results"]))
            continue
        for row in suite["results"]:
            verdict = {True: "ok", False: "MISSED", None: "-"}[row["ok"]]
            value = "-" if row["value"] is None else f"{row['value']:.2f}"
            target = f"target {row['target']}"
            print(f"{row['name']:<48} {value:>9} {row['unit']:<22} {target:<17} {verdict}")
            print(f"    {row['detail']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
