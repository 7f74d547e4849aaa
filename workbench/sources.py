"""A source as kept evidence: fetched (URL) or read (file), its readable text, its hashes.

Nothing here writes to the database: a Document is complete, or an error is raised, before
the store keeps anything, so a fetch that fails half-way leaves no trace.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from workbench.config import Settings
from workbench.errors import FetchError, WorkbenchError
from workbench.fetch import Fetched, Fetcher, check_url
from workbench.ingest import (
    SOURCE,
    is_url,
    read_file,
    readable_bytes,
    readable_fetched,
    require_source,
)
from workbench.models import utcnow

_SUFFIX_TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".xhtml": "application/xhtml+xml",
    ".pdf": "application/pdf",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".txt": "text/plain",
}


@dataclass
class Document:
    requested: str
    final_url: str | None
    http_status: int | None
    content_type: str | None
    body: bytes
    text: str
    title: str | None
    published: str | None
    fetched_at: datetime = field(default_factory=utcnow)
    # the HTTP exchange as it happened (kept for WARC archives); none for files
    http_version: str | None = None
    request_headers: list[tuple[str, str]] = field(default_factory=list)
    response_headers: list[tuple[str, str]] = field(default_factory=list)

    @property
    def raw_sha256(self) -> str:
        return hashlib.sha256(self.body).hexdigest()

    @property
    def text_sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()


def source_key(source: str) -> str:
    """What identifies a source: the URL without its fragment, or the absolute file path."""
    if is_url(source):
        url = check_url(source).copy_with(fragment=None)
        return str(url)
    return str(Path(source).expanduser().resolve())


def read_document(source: str, settings: Settings) -> Document:
    """Fetch a URL or read a file into a Document (or raise a WorkbenchError)."""
    require_source(source)
    if is_url(source):
        return _from_fetched(source_key(source), Fetcher(settings).fetch_sync(source))
    return _from_file(source, settings)


def each_document(
    sources: Sequence[str],
    settings: Settings,
    consume: Callable[[int, Document | WorkbenchError], None],
) -> None:
    """Read several sources, URLs fetched concurrently (bounded), handing each Document
    (or the error that stopped it) to `consume` with its index as soon as it is read, so
    that the documents of a large batch are never all in memory together."""
    urls = [(index, source) for index, source in enumerate(sources) if is_url(source)]
    for index, source in enumerate(sources):
        if not is_url(source):
            try:
                consume(index, _from_file(source, settings))
            except WorkbenchError as error:
                consume(index, error)

    def deliver(position: int, result: Fetched | FetchError) -> None:
        index, source = urls[position]
        try:
            if isinstance(result, FetchError):
                raise result
            document: Document | WorkbenchError = _from_fetched(source_key(source), result)
        except WorkbenchError as error:
            document = error
        consume(index, document)

    if urls:
        Fetcher(settings).fetch_each_sync([source for _, source in urls], deliver)


def _from_fetched(requested: str, fetched: Fetched) -> Document:
    readable = readable_fetched(fetched)
    if not readable.text.strip():
        raise FetchError(f"{fetched.final_url} has no readable text; nothing was kept")
    return Document(
        requested=requested,
        final_url=fetched.final_url,
        http_status=fetched.status,
        content_type=fetched.content_type,
        body=fetched.body,
        text=readable.text,
        title=readable.title,
        published=readable.published,
        fetched_at=fetched.fetched_at,
        http_version=fetched.http_version,
        request_headers=fetched.request_headers,
        response_headers=fetched.response_headers,
    )


def _from_file(source: str, settings: Settings) -> Document:
    path = Path(source).expanduser()
    raw = read_file(path, settings.fetch_max_bytes, SOURCE)
    suffix = path.suffix.lower()
    readable = readable_bytes(raw, str(path), None, suffix)
    return Document(
        requested=str(path.resolve()),
        final_url=None,
        http_status=None,
        content_type=_SUFFIX_TYPES.get(suffix, "text/plain"),
        body=raw,
        text=readable.text,
        title=readable.title or path.name,
        published=readable.published,
    )
