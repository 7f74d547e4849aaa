"""A desk on one server: the review screen in the browser, behind a token.

textual-serve (Textualize's own server for Textual apps) runs one process of the review
screen per browser connection and relays its frames over a websocket; its static files
ship in its wheel, so nothing is fetched at run time. What we add around it:

- a token: every page and websocket URL carries it; a request without it, or with a
  wrong one, gets 403 and no session process is started;
- a reviewer per session: taken from the URL (``&reviewer=NAME``) or asked for by the
  session before anything can be changed, and recorded on every change;
- limits: at most ``max_sessions`` at once (503 past that), and a session idle for
  ``idle_seconds`` is ended;
- loopback unless the operator says ``--public``.

Each session is its own process on the shared database (WAL, the conflict rules of two
terminals). A session process that dies loses nothing acknowledged: every change was one
committed transaction before the screen said so.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import shlex
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from workbench.desk import SESSION_REVIEWER_ENV, TOKEN_ENV, check_reviewer
from workbench.errors import InputError

log = logging.getLogger("workbench.serve")

_TEMPLATES = Path(__file__).with_name("serve_templates")


class SessionService(AppService):
    """textual-serve's app process, with the reviewer passed in its environment."""

    def __init__(self, command: str, reviewer: str | None, **kwargs: Any) -> None:
        super().__init__(command, **kwargs)
        self.reviewer = reviewer
        self.first_frame_at: float | None = None

    async def on_data(self, payload: bytes) -> None:
        if self.first_frame_at is None:
            self.first_frame_at = time.monotonic()
        await super().on_data(payload)

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width, height)
        environment.pop(SESSION_REVIEWER_ENV, None)
        environment.pop(TOKEN_ENV, None)  # the session has no use for the desk's token
        if self.reviewer:
            environment[SESSION_REVIEWER_ENV] = self.reviewer
        return environment


@dataclass
class Session:
    """One browser connection and its review process."""

    service: SessionService
    reviewer: str | None
    last_input: float = field(default_factory=time.monotonic)
    websocket: web.WebSocketResponse | None = None


