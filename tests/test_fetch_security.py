"""Fetching connects only where it checked: one DNS answer per connection (no rebinding),
every non-global address form refused (IPv6 transition forms carrying a private IPv4
included), proxies from the environment ignored. Against a real server on 127.0.0.1."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from tests.conftest import Run
from workbench.config import Settings
from workbench.errors import FetchError
from workbench.fetch import Fetcher
from workbench.netguard import refused_address

PAGE = "<html><head><title>Trade</title></head><body><p>Trade reached $155.6bn.</p></body></html>"

REFUSED = [
    "::7f00:1",  # IPv4-compatible 127.0.0.1
    "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
    "2002:a9fe:a9fe::1",  # 6to4 of 169.254.169.254
    "::ffff:0:7f00:1",  # IPv4-translated 127.0.0.1
    "::ffff:10.0.0.1",  # IPv4-mapped private
    "fec0::1",  # site-local
    "fe80::1",
    "fc00::1",
    "ff02::1",
    "2001::1",  # Teredo
    "64:ff9b:1::a00:1",  # local-use NAT64
    "224.0.0.1",  # multicast
    "192.0.0.8",
    "240.0.0.1",
    "100.64.0.1",
    "0.0.0.0",
    "255.255.255.255",
]
ALLOWED = ["93.184.216.34", "2606:4700:4700::1111", "64:ff9b::5db8:d822", "2002:5db8:d822::1"]


@pytest.mark.parametrize("address", REFUSED)
def test_addresses_that_are_not_global_unicast_are_refused(
    run: Run,
    seeded: int,
    db_path: Path,
    digest: Callable[[Path], str],
    address: str,
) -> None:
    claim = run.json("claims", "--json")[0]["id"]
    host = f"[{address}]" if ":" in address else address
    before = digest(db_path)
    result = run("attach", str(claim), f"http://{host}:9/page")
    assert result.exit_code == 1
    assert "is a private address" in result.stderr, result.stderr
    assert digest(db_path) == before


@pytest.mark.parametrize("address", ALLOWED)
def test_global_addresses_and_their_transition_forms_pass(address: str) -> None:
    assert not refused_address(ipaddress.ip_address(address))


class Rebinding:
    """A resolver whose answer changes after the first question, as a rebinding attacker's
    DNS server does; it counts the questions."""

    def __init__(self, first: str, then: str) -> None:
        self.answers = [first, then]
        self.questions = 0

    async def __call__(self, host: str, port: int) -> list[str]:
        self.questions += 1
        return [self.answers[min(self.questions, 2) - 1]]


def test_the_connection_goes_to_the_one_address_resolved(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/page").respond_with_data(PAGE, content_type="text/html")
    resolver = Rebinding("127.0.0.1", "127.0.0.2")  # nothing listens on .2
    settings = Settings(allow_private=True)
    fetched = Fetcher(settings, resolve=resolver).fetch_sync(
        f"http://news.example:{httpserver.port}/page"
    )
    assert fetched.body.decode() == PAGE and resolver.questions == 1
    [(request, _)] = httpserver.log
    assert request.headers["Host"] == f"news.example:{httpserver.port}"  # the name is kept


def test_a_name_rebound_to_a_private_address_after_the_check_is_never_reached(
    httpserver: HTTPServer,
) -> None:
    httpserver.expect_request("/page").respond_with_data(PAGE, content_type="text/html")
    resolver = Rebinding("93.184.216.34", "127.0.0.1")  # public when checked, then local
    settings = Settings(allow_private=False, connect_timeout=1, fetch_timeout=5)
    with pytest.raises(FetchError):
        Fetcher(settings, resolve=resolver).fetch_sync(
            f"http://rebind.example:{httpserver.port}/page"
        )
    assert httpserver.log == []  # the intranet server got nothing


def test_a_private_answer_is_refused_before_connecting(httpserver: HTTPServer) -> None:
    resolver = Rebinding("10.1.2.3", "10.1.2.3")
    with pytest.raises(FetchError, match=r"intranet\.example is a private address"):
        Fetcher(Settings(), resolve=resolver).fetch_sync("http://intranet.example/page")
    assert resolver.questions == 1


def test_proxies_from_the_environment_are_not_used(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    proxy = HTTPServer(host="127.0.0.1", port=0)
    proxy.start()
    try:
        proxy.expect_request("/page").respond_with_data("from the proxy")
        for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY"):
            monkeypatch.setenv(name, proxy.url_for("/"))
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        httpserver.expect_request("/page").respond_with_data(PAGE, content_type="text/html")
        fetched = Fetcher(Settings(allow_private=True)).fetch_sync(httpserver.url_for("/page"))
        assert fetched.body.decode() == PAGE
        assert proxy.log == []
    finally:
        proxy.clear()
        proxy.stop()
