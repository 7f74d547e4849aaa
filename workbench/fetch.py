"""Fetching over HTTP under the workbench's policy (DESIGN.md, "Fetching sources").

- http and https only; no credentials in URLs; redirects followed by hand, at most
  `max_redirects`, each hop checked again;
- anything but global unicast addresses refused unless allowed: the name is resolved
  once, in the connection, which goes only to a checked address (netguard.py); the
  connected peer is checked again after; proxies from the environment are not used;
- connect and whole-fetch timeouts; a size cap enforced while streaming, on the
  decompressed size (we inflate ourselves, bounded, so a gzip bomb stops at the cap);
- retries with backoff only for transient failures; bounded concurrency for batches.
A failed fetch raises FetchError with one line saying why."""

from __future__ import annotations

import asyncio
import tempfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from workbench import __version__
from workbench.config import Settings
from workbench.errors import FetchError
from workbench.eventloop import run_interruptible
from workbench.models import utcnow
from workbench.netguard import (
    Resolver,
    parse_ip,
    pinned_transport,
    private_message,
    refused_address,
    system_resolve,
)

if TYPE_CHECKING:  # httpx is imported where a fetch happens: it costs 50 ms at start-up
    import httpx

USER_AGENT = f"workbench/{__version__} (fact-check workbench; evidence keeping)"
READABLE_TYPES = frozenset(
    {
        "text/html",
        "application/xhtml+xml",
        "text/plain",
        "text/markdown",
        "text/x-markdown",
        "application/pdf",
    }
)
_REDIRECTS = {301, 302, 303, 307, 308}
_TRANSIENT_STATUS = {502, 503, 504}
_RETRY_DELAYS = (0.25, 0.75)
SPOOL_BYTES = 1024 * 1024  # a body being downloaded holds at most this much memory
MAX_URL_LENGTH = 8192


@dataclass
class Fetched:
    requested: str
    final_url: str
    status: int
    media_type: str
    charset: str | None
    body: bytes
    fetched_at: datetime = field(default_factory=utcnow)
    # the exchange as it happened, for archives (WARC): names and values as sent/received
    http_version: str = "HTTP/1.1"
    request_headers: list[tuple[str, str]] = field(default_factory=list)
    response_headers: list[tuple[str, str]] = field(default_factory=list)

    @property
    def content_type(self) -> str:
        return self.media_type + (f"; charset={self.charset}" if self.charset else "")


def check_url(url: str) -> httpx.URL:
    """The URL parsed, or FetchError saying why it cannot be fetched."""
    import httpx

    url = url.strip()
    if not url:
        raise FetchError("empty URL; give an http:// or https:// address")
    if len(url) > MAX_URL_LENGTH:
        raise FetchError(f"URL is {len(url)} characters long; at most {MAX_URL_LENGTH} are fetched")
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError, UnicodeError) as error:
        raise FetchError(f"malformed URL {url[:200]!r}: {error}") from error
    if parsed.scheme not in ("http", "https"):
        scheme = parsed.scheme or url.split(":", 1)[0]
        raise FetchError(f"cannot fetch {scheme}: URLs; only http:// and https:// are fetched")
    if not parsed.host:
        raise FetchError(f"malformed URL {url[:200]!r}: it has no host")
    if "%" in parsed.host or any(c.isspace() for c in url):
        raise FetchError(f"malformed URL {url[:200]!r}: spaces or escapes in it")
    if parsed.userinfo:
        raise FetchError(
            "URLs with a user name or password in them are refused (they would be kept in the"
            " database and in reports); remove the credentials"
        )
    return parsed


def _check_peer(response: httpx.Response, host: str) -> None:
    stream = response.extensions.get("network_stream")
    if stream is None:
        return
    peer = stream.get_extra_info("server_addr")
    if not peer:
        return
    ip = parse_ip(str(peer[0]))
    if ip is None:
        return
    if refused_address(ip):
        raise FetchError(private_message(host, ip))


