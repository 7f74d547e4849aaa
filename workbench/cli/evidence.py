"""Commands about evidence after it is attached: evidence (show or edit), detach."""

from __future__ import annotations

from typing import Any

import click

from workbench.cli.base import _echo_json, _workbench, cli, global_options, json_option, parse_id
from workbench.core import parse_stance
from workbench.drift import drift_words


@cli.command("evidence")
@click.argument("evidence")
@click.option("--stance", help="supports, refutes or context.")
@click.option("--excerpt", help="A new excerpt; it must be in the kept copy the evidence quotes.")
@click.option("--note", help="A new note (an empty string clears it).")
@json_option
@global_options
@click.pass_context
def evidence_command(
    ctx: click.Context,
    evidence: str,
    stance: str | None,
    excerpt: str | None,
    note: str | None,
    as_json: bool,
) -> None:
    """Show evidence item EVIDENCE, or change its stance, excerpt or note.

    Each change is one event, undone by `workbench undo`. The excerpt is looked up in
    the snapshot the evidence was quoted from, never in a newer one.
    """
    workbench = _workbench(ctx)
    evidence_id = parse_id(evidence)
    if stance is None and excerpt is None and note is None:
        row = workbench.evidence_item(evidence_id)
    else:
        chosen = parse_stance(stance) if stance is not None else None
        row = workbench.edit_evidence(evidence_id, stance=chosen, excerpt=excerpt, note=note)
    if as_json:
        _echo_json(row)
    else:
        print_evidence(row)


@cli.command("detach")
@click.argument("evidence")
@json_option
@global_options
@click.pass_context
def detach_command(ctx: click.Context, evidence: str, as_json: bool) -> None:
    """Detach evidence item EVIDENCE from its claim (undo brings it back).

    The source and its snapshots stay kept.
    """
    item = _workbench(ctx).detach(parse_id(evidence))
    if as_json:
        _echo_json({"evidence_id": item.id, "claim_id": item.claim_id, "detached": True})
    else:
        click.echo(f"evidence {item.id} detached from claim {item.claim_id}")


def print_evidence(row: dict[str, Any]) -> None:
    click.echo(
        f"evidence {row['id']}: claim {row['claim_id']} ← source {row['source_id']}"
        f" ({row['stance']})"
    )
    click.echo(f"  {row['title'] or row['requested']}")
    click.echo(f"  {row['final_url'] or row['requested']}")
    click.echo(f"  sha256 {row['raw_sha256']}  fetched {row['fetched_at'][:16].replace('T', ' ')}")
    if row["excerpt"]:
        click.echo(f"  “{row['excerpt']}”")
    for check in row["checks"]:
        stated = f" ~ {check['stated']}" if check["stated"] else ""
        click.echo(f"  {check['verdict']:<8} {check['claimed']}{stated}")
    drift = drift_words(row.get("drift"), row.get("drift_since"))
    if drift:
        click.echo(f"  {drift}")
    if row["note"]:
        click.echo(f"  note: {row['note']}")
