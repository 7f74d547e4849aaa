"""Every kept snapshot as a WARC 1.1 file (warcio): for each fetch a `response` record
(the HTTP status line and headers as received, the body as kept) and a `request` record
(the request line and headers as sent), linked by WARC-Concurrent-To; a file read from
disk is a `resource` record. Readable by replay tools (pywb, ReplayWeb.page).

The body is kept after content decoding (gzip, deflate), so Content-Encoding and
Transfer-Encoding are renamed X-Archive-Orig-… (pywb's convention for a header that no
longer describes the payload) and Content-Length is the kept length. Each response's
WARC-Payload-Digest is the sha256 the workbench kept for the body (`sha256:` in base32).
Snapshots fetched before headers were kept get headers made from what was kept (status,
content type, length).
"""

from __future__ import annotations

import base64
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from workbench.files import replacing, resolve_target

_REASONS = {200: "OK", 203: "Non-Authoritative Information", 206: "Partial Content"}


def sha256_label(hex_digest: str) -> str:
    """A hex sha256 as a WARC digest label: "sha256:" and base32."""
    return "sha256:" + base64.b32encode(bytes.fromhex(hex_digest)).decode("ascii")


def write_warc(path: Path, snapshots: Iterable[dict[str, Any]]) -> int:
    """Write `snapshots` (as `Store.each_snapshot` gives them) to a gzipped WARC 1.1
    file at `path`, atomically; returns how many were written."""
    from warcio.warcwriter import WARCWriter

    target = resolve_target(path)
    count = 0
    with replacing(target) as temporary, open(temporary, "wb") as out:
        writer = WARCWriter(out, gzip=True, warc_version="1.1")
        writer.write_record(
            writer.create_warcinfo_record(
                target.name, {"software": "workbench", "format": "WARC File Format 1.1"}
            )
        )
        for snapshot in snapshots:
            _write_snapshot(writer, snapshot)
            count += 1
    return count


def _write_snapshot(writer: Any, snapshot: dict[str, Any]) -> None:
    from warcio.statusandheaders import StatusAndHeaders

    body: bytes = snapshot["raw"]
    date = snapshot["fetched_at"]
    digest = {
        "WARC-Date": _warc_date(date),
        "WARC-Payload-Digest": sha256_label(snapshot["raw_sha256"]),
    }
    if not snapshot["final_url"]:  # a file read from disk: no HTTP exchange
        uri = Path(snapshot["requested"]).as_uri()
        record = writer.create_warc_record(
            uri,
            "resource",
            payload=io.BytesIO(body),
            length=len(body),
            warc_content_type=snapshot["content_type"] or "application/octet-stream",
            warc_headers_dict=digest,
        )
        writer.write_record(record)
        return
    uri = snapshot["final_url"]
    protocol = snapshot["http_version"] or "HTTP/1.1"
    status = snapshot["http_status"] or 200
    headers = _response_headers(snapshot, len(body))
    response = writer.create_warc_record(
        uri,
        "response",
        payload=io.BytesIO(body),
        length=len(body),
        http_headers=StatusAndHeaders(
            f"{status} {_REASONS.get(status, 'OK')}", headers, protocol=protocol
        ),
        warc_headers_dict=digest,
    )
    parts = urlsplit(uri)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    sent = snapshot["request_headers"] or [("Host", parts.netloc)]
    # httpx speaks HTTP/1.1 (or 2); a server answering in 1.0 does not change the request
    asked = "HTTP/2" if protocol == "HTTP/2" else "HTTP/1.1"
    request = writer.create_warc_record(
        uri,
        "request",
        payload=io.BytesIO(b""),
        length=0,
        http_headers=StatusAndHeaders(
            f"GET {target} {asked}", list(sent), protocol=asked, is_http_request=True
        ),
        warc_headers_dict={
            "WARC-Date": _warc_date(date),
            "WARC-Concurrent-To": response.rec_headers.get_header("WARC-Record-ID"),
        },
    )
    writer.write_record(response)
    writer.write_record(request)


def _response_headers(snapshot: dict[str, Any], length: int) -> list[tuple[str, str]]:
    received = snapshot["response_headers"]
    if not received:  # kept before headers were: what is known
        received = [("Content-Type", snapshot["content_type"] or "application/octet-stream")]
    headers = []
    for name, value in received:
        if name.lower() in ("content-encoding", "transfer-encoding"):
            headers.append((f"X-Archive-Orig-{name}", value))
        elif name.lower() == "content-length":
            headers.append(("X-Archive-Orig-Content-Length", value))
        else:
            headers.append((name, value))
    headers.append(("Content-Length", str(length)))
    return headers


def _warc_date(value: str) -> str:
    """ISO 8601 in UTC with a Z, as WARC 1.1 wants it (fractions of a second allowed)."""
    return value.replace("+00:00", "Z") if value.endswith("+00:00") else value
