"""Commands about sources: attach, sources, recheck, search."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from workbench.cli.base import (
    Terminated,
    WholeNumber,
    _echo_json,
    _workbench,
    allow_private_option,
    cli,
    global_options,
    json_option,
    parse_id,
)
from workbench.core import AttachResult, RecheckResult, parse_stance
from workbench.errors import WorkbenchError
from workbench.evidence import Passage


def passage_json(passage: Passage) -> dict[str, Any]:
    return {
        "start": passage.start,
        "end": passage.end,
        "text": passage.text,
        "header": passage.header,
        "score": round(passage.score, 3),
        "figures": passage.verdict.value if passage.verdict else None,
        "checks": [
            {"claimed": c.claimed, "stated": c.stated, "verdict": c.verdict.value}
            for c in passage.checks
        ],
    }


@cli.command("attach")
@click.argument("claim")
@click.argument("source")
@click.option("--stance", default="context", show_default=True, help="supports, refutes, context.")
@click.option("--excerpt", help="The passage to quote (default: the best-matching passage).")
@click.option("--note", default="", help="A note on this evidence.")
@allow_private_option
@json_option
@global_options
@click.pass_context
def attach_command(
    ctx: click.Context,
    claim: str,
    source: str,
    stance: str,
    excerpt: str | None,
    note: str,
    as_json: bool,
) -> None:
    """Fetch SOURCE (an http(s) URL or a file), keep it, and attach it to CLAIM as evidence.

    Without --excerpt, the passage that best bears on the claim is quoted, and the
    claim's figures are checked against it (match, near, mismatch, absent).
    """
    claim_id = parse_id(claim)
    chosen = parse_stance(stance)
    result = _workbench(ctx).attach(claim_id, source, chosen, excerpt, note)
    if as_json:
        _echo_json(_attach_json(result))
    else:
        _print_attach(result)
    if result.warning:
        click.echo(f"warning: {result.warning}", err=True)


def _attach_json(result: AttachResult) -> dict[str, Any]:
    evidence, snapshot = result.evidence, result.source.latest
    return {
        "evidence_id": evidence.id,
        "claim_id": evidence.claim_id,
        "source_id": evidence.source_id,
        "snapshot_id": evidence.snapshot_id,
        "stance": evidence.stance.value,
        "excerpt": evidence.excerpt,
        "excerpt_start": evidence.excerpt_start,
        "excerpt_end": evidence.excerpt_end,
        "title": snapshot.title if snapshot else None,
        "final_url": snapshot.final_url if snapshot else None,
        "sha256": snapshot.raw_sha256 if snapshot else None,
        "figures": result.verdict.value if result.verdict else None,
        "checks": [
            {"claimed": c.claimed, "stated": c.stated, "verdict": c.verdict.value}
            for c in result.checks
        ],
        "passages": [passage_json(p) for p in result.passages],
    }


def _print_attach(result: AttachResult) -> None:
    evidence, snapshot = result.evidence, result.source.latest
    click.echo(
        f"evidence {evidence.id}: claim {evidence.claim_id} ← source {evidence.source_id}"
        f" ({evidence.stance.value})"
    )
    if snapshot:
        click.echo(f"  {snapshot.title or result.source.requested}")
        click.echo(f"  {snapshot.final_url or result.source.requested}")
        click.echo(f"  sha256 {snapshot.raw_sha256}  fetched {snapshot.fetched_at:%Y-%m-%d %H:%M}")
    if evidence.excerpt:
        click.echo(f"  “{evidence.excerpt}”")
    for check in result.checks:
        stated = f" ~ {check.stated}" if check.stated else ""
        click.echo(f"  {check.verdict.value:<8} {check.claimed}{stated}")
    others = [p for p in result.passages if p.start != evidence.excerpt_start][:3]
    if others:
        click.echo("other passages:")
        for passage in others:
            figures = f" [{passage.verdict.value}]" if passage.verdict else ""
            shown = " ".join(passage.shown.split())
            click.echo(f"  {passage.start}-{passage.end}{figures} {shown[:160]}")


@cli.group("sources", invoke_without_command=True)
@json_option
@global_options
@click.pass_context
def sources_command(ctx: click.Context, as_json: bool) -> None:
    """List the kept sources with their latest snapshot (`sources export` archives them)."""
    if ctx.invoked_subcommand is not None:
        return
    workbench = _workbench(ctx)
    rows = workbench.sources()
    drift = workbench.store.drift_counts()
    if as_json:
        _echo_json(
            [
                {
                    "id": source.id,
                    "requested": source.requested,
                    "evidence": uses,
                    "drift": {
                        state: drift.get(source.id, {}).get(state, 0)
                        for state in ("present", "moved", "gone")
                    },
                    "latest": source.latest.model_dump(mode="json") if source.latest else None,
                }
                for source, uses in rows
            ]
        )
        return
    for source, uses in rows:
        latest = source.latest
        title = (latest.title if latest else None) or source.requested
        when = f"{latest.fetched_at:%Y-%m-%d %H:%M}" if latest else "-"
        counts = drift.get(source.id, {})
        drifted = ", ".join(f"{counts[s]} {s}" for s in ("moved", "gone") if counts.get(s))
        drifted = f" ({drifted})" if drifted else ""
        click.echo(f"{source.id:>5}  {when}  {uses:>3} uses{drifted}  {title}  {source.requested}")


@sources_command.command("export")
@click.option(
    "--warc",
    "warc",
    required=True,
    metavar="FILE",
    type=click.Path(path_type=Path),
    help="Write every kept snapshot to FILE as WARC 1.1 (gzipped; .warc.gz).",
)
@global_options
@click.pass_context
def sources_export_command(ctx: click.Context, warc: Path) -> None:
    """Write every kept snapshot (request, response, headers, bytes as kept) as a WARC
    1.1 file that replay tools read (pywb, ReplayWeb.page). Written atomically."""
    written = _workbench(ctx).export_warc(warc)
    click.echo(f"{written} snapshots written to {warc}", err=True)


@cli.command("recheck")
@click.argument("sources", nargs=-1)
@allow_private_option
@json_option
@global_options
@click.pass_context
def recheck_command(ctx: click.Context, sources: tuple[str, ...], as_json: bool) -> None:
    """Fetch kept sources again (all, or the given ids or URLs) and report drift.

    A changed source gets a new snapshot beside the old one; the old is never
    overwritten. Exit status 1 when a source could not be fetched.
    """
    kept: list[RecheckResult] = []
    try:
        results = _workbench(ctx).recheck(list(sources) or None, on_result=kept.append)
    except (KeyboardInterrupt, Terminated):
        # What was committed before the stop stays: say so, rather than hide it.
        ids = ", ".join(str(r.source_id) for r in kept)
        click.echo(
            f"recheck stopped: {len(kept)} source(s) were rechecked and kept"
            + (f" ({ids})" if kept else "")
            + "; the others are unchanged",
            err=True,
        )
        raise
    if as_json:
        _echo_json([_recheck_json(r) for r in results])
    else:
        for result in results:
            _print_recheck(result)
    failed = [r for r in results if r.status == "failed"]
    if failed:
        raise WorkbenchError(f"{len(failed)} of {len(results)} sources could not be fetched again")


def _recheck_json(result: RecheckResult) -> dict[str, Any]:
    return {
        "source_id": result.source_id,
        "requested": result.key,
        "status": result.status,
        "previous_snapshot": result.previous.id if result.previous else None,
        "current_snapshot": result.current.id if result.current else None,
        "added": result.added or [],
        "removed": result.removed or [],
        "lost_excerpts": result.lost_excerpts or [],
        "moved_excerpts": result.moved_excerpts or [],
        "error": result.error,
    }


def _print_recheck(result: RecheckResult) -> None:
    if result.status == "failed":
        click.echo(f"source {result.source_id}: failed: {result.error}")
        return
    if result.status == "unchanged":
        click.echo(f"source {result.source_id}: unchanged")
        return
    assert result.previous and result.current
    click.echo(
        f"source {result.source_id}: changed (snapshot {result.previous.id} → {result.current.id}):"
        f" +{len(result.added or [])} −{len(result.removed or [])} lines"
    )
    for line in (result.removed or [])[:5]:
        click.echo(f"  − {line[:160]}")
    for line in (result.added or [])[:5]:
        click.echo(f"  + {line[:160]}")
    if result.lost_excerpts:
        ids = ", ".join(str(i) for i in result.lost_excerpts)
        click.echo(f"  the excerpt of evidence {ids} is no longer in the source")
    if result.moved_excerpts:
        ids = ", ".join(str(i) for i in result.moved_excerpts)
        click.echo(f"  the excerpt of evidence {ids} moved within the source")


@cli.command("search")
@click.argument("query")
@click.option("--limit", type=WholeNumber(minimum=1), default=20, show_default=True)
@json_option
@global_options
@click.pass_context
def search_command(ctx: click.Context, query: str, limit: int, as_json: bool) -> None:
    """Full-text search over claims, the text of kept sources and imported fact-checks."""
    found = _workbench(ctx).search(query, limit)
    if as_json:
        _echo_json(found)
        return
    for claim in found["claims"]:
        click.echo(f"claim  {claim['id']:>5}  {claim['status']:<10} {claim['text']}")
    for source in found["sources"]:
        click.echo(f"source {source['source_id']:>5}  {source['title'] or source['requested']}")
        click.echo(f"              {' '.join(source['snippet'].split())}")
    for check in found.get("factchecks", []):
        rating = check["rating"] or "-"
        click.echo(f"fact-check {check['id']:>5}  {rating}  {check['claim_reviewed']}")
    if not any(found.values()):
        click.echo(f"nothing matches {query!r}", err=True)