def _media_type(response: httpx.Response) -> tuple[str, str | None]:
    header = response.headers.get("content-type", "")
    parts = [part.strip() for part in header.split(";")]
    media = parts[0].lower()
    charset = None
    for part in parts[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return media, charset


def _sniff(body: bytes) -> str:
    head = body[:1024].lstrip().lower()
    if body.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith((b"<!doctype html", b"<html")):
        return "text/html"
    return "text/plain"


class Fetcher:
    """Fetches documents under the policy in `settings`. Use as an async context manager,
    or through `fetch_sync` / `fetch_many_sync` from synchronous code."""

    def __init__(
        self,
        settings: Settings,
        transport: httpx.AsyncBaseTransport | None = None,
        resolve: Resolver = system_resolve,
    ):
        self.settings = settings
        self._transport = transport
        self._resolve = resolve  # how host names are resolved (one answer per connection)
        self._client: httpx.AsyncClient | None = None

    async def __aenter__(self) -> Fetcher:
        import httpx

        s = self.settings
        limits = httpx.Limits(max_connections=s.fetch_concurrency * 2)
        self._client = httpx.AsyncClient(
            # connections only to the addresses checked for them (see netguard)
            transport=self._transport or pinned_transport(s.allow_private, limits, self._resolve),
            # HTTP_PROXY & co. are ignored: through a proxy, the proxy would connect to the
            # target and the address check would be checking the proxy (README, Security)
            trust_env=False,
            follow_redirects=False,
            timeout=httpx.Timeout(s.fetch_timeout, connect=s.connect_timeout),
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
            limits=limits,
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def fetch(self, url: str) -> Fetched:
        """Fetch one URL, following redirects; FetchError with one line on failure."""
        check_url(url)
        try:
            async with asyncio.timeout(self.settings.fetch_timeout):
                return await self._follow(url)
        except TimeoutError as error:
            raise FetchError(
                f"timed out after {self.settings.fetch_timeout:g} s fetching {url}"
            ) from error

    async def fetch_each(
        self, urls: Sequence[str], consume: Callable[[int, Fetched | FetchError], None]
    ) -> None:
        """Fetch several URLs, at most `fetch_concurrency` at once, handing each result
        (with its index in `urls`) to `consume` as soon as it is there, so that the
        bodies of a large batch are never all in memory together."""
        gate = asyncio.Semaphore(self.settings.fetch_concurrency)

        async def one(index: int, url: str) -> None:
            async with gate:
                try:
                    result: Fetched | FetchError = await self.fetch(url)
                except FetchError as error:
                    result = error
                consume(index, result)

        await asyncio.gather(*(one(index, url) for index, url in enumerate(urls)))

    async def fetch_many(self, urls: Sequence[str]) -> list[Fetched | FetchError]:
        """Fetch several URLs concurrently (bounded); results in the given order."""
        results: list[Fetched | FetchError | None] = [None] * len(urls)

        def keep(index: int, result: Fetched | FetchError) -> None:
            results[index] = result

        await self.fetch_each(urls, keep)
        return [result for result in results if result is not None]

    def fetch_sync(self, url: str) -> Fetched:
        async def run() -> Fetched:
            async with self:
                return await self.fetch(url)

        return run_interruptible(run)

    def fetch_many_sync(self, urls: Sequence[str]) -> list[Fetched | FetchError]:
        async def run() -> list[Fetched | FetchError]:
            async with self:
                return await self.fetch_many(urls)

        return run_interruptible(run)

    def fetch_each_sync(
        self, urls: Sequence[str], consume: Callable[[int, Fetched | FetchError], None]
    ) -> None:
        async def run() -> None:
            async with self:
                await self.fetch_each(urls, consume)

        run_interruptible(run)

    async def _follow(self, url: str) -> Fetched:
        seen: set[str] = set()
        current = url
        for _ in range(self.settings.max_redirects + 1):
            target = check_url(current)
            if str(target) in seen:
                raise FetchError(f"redirect loop at {target} (fetching {url})")
            seen.add(str(target))
            result = await self._attempt(url, target)
            if isinstance(result, Fetched):
                return result
            current = result
        raise FetchError(
            f"too many redirects (more than {self.settings.max_redirects}) fetching {url}"
        )

    async def _attempt(self, requested: str, target: httpx.URL) -> Fetched | str:
        """One hop, with retries of transient failures; a str is the next URL."""
        for delay in (*_RETRY_DELAYS, None):
            try:
                return await self._hop(requested, target)
            except _Transient as transient:
                if delay is None:
                    raise FetchError(str(transient)) from transient
                await asyncio.sleep(delay)
        raise AssertionError("unreachable")

    async def _hop(self, requested: str, target: httpx.URL) -> Fetched | str:
        import httpx

        assert self._client is not None, "use Fetcher as an async context manager"
        host = target.host
        try:
            async with self._client.stream("GET", target) as response:
                if not self.settings.allow_private:
                    _check_peer(response, host)
                if response.status_code in _REDIRECTS:
                    location = response.headers.get("location")
                    if not location:
                        raise FetchError(
                            f"HTTP {response.status_code} without a Location from {target}"
                        )
                    return str(target.join(location))
                if response.status_code in _TRANSIENT_STATUS:
                    raise _Transient(_status_message(response, target))
                if response.status_code >= 400:
                    raise FetchError(_status_message(response, target))
                media, charset = _media_type(response)
                if media and media not in READABLE_TYPES and media != "application/octet-stream":
                    raise FetchError(
                        f"{target} is {media}, which workbench cannot read;"
                        " it reads HTML, PDF, Markdown and plain text"
                    )
                body = await self._read_capped(response, target)
                if not media or media == "application/octet-stream":
                    media = _sniff(body)
                return Fetched(
                    requested=requested,
                    final_url=str(target),
                    status=response.status_code,
                    media_type=media,
                    charset=charset,
                    body=body,
                    http_version=response.http_version,
                    request_headers=_header_list(response.request.headers.raw),
                    response_headers=_header_list(response.headers.raw),
                )
        except httpx.TimeoutException as error:
            raise FetchError(f"timed out fetching {target} ({type(error).__name__})") from error
        except httpx.RemoteProtocolError as error:
            if "without sending a response" in str(error):  # a kept-alive socket closed
                raise _Transient(f"{host} closed the connection: {_reason(error)}") from error
            # A malformed response (bad or conflicting Content-Length, a bad chunk header)
            # is the server's error, not the network's: asking again gives the same answer.
            raise FetchError(
                f"{host} sent a malformed HTTP response ({_reason(error)}); nothing was kept"
            ) from error
        except httpx.ConnectError as error:
            raise _Transient(f"could not connect to {host}: {_reason(error)}") from error
        except httpx.InvalidURL as error:
            # httpx builds the redirect's request even when it does not follow it, and a
            # Location such as javascript:alert(1) fails there (not an HTTPError).
            raise FetchError(
                f"{target} redirects to an address that is not an http(s) URL ({error});"
                " nothing was kept"
            ) from error
        except httpx.HTTPError as error:
            raise FetchError(f"fetching {target} failed: {_reason(error)}") from error

    async def _read_capped(self, response: httpx.Response, target: httpx.URL) -> bytes:
        cap = self.settings.fetch_max_bytes
        too_big = FetchError(
            f"{target} is larger than the {cap / 1024 / 1024:g} MB cap; raise"
            " WORKBENCH_FETCH_MAX_BYTES to keep it"
        )
        length = response.headers.get("content-length", "")
        encoding = response.headers.get("content-encoding", "identity").strip().lower()
        if length.isdigit() and int(length) > cap and encoding == "identity":
            raise too_big
        if encoding in ("gzip", "x-gzip", "deflate"):
            decoder: Any = zlib.decompressobj(zlib.MAX_WBITS | 32)
        elif encoding in ("identity", ""):
            decoder = None
        else:
            raise FetchError(f"{target} is sent with content encoding {encoding!r}, unsupported")
        size = 0
        with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as spool:
            async for chunk in response.aiter_raw():
                if decoder is None:
                    pieces = [chunk]
                else:
                    try:
                        pieces = _inflate(decoder, chunk, cap + 1 - size)
                    except zlib.error as error:
                        raise FetchError(
                            f"{target} sent a damaged compressed body ({error})"
                        ) from error
                for piece in pieces:
                    size += len(piece)
                    if size > cap:
                        raise too_big
                    spool.write(piece)
            spool.seek(0)
            return spool.read()


def _inflate(decoder: Any, chunk: bytes, room: int) -> list[bytes]:
    """Inflate `chunk` into at most `room` bytes. When input is left once the room is used
    up, a marker byte is added so that the caller sees the total pass the cap and stops:
    a gzip bomb never inflates past the cap."""
    pieces = []
    data = chunk
    while data and room > 0:
        piece = decoder.decompress(data, room)
        pieces.append(piece)
        room -= len(piece)
        data = decoder.unconsumed_tail
    if data:  # input left but no room: more than the cap
        pieces.append(b"\x00")
    return pieces


def _header_list(raw: list[tuple[bytes, bytes]]) -> list[tuple[str, str]]:
    return [(name.decode("latin-1"), value.decode("latin-1")) for name, value in raw]


class _Transient(Exception):
    """A failure worth retrying (connection refused or reset, 502/503/504)."""


def _status_message(response: httpx.Response, target: httpx.URL) -> str:
    return f"HTTP {response.status_code} {response.reason_phrase} from {target}".replace("  ", " ")


def _reason(error: Exception) -> str:
    text = str(error) or type(error).__name__
    if "Connection refused" in text:
        return "connection refused"
    if "Name or service not known" in text or "nodename nor servname" in text:
        return "host not found (DNS)"
    return text.splitlines()[0][:200]
