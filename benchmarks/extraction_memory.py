"""Peak memory of `workbench extract --jsonl` streaming 50 MB of JSON lines
(target: under 200 MB RSS), beside a bare `python -c pass` as baseline."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.corpus import news_text
from benchmarks.measure import measure


def run(quick: bool = False) -> list[dict[str, Any]]:
    megabytes = 5 if quick else 50
    article = news_text(8_000, seed=3)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "articles.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            written, i = 0, 0
            while written < megabytes * 1024 * 1024:
                line = json.dumps({"id": i, "text": article}) + "\n"
                handle.write(line)
                written += len(line)
                i += 1
        # the rules: this measures streaming (flat memory on any input); the parser's
        # memory is measured in parser_speed on fewer lines (it parses ~50x slower)
        seconds, peak = measure(
            [sys.executable, "-m", "workbench", "extract", "--jsonl", "--extractor", "rules"], path
        )
        _, bare = measure([sys.executable, "-c", "import workbench.cli.commands"])
    return [
        {
            "name": f"extract --jsonl of {megabytes} MB, peak RSS",
            "value": peak,
            "unit": "MB",
            "target": "< 200 MB",
            "ok": peak < 200,
            "detail": f"{i} lines in {seconds:.1f} s; importing the CLI alone: {bare:.0f} MB",
        }
    ]
