"""Commands for publishing: rate, claimant, approve, scales."""

from __future__ import annotations

import click

from workbench.cli.base import _echo_json, _workbench, cli, global_options, json_option, parse_id
from workbench.cli.claims import expect_version_option
from workbench.publish import describe_claimant, set_claimant


@cli.command("rate")
@click.argument("claim")
@click.argument("label")
@click.option("--note", help="Rationale for the rating (its first paragraph is the summary).")
@expect_version_option
@global_options
@click.pass_context
def rate_command(
    ctx: click.Context, claim: str, label: str, note: str | None, expect_version: int | None
) -> None:
    """Rate CLAIM with a LABEL of the desk's rating scale (see `workbench scales`); the
    label sets the status too."""
    workbench = _workbench(ctx)
    rated = workbench.rate(parse_id(claim), label, note, expect_version)
    click.echo(f"claim {rated.id}: {rated.rating} ({rated.status.value})", err=True)
    if rated.status.decided and workbench.store.evidence_count(rated.id) == 0:
        click.echo(
            f"warning: claim {rated.id} is rated with no evidence attached; the internal report"
            f" flags it (attach a source: workbench attach {rated.id} URL)",
            err=True,
        )


@cli.command("claimant")
@click.argument("claim")
@click.argument("name", required=False)
@click.option("--type", "kind", metavar="TYPE", help="person or organization.")
@click.option("--date", "claim_date", metavar="DATE", help="When the claim was made (YYYY-MM-DD).")
@click.option("--clear", is_flag=True, help="Go back to the attribution and the article's date.")
@expect_version_option
@global_options
@click.pass_context
def claimant_command(
    ctx: click.Context,
    claim: str,
    name: str | None,
    kind: str | None,
    claim_date: str | None,
    clear: bool,
    expect_version: int | None,
) -> None:
    """Show or set who made CLAIM, and when. By default the claimant is the person or body
    of the claim's attribution (else the article's outlet) and the date the article's."""
    workbench = _workbench(ctx)
    claim_id = parse_id(claim)
    if name is None and kind is None and claim_date is None and not clear:
        found = workbench.claim(claim_id)
        click.echo(describe_claimant(found, workbench.article(found.article_id)))
        return
    changed = set_claimant(
        workbench.store,
        workbench.reviewer,
        claim_id,
        name,
        kind,
        claim_date,
        clear,
        expect_version,
    )
    article = workbench.article(changed.article_id)
    click.echo(f"claim {changed.id}: {describe_claimant(changed, article)}", err=True)


@cli.command("approve")
@click.argument("claim")
@click.option("--withdraw", is_flag=True, help="Withdraw the approval.")
@expect_version_option
@global_options
@click.pass_context
def approve_command(
    ctx: click.Context, claim: str, withdraw: bool, expect_version: int | None
) -> None:
    """Sign off CLAIM's verdict: a reviewer other than the one who decided it. Any later
    change to the claim withdraws the approval."""
    approved = _workbench(ctx).approve(parse_id(claim), withdraw, expect_version)
    if approved.approved_by:
        click.echo(f"claim {approved.id}: approved by {approved.approved_by}", err=True)
    else:
        click.echo(f"claim {approved.id}: approval withdrawn", err=True)


@cli.command("scales")
@json_option
@global_options
@click.pass_context
def scales_command(ctx: click.Context, as_json: bool) -> None:
    """List the rating scales, best label first; * marks the one claims are rated on."""
    settings = _workbench(ctx).settings
    scales = settings.scales()
    if as_json:
        _echo_json(
            [
                {
                    "name": scale.name,
                    "title": scale.title,
                    "active": scale.name == settings.rating_scale,
                    "labels": [
                        {**item.model_dump(mode="json"), "value": scale.value(item.label)}
                        for item in scale.labels
                    ],
                }
                for scale in scales.values()
            ]
        )
        return
    for scale in scales.values():
        mark = "*" if scale.name == settings.rating_scale else " "
        click.echo(f"{mark} {scale.name}: {scale.title}")
        for item in scale.labels:
            value = f"{scale.value(item.label)}/{scale.best}"
            click.echo(f"    {value}  {item.label:<16} {item.status.value:<10} {item.description}")
