"""Known claims: import other fact-checkers' ClaimReviews, list them, match claims."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

import click

from workbench.cli.base import (
    _echo_json,
    _workbench,
    allow_private_option,
    cli,
    global_options,
    json_option,
    parse_id,
)
from workbench.errors import InputError

if TYPE_CHECKING:
    from workbench.known.match import Match


@cli.group("factchecks", invoke_without_command=True)
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Show at most N.")
@json_option
@global_options
@click.pass_context
def factchecks_command(ctx: click.Context, limit: int | None, as_json: bool) -> None:
    """Fact-checks imported from other organisations (ClaimReview), latest first.

    `workbench factchecks import SOURCE` imports them."""
    if ctx.invoked_subcommand is not None:
        return
    rows = _workbench(ctx).factchecks(limit)
    if as_json:
        _echo_json(rows)
        return
    if not rows:
        click.echo(
            "no fact-checks yet; import ClaimReview with `workbench factchecks import FILE|URL|-`",
            err=True,
        )
        return
    for row in rows:
        click.echo(
            f"{row['id']:>6}  {row['review_date'] or '':<10}  {(row['rating'] or '-')[:24]:<24}"
            f"  {(row['publisher'] or '')[:20]:<20}  {row['claim_reviewed']}"
        )


@factchecks_command.command("import")
@click.argument("source")
@allow_private_option
@json_option
@global_options
@click.pass_context
def factchecks_import_command(ctx: click.Context, source: str, as_json: bool) -> None:
    """Import ClaimReview from SOURCE: a file, - for stdin, or an http(s) URL.

    One JSON-LD object, a list, JSON lines, an @graph, a data feed
    (dataFeedElement), or an HTML page with <script type="application/ld+json">
    blocks. The url is the key: importing again updates. A record without url or
    claimReviewed is skipped and counted; a broken file changes nothing."""
    workbench = _workbench(ctx)
    result = workbench.import_factchecks(source, stdin=sys.stdin.buffer)
    matched = workbench.recheck_matches()
    if as_json:
        _echo_json({**result.as_json(), "claims_matching": matched})
        return
    counts = result.counts
    click.echo(
        f"imported {counts.imported}, updated {counts.updated}, unchanged {counts.unchanged},"
        f" skipped {sum(result.skipped.values())}"
    )
    for reason, count in result.skipped.most_common():
        click.echo(f"  skipped {count}: {reason}", err=True)
    click.echo(f"{matched} claims match earlier checks", err=True)


@cli.command("similar")
@click.argument("claim")
@click.option("--limit", type=click.IntRange(min=1, max=100), default=5, show_default=True)
@json_option
@global_options
@click.pass_context
def similar_command(ctx: click.Context, claim: str, limit: int, as_json: bool) -> None:
    """Fact-checks and decided claims of other articles most similar to CLAIM: score
    (the probability that it is the same claim), verdict, who, when, URL. Those under
    0.05 are counted, not shown, as in the review screen; --json lists them all."""
    from workbench.known.service import SHOWN

    matches = _workbench(ctx).similar(parse_id(claim), limit)
    if as_json:
        _echo_json([m.as_json() for m in matches])
        return
    likely = [m for m in matches if m.score >= SHOWN]
    if not likely:
        click.echo(
            "nothing similar: no fact-check or decided claim is likely the same claim", err=True
        )
    for match in likely:
        _print_match(match)
    if len(matches) > len(likely):
        click.echo(
            f"({len(matches) - len(likely)} more under {SHOWN:.2f} not shown; --json lists them)",
            err=True,
        )


def _print_match(match: Match) -> None:
    what = "fact-check" if match.kind == "factcheck" else "claim"
    mark = "strong" if match.strong else "weak"
    who = " · ".join(part for part in (match.who, (match.when or "")[:10]) if part)
    click.echo(f"{match.score:.2f} {mark:<6} {what} {match.ref}  {match.verdict or '-'}  {who}")
    click.echo(f"       {match.text}")
    if match.url:
        click.echo(f"       {match.url}")


@cli.command("adopt")
@click.argument("claim")
@click.argument("match", metavar="factcheck:ID|claim:ID")
@global_options
@click.pass_context
def adopt_command(ctx: click.Context, claim: str, match: str) -> None:
    """Adopt a match of CLAIM (see `workbench similar`): an earlier fact-check is attached
    as evidence (its URL the source, stance from its rating, its claim the excerpt); an
    earlier claim of ours gives its verdict and rationale, with a reference. Undoable."""
    kind, _, ref = match.partition(":")
    if kind not in ("factcheck", "claim") or not ref:
        raise InputError(f"give the match as factcheck:ID or claim:ID, not {match[:60]!r}")
    result = _workbench(ctx).adopt(parse_id(claim), kind, parse_id(ref, kind))
    if kind == "factcheck":
        evidence = result.evidence  # type: ignore[union-attr]
        click.echo(f"evidence {evidence.id}: {evidence.stance.value}, from fact-check {ref}")
    else:
        click.echo(f"claim {parse_id(claim)}: {result.claim.status.value}, as claim {ref}")  # type: ignore[union-attr]


@cli.command("match")
@click.option("--jsonl", is_flag=True, required=True, help='Read lines {"id", "text"}.')
@click.option("--limit", type=click.IntRange(min=1, max=100), default=5, show_default=True)
@global_options
@click.pass_context
def match_command(ctx: click.Context, jsonl: bool, limit: int) -> None:
    """Batch matching: reads lines {"id", "text"} on stdin, writes lines {"id",
    "matches": [{"kind", "ref", "url", "text", "verdict", "score"}]} on stdout, in
    order, as it goes. A broken line is reported on stderr by its number; the others
    are still matched, and the exit status is 1."""
    workbench = _workbench(ctx)
    broken = 0
    for number, line in enumerate(sys.stdin.buffer, 1):
        if not line.strip():
            continue
        try:
            item = _match_input(line)
        except InputError as error:
            broken += 1
            click.echo(f"error: line {number}: {error}", err=True)
            continue
        matches = workbench.match_text(item["text"], limit)
        out = {
            "id": item["id"],
            "matches": [
                {
                    "kind": m.kind,
                    "ref": m.ref,
                    "url": m.url,
                    "text": m.text,
                    "verdict": m.verdict,
                    "score": m.score,
                    "strong": m.strong,
                }
                for m in matches
            ],
        }
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        sys.stdout.flush()
    if broken:
        raise InputError(f"{broken} line(s) could not be read; the others were matched")


def _match_input(line: bytes) -> dict[str, Any]:
    try:
        item = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise InputError('not a JSON object {"id", "text"}') from None
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        raise InputError('expected a JSON object with "id" and a "text" string')
    return item
