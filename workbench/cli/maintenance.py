"""Commands that look after the database: doctor, backup."""

from __future__ import annotations

from pathlib import Path

import click

from workbench.cli.base import _echo_json, _workbench, cli, global_options, json_option
from workbench.errors import WorkbenchError
from workbench.store import Store
from workbench.store.maintenance import Check


@cli.command("doctor")
@click.option("--repair", is_flag=True, help="Rebuild the full-text indexes.")
@json_option
@global_options
@click.pass_context
def doctor_command(ctx: click.Context, repair: bool, as_json: bool) -> None:
    """Check the database: integrity, foreign keys, migrations, orphans, search index.
    Exit 1 when a check fails."""
    store = _workbench(ctx).store
    checks = store.doctor()
    if repair:
        _repair(store, checks)
        checks = store.doctor()
    if as_json:
        _echo_json([{"check": c.name, "ok": c.ok, "detail": c.detail} for c in checks])
    else:
        for check in checks:
            click.echo(f"{'ok  ' if check.ok else 'FAIL'}  {check.name}: {check.detail}")
    failed = [c.name for c in checks if not c.ok]
    if failed:
        raise WorkbenchError(f"{len(failed)} check(s) failed: {', '.join(failed)}")


def _repair(store: Store, checks: list[Check]) -> None:
    """Rebuild the full-text indexes when one is off, and only when nothing else is wrong:
    a rebuild on a damaged database changes it and still ends in failure."""
    failing = [c for c in checks if not c.ok]
    beyond = [c.name for c in failing if not c.name.startswith("full-text index")]
    if beyond:
        raise WorkbenchError(
            f"--repair rebuilds the full-text indexes only, and {len(beyond)} other check(s)"
            f" fail: {', '.join(beyond)}; nothing was changed (see `workbench doctor`; restore"
            " a backup if the database is damaged)"
        )
    if failing:
        store.rebuild_search()


@cli.command("backup")
@click.argument("path", type=click.Path(path_type=Path))
@global_options
@click.pass_context
def backup_command(ctx: click.Context, path: Path) -> None:
    """Copy the database to PATH with SQLite's online backup (safe while it is in use)."""
    _workbench(ctx).store.backup(path)
    click.echo(f"backed up to {path}", err=True)
