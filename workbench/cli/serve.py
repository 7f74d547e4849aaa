"""`workbench serve`: the review screen in the browser for a desk (workbench.serve)."""

from __future__ import annotations

import click

from workbench.cli.base import cli, global_options
from workbench.desk import is_loopback, new_token
from workbench.errors import InputError


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(1, 65535))
@click.option("--public", is_flag=True, help="Allow listening on an address other than loopback.")
@click.option(
    "--max-sessions",
    default=8,
    show_default=True,
    type=click.IntRange(1, 256),
    help="Browser sessions at once; more get 503.",
)
@click.option(
    "--idle-minutes",
    default=30.0,
    show_default=True,
    type=click.FloatRange(min=0.05),
    help="End a session with no key pressed for this long.",
)
@global_options
@click.pass_context
def serve_command(
    ctx: click.Context,
    host: str,
    port: int,
    public: bool,
    max_sessions: int,
    idle_minutes: float,
) -> None:
    """Serve the review screen to browsers, behind a token (printed with the URL).

    Each browser session runs its own review process on the shared database and
    records the reviewer's name on every change."""
    from workbench.cli.base import State

    if not public and not is_loopback(host):
        raise InputError(
            f"--host {host} is reachable from other machines; add --public to mean it "
            "(and put TLS in front: see the README)"
        )
    state = ctx.ensure_object(State)
    settings = state.settings()
    db_path = settings.database_path()
    if not db_path.is_file():
        raise InputError(
            f"no database at {db_path}; import an article first (workbench import) or pass --db"
        )
    token = new_token()
    from workbench.serve import DeskServer  # aiohttp and textual-serve only for this command

    server = DeskServer(
        db_path.resolve(),
        host=host,
        port=port,
        token=token,
        max_sessions=max_sessions,
        idle_seconds=idle_minutes * 60,
    )
    if public:
        click.echo(
            f"warning: listening on {host}, reachable from other machines; anyone with the "
            "token can change the database — serve it behind TLS",
            err=True,
        )
    click.echo(f"database: {db_path}", err=True)
    click.echo("open this URL in a browser (add &reviewer=NAME to skip the name prompt):", err=True)
    click.echo(server.url, err=True)
    click.echo("ctrl+c stops the server", err=True)
    server.serve()
