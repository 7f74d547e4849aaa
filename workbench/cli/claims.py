"""Commands about claims: claims, show, mark, history, undo."""

from __future__ import annotations

from collections.abc import Sequence

import click

from workbench.cli.base import (
    WholeNumber,
    _echo_json,
    _workbench,
    cli,
    global_options,
    json_option,
    parse_id,
)
from workbench.core import parse_status
from workbench.drift import drift_words
from workbench.errors import ConfirmationNeeded, InputError
from workbench.extract.checkworthy import level
from workbench.models import Article, Claim, Event, Kind, claim_public, event_public
from workbench.publish import describe_claimant

_MARKS = {"verified": "✓", "disputed": "✗", "unverified": "·"}


def claim_line(claim: Claim) -> str:
    mark = "–" if claim.dismissed else _MARKS[claim.status.value]
    status = "dismissed" if claim.dismissed else claim.status.value
    return (
        f"{claim.id:>5}  {mark} {status:<10}  {level(claim.checkworthiness):<6}  "
        f"{claim.kind.value:<11} {claim.text}"
    )


def print_claims(claims: Sequence[Claim]) -> None:
    for claim in claims:
        click.echo(claim_line(claim))


def event_line(event: Event) -> str:
    when = f"{event.at:%Y-%m-%d %H:%M:%S}"
    return f"{event.id:>6}  {when}  {event.actor:<12} {event.action:<8} {event.summary}"


def publishing_lines(claim: Claim, article: Article) -> list[str]:
    """What `show --json` has for publishing, as lines: rating, who decided and who
    approved, and the claimant (set, or worked out from the attribution or the outlet)."""
    lines = []
    if claim.rating:
        lines.append(f"rating: {claim.rating} (scale {claim.rating_scale or 'default'})")
    if claim.decided_by and claim.decided_at:
        signed = f"decided by {claim.decided_by}, {claim.decided_at:%Y-%m-%d %H:%M}"
        if claim.approved_by and claim.approved_at:
            signed += f" · approved by {claim.approved_by}, {claim.approved_at:%Y-%m-%d %H:%M}"
        else:
            signed += " · not approved yet"
        lines.append(signed)
    lines.append(f"claimant: {describe_claimant(claim, article)}")
    return lines


@cli.command("claims")
@click.option("--article", metavar="ID", help="Only this article's claims.")
@click.option(
    "--status",
    metavar="STATUS",
    help="Only claims with this status (unverified, verified, disputed), or dismissed.",
)
@click.option(
    "--drifted", is_flag=True, help="Only claims with evidence moved or gone from the live page."
)
@json_option
@global_options
@click.pass_context
def claims_command(
    ctx: click.Context, article: str | None, status: str | None, drifted: bool, as_json: bool
) -> None:
    """List claims, most check-worthy first (dismissed ones last).

    A dismissed claim (not check-worthy) is listed under --status dismissed only, as
    the review screen's filter does."""
    article_id = parse_id(article, "article") if article else None
    filters: dict[str, object] = {"drifted": drifted}
    if status is not None and status.strip().lower() == "dismissed":
        filters["dismissed"] = True
    elif status is not None:
        filters.update(status=parse_status(status, also="dismissed"), dismissed=False)
    claims = _workbench(ctx).claims(article_id, **filters)
    if as_json:
        _echo_json([claim_public(claim) for claim in claims])
    else:
        print_claims(claims)


@cli.command("show")
@click.argument("claim")
@json_option
@global_options
@click.pass_context
def show_command(ctx: click.Context, claim: str, as_json: bool) -> None:
    """Show one claim with its evidence and history."""
    workbench = _workbench(ctx)
    found = workbench.claim(parse_id(claim))
    article = workbench.article(found.article_id)
    evidence = workbench.store.evidence_rows([found.id])[found.id]
    history = workbench.history(claim_id=found.id)
    if as_json:
        _echo_json(
            {
                "claim": claim_public(found),
                "article": {"id": article.id, "title": article.title, "url": article.url},
                "sentence": article.text[found.start : found.end],
                "evidence": evidence,
                "history": [event_public(event) for event in history],
            }
        )
        return
    status = "dismissed" if found.dismissed else found.status.value
    click.echo(
        f"claim {found.id} · {found.kind.value} · check-worthiness {level(found.checkworthiness)}"
        f" · {status} (version {found.version})"
    )
    click.echo(f"  {found.text}")
    if found.attribution:
        click.echo(f"  attribution: {found.attribution}")
    if found.text != found.original_text:
        click.echo(f"  as extracted: {found.original_text}")
    click.echo(
        f"  article {article.id}: {article.display_title} [characters {found.start}-{found.end}]"
    )
    for line in publishing_lines(found, article):
        click.echo(f"  {line}")
    if found.rationale:
        click.echo(f"  rationale: {found.rationale}")
    click.echo("evidence:" if evidence else "evidence: none")
    for row in evidence:
        click.echo(
            f"  {row['stance']:<8} {row['title'] or row['requested']}  {row['final_url'] or ''}"
            f"  (evidence {row['id']})"
        )
        if row["excerpt"]:
            click.echo(f"           “{row['excerpt']}”")
        drift = drift_words(row["drift"], row["drift_since"])
        if drift:
            click.echo(f"           {drift} (quoted from the kept copy)")
    click.echo("history:")
    for event in history:
        click.echo(event_line(event))