class DeskServer(Server):
    """textual-serve's server with a token, reviewers, and limits."""

    def __init__(
        self,
        db_path: Path,
        *,
        host: str,
        port: int,
        token: str,
        max_sessions: int = 8,
        idle_seconds: float = 1800.0,
    ) -> None:
        command = " ".join(
            shlex.quote(part)
            for part in (sys.executable, "-m", "workbench.tui.session", "--db", str(db_path))
        )
        url_host = f"[{host}]" if ":" in host else host
        super().__init__(
            command,
            host=host,
            port=port,
            title="workbench",
            public_url=f"http://{url_host}:{port}",
            templates_path=_TEMPLATES,
        )
        self.db_path = db_path
        self.token = token
        self.max_sessions = max_sessions
        self.idle_seconds = idle_seconds
        self.sessions: dict[str, Session] = {}
        self._reaper: asyncio.Task[None] | None = None

    @property
    def url(self) -> str:
        return f"{self.public_url}/?token={quote(self.token)}"

    def initialize_logging(self) -> None:
        logging.basicConfig(level="DEBUG" if self.debug else "WARNING", format="%(message)s")

    async def _make_app(self) -> web.Application:
        app = web.Application()
        import aiohttp_jinja2
        import jinja2

        aiohttp_jinja2.setup(
            app, loader=jinja2.FileSystemLoader(str(self.templates_path)), autoescape=True
        )
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws/{token}", self.handle_websocket, name="websocket"),
                web.get("/ws/{token}/{reviewer}", self.handle_websocket),
                web.static("/static", self.statics_path, name="static"),
            ]
        )
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    def _authorised(self, offered: str) -> bool:
        return secrets.compare_digest(offered.encode(), self.token.encode())

    def _refuse(self) -> web.Response:
        return web.Response(
            status=403,
            text="403 forbidden: open the URL that `workbench serve` printed "
            "(it carries the token)\n",
        )

    def _full(self) -> web.Response:
        return web.Response(
            status=503,
            text=f"503 the desk is full ({self.max_sessions} sessions); try again later\n",
        )

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if not self._authorised(request.query.get("token", "")):
            return self._refuse()
        if len(self.sessions) >= self.max_sessions:
            return self._full()
        reviewer = request.query.get("reviewer", "")
        if reviewer:
            try:
                reviewer = check_reviewer(reviewer)
            except InputError as error:
                return web.Response(status=400, text=f"400 {error}\n")
        ws_path = f"/ws/{quote(self.token, safe='')}"
        if reviewer:
            # textual.js appends "?width=…&height=…" to this URL: the name travels in the path.
            ws_path += f"/{quote(reviewer, safe='')}"
        # From the request, not from the address we listen on: behind a TLS proxy the
        # browser must reach the websocket where it reached the page (wss://desk.example/…).
        secure = request.secure or request.headers.get("X-Forwarded-Proto", "") == "https"
        ws_url = f"{'wss' if secure else 'ws'}://{request.host}{ws_path}"
        font_size = request.query.get("fontsize", "16")
        context = {
            "font_size": int(font_size) if font_size.isdigit() and len(font_size) < 3 else 16,
            "app_websocket_url": ws_url,
            "static_url": "/static/",
        }
        import aiohttp_jinja2

        response = aiohttp_jinja2.render_template("desk.html", request, context)
        response.headers["Cache-Control"] = "no-store"
        response.headers["Referrer-Policy"] = "no-referrer"  # the token is in the URL
        return response

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        token = request.match_info["token"]
        reviewer_part = request.match_info.get("reviewer", "")
        if not self._authorised(token):
            return self._refuse()
        if len(self.sessions) >= self.max_sessions:
            return self._full()
        reviewer: str | None = None
        if reviewer_part:
            try:
                reviewer = check_reviewer(unquote(reviewer_part))
            except InputError:
                return self._refuse()
        websocket = web.WebSocketResponse(heartbeat=15)
        width = _dimension(request.query.get("width"), 80)
        height = _dimension(request.query.get("height"), 24)
        await websocket.prepare(request)
        service = SessionService(
            self.command,
            reviewer,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=self.download_manager,
            debug=self.debug,
        )
        session = Session(service, reviewer, websocket=websocket)
        self.sessions[service.app_service_id] = session
        try:
            await service.start(width, height)
            await self._relay(websocket, session)
        except asyncio.CancelledError:
            pass
        finally:
            self.sessions.pop(service.app_service_id, None)
            await service.stop()
            await websocket.close()
        return websocket

    async def _relay(self, websocket: web.WebSocketResponse, session: Session) -> None:
        """Browser to process: keys, resizes, focus; each key counts as activity."""
        service = session.service
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                kind, data = message.json()
            except (ValueError, TypeError):
                continue
            if kind == "stdin" and isinstance(data, str):
                session.last_input = time.monotonic()
                await service.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                await service.set_terminal_size(
                    _dimension(data.get("width"), 80), _dimension(data.get("height"), 24)
                )
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await service.blur()
            elif kind == "focus":
                await service.focus()

    async def on_startup(self, app: web.Application) -> None:
        self._reaper = asyncio.create_task(self._end_idle_sessions())

    async def on_shutdown(self, app: web.Application) -> None:
        if self._reaper is not None:
            self._reaper.cancel()
        for session in list(self.sessions.values()):
            if session.websocket is not None:
                await session.websocket.close()

    async def _end_idle_sessions(self) -> None:
        while True:
            await asyncio.sleep(min(30.0, max(0.2, self.idle_seconds / 4)))
            now = time.monotonic()
            for session in list(self.sessions.values()):
                # idle since the last key, or since the screen was first shown: a slow start
                # is not the reviewer's idleness
                started = session.service.first_frame_at
                if started is None:
                    continue
                if now - max(session.last_input, started) > self.idle_seconds and session.websocket:
                    log.warning("ending a session idle for %.0f s", now - session.last_input)
                    await session.websocket.close()


def _dimension(value: object, default: int) -> int:
    """A terminal width or height from the browser, within sane bounds."""
    try:
        number = int(str(value))
    except ValueError:
        return default
    return min(max(number, 10), 1000)
