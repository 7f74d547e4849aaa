"""A large workbench database for benchmarks, written directly with SQL in one
transaction (the import path would spend its time extracting claims, not storing them)."""

from __future__ import annotations

import hashlib
import random
import zlib
from pathlib import Path

from benchmarks.corpus import news_text
from workbench.extract.segment import sentences
from workbench.store import Store

NOW = "2026-02-10T12:00:00+00:00"
STATUSES = ("verified", "disputed", "unverified")


def build(path: Path, articles: int = 2000, claims: int = 100_000, evidence: int = 200_000) -> None:
    rng = random.Random(5)
    texts = [news_text(2500, seed=i) for i in range(20)]
    bounds = [[(s.start, s.end) for s in sentences(t) if not s.credit] for t in texts]
    with Store(path) as store:
        conn = store.conn
        conn.execute("BEGIN IMMEDIATE")
        for a in range(1, articles + 1):
            text = texts[a % len(texts)] + f"\n\nArticle {a}."
            conn.execute(
                "INSERT INTO articles (id, title, url, outlet, published, origin, imported_at,"
                " imported_by, extractor, sha256, text) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    a,
                    f"Article {a}: trade and talks",
                    f"https://news.example.org/a/{a}",
                    "The Example Times",
                    "2026-02-10",
                    "bench",
                    NOW,
                    "bench",
                    "rules/1",
                    hashlib.sha256(text.encode()).hexdigest(),
                    text,
                ),
            )
        sources = 1000
        for s in range(1, sources + 1):
            body = f"<html><title>Source {s}</title><p>Trade reached ${s}.5bn in 2025.</p></html>".encode()
            conn.execute(
                "INSERT INTO sources (id, requested, created_at, created_by) VALUES (?,?,?,?)",
                (s, f"https://data.example.org/s/{s}", NOW, "bench"),
            )
            conn.execute(
                "INSERT INTO snapshots (id, source_id, fetched_at, final_url, http_status,"
                " content_type, title, raw, raw_size, raw_sha256, text, text_sha256)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    s,
                    s,
                    NOW,
                    f"https://data.example.org/s/{s}",
                    200,
                    "text/html",
                    f"Source {s}",
                    zlib.compress(body),
                    len(body),
                    hashlib.sha256(body).hexdigest(),
                    f"Trade reached ${s}.5bn in 2025.",
                    hashlib.sha256(body).hexdigest(),
                ),
            )
        per_article = claims // articles
        claim_id = 0
        for a in range(1, articles + 1):
            spans = bounds[a % len(texts)]
            for position in range(per_article):
                claim_id += 1
                start, end = spans[position % len(spans)]
                status = STATUSES[claim_id % 3]
                conn.execute(
                    'INSERT INTO claims (id, article_id, position, text, original_text, start, "end",'
                    " kind, checkworthiness, status, rationale, created_at, updated_at, updated_by,"
                    " decided_at, decided_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        claim_id,
                        a,
                        position,
                        f"Claim {claim_id}: exports rose {claim_id % 97}% in 2025.",
                        "x",
                        start,
                        end,
                        "statistic",
                        rng.random(),
                        status,
                        "Checked against customs data." if status != "unverified" else "",
                        NOW,
                        NOW,
                        "bench",
                        NOW if status != "unverified" else None,
                        "bench" if status != "unverified" else None,
                    ),
                )
                conn.execute(
                    'INSERT INTO claim_spans (claim_id, ordinal, start, "end") VALUES (?,?,?,?)',
                    (claim_id, 0, start, end),
                )
        for e in range(1, evidence + 1):
            source = rng.randint(1, sources)
            conn.execute(
                "INSERT INTO evidence (claim_id, source_id, snapshot_id, stance, excerpt,"
                " excerpt_start, excerpt_end, note, created_at, created_by)"
                " VALUES (?,?,?,?,?,?,?,?,?,?)",
                (
                    (e - 1) % claim_id + 1,
                    source,
                    source,
                    ("supports", "refutes", "context")[e % 3],
                    f"Trade reached ${source}.5bn in 2025.",
                    0,
                    30,
                    "",
                    NOW,
                    "bench",
                ),
            )
        conn.execute("COMMIT")