expect_version_option = click.option(
    "--expect-version",
    type=WholeNumber(minimum=1),
    metavar="N",
    help="Refuse if the claim changed since you read it at version N.",
)


@cli.command("mark")
@click.argument("claim")
@click.argument("status")
@click.option("--note", help="Rationale for the verdict.")
@expect_version_option
@global_options
@click.pass_context
def mark_command(
    ctx: click.Context, claim: str, status: str, note: str | None, expect_version: int | None
) -> None:
    """Set the status of CLAIM: verified, disputed or unverified."""
    claim_id = parse_id(claim)
    verdict = parse_status(status)
    result = _workbench(ctx).mark(claim_id, verdict, note, expected_version=expect_version)
    click.echo(f"claim {claim_id}: {result.claim.status.value}", err=True)
    if result.warning:
        click.echo(f"warning: {result.warning}", err=True)


@cli.command("history")
@click.argument("claim", required=False)
@click.option("--limit", type=WholeNumber(minimum=1), default=None, help="Only the last N events.")
@json_option
@global_options
@click.pass_context
def history_command(
    ctx: click.Context, claim: str | None, limit: int | None, as_json: bool
) -> None:
    """Show the events (every change), of one claim or of everything, oldest first."""
    claim_id = parse_id(claim) if claim else None
    events = _workbench(ctx).history(claim_id=claim_id, limit=limit)
    if as_json:
        _echo_json([event_public(event) for event in events])
        return
    for event in events:
        click.echo(event_line(event))


@cli.command("undo")
@click.option(
    "--force",
    is_flag=True,
    help="Also undo an import, which deletes the article (redo restores it).",
)
@global_options
@click.pass_context
def undo_command(ctx: click.Context, force: bool) -> None:
    """Undo your last change (the last one made under your reviewer name)."""
    workbench = _workbench(ctx)
    try:
        event = workbench.undo()
    except ConfirmationNeeded as needed:
        if not force:
            raise
        event = workbench.undo(confirm=needed.event_id)
    click.echo(event.summary, err=True)


@cli.command("redo")
@global_options
@click.pass_context
def redo_command(ctx: click.Context) -> None:
    """Apply again the change your last undo reverted (while you made no new change)."""
    event = _workbench(ctx).redo()
    click.echo(event.summary, err=True)


@cli.command("add")
@click.argument("article")
@click.argument("start", type=WholeNumber())
@click.argument("end", type=WholeNumber())
@click.option("--text", help="The claim's wording (default: the article's words there).")
@click.option(
    "--kind",
    help="statistic, quantity, date/event, quote, attribution, causal, comparison or other.",
)
@json_option
@global_options
@click.pass_context
def add_command(
    ctx: click.Context,
    article: str,
    start: int,
    end: int,
    text: str | None,
    kind: str | None,
    as_json: bool,
) -> None:
    """Add a claim by hand from characters START to END of ARTICLE's text."""
    chosen = None
    if kind is not None:
        try:
            chosen = Kind(kind)
        except ValueError:
            raise InputError(
                f"invalid kind {kind!r}; use one of: {', '.join(k.value for k in Kind)}"
            ) from None
    claim = _workbench(ctx).add_claim(parse_id(article, "article"), start, end, text, chosen)
    if as_json:
        _echo_json(claim_public(claim))
    else:
        click.echo(claim_line(claim))


@cli.command("edit")
@click.argument("claim")
@click.argument("text")
@expect_version_option
@global_options
@click.pass_context
def edit_command(ctx: click.Context, claim: str, text: str, expect_version: int | None) -> None:
    """Change the wording of CLAIM (the original stays in history)."""
    edited = _workbench(ctx).edit(parse_id(claim), text, expect_version)
    click.echo(f"claim {edited.id}: {edited.text}", err=True)


@cli.command("dismiss")
@click.argument("claim")
@click.option("--restore", is_flag=True, help="Take the claim back in.")
@expect_version_option
@global_options
@click.pass_context
def dismiss_command(
    ctx: click.Context, claim: str, restore: bool, expect_version: int | None
) -> None:
    """Mark CLAIM not check-worthy (kept, listed last, left out of reports)."""
    changed = _workbench(ctx).dismiss(parse_id(claim), not restore, expect_version)
    click.echo(f"claim {changed.id}: {'dismissed' if changed.dismissed else 'restored'}", err=True)


@cli.command("split")
@click.argument("claim")
@click.argument("offset", type=WholeNumber())
@expect_version_option
@global_options
@click.pass_context
def split_command(ctx: click.Context, claim: str, offset: int, expect_version: int | None) -> None:
    """Split CLAIM in two at OFFSET, a character position of the article's text."""
    first, second = _workbench(ctx).split(parse_id(claim), offset, expect_version)
    click.echo(f"claim {first} split into {first} and {second}", err=True)


@cli.command("merge")
@click.argument("claim")
@click.argument("other")
@global_options
@click.pass_context
def merge_command(ctx: click.Context, claim: str, other: str) -> None:
    """Merge OTHER into CLAIM: wording joined, spans and evidence together; the merged
    claim starts unverified (history keeps both verdicts, `undo` restores them)."""
    merged = _workbench(ctx).merge(parse_id(claim), parse_id(other))
    click.echo(f"claim {other} merged into {merged}", err=True)
