"""Which addresses a fetch may connect to, and a transport that connects only to the
address it checked.

Checking a host name and then letting the HTTP library resolve it again to connect
leaves a gap: a DNS answer that changes between the two (DNS rebinding) sends the request
to an intranet host. Here the name is resolved once, inside the connection itself: every
address of the answer is checked, and the socket is opened to one of those addresses.
The request keeps the name -- httpcore sends the Host header and does TLS (SNI and the
certificate check) for the URL's host, never for the IP it connected to.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Iterable
from typing import TYPE_CHECKING, Any

from workbench.errors import FetchError

if TYPE_CHECKING:
    import httpcore
    import httpx

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[list[str]]]

_GLOBAL_UNICAST_V6 = ipaddress.ip_network("2000::/3")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")  # well-known prefix: the last 32 bits are IPv4
_TRANSLATED = ipaddress.ip_network("::ffff:0:0:0/96")  # "IPv4-translated" (SIIT)
_COMPATIBLE = ipaddress.ip_network("::/96")  # deprecated "IPv4-compatible" addresses
_IETF_PROTOCOL = ipaddress.ip_network("192.0.0.0/24")


def embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 transition form carries (mapped, translated, NAT64,
    6to4, compatible), which is where a packet to it really goes."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in _NAT64 or ip in _TRANSLATED or ip in _COMPATIBLE:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def refused_address(ip: IPAddress) -> bool:
    """Anything that is not global unicast is refused: private, loopback, link-local,
    site-local, multicast, reserved, and transition forms carrying such an IPv4."""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.teredo is not None:
            return True  # tunnelled to an address we cannot check
        inner = embedded_ipv4(ip)
        if inner is not None:
            return refused_address(inner)
        return not (ip in _GLOBAL_UNICAST_V6 and ip.is_global) or ip.is_multicast
    return (
        not ip.is_global
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or ip in _IETF_PROTOCOL
        or ip == ipaddress.IPv4Address("255.255.255.255")
    )


def private_message(host: str, ip: object) -> str:
    return (
        f"{host} is a private address ({ip}); fetching it is refused — pass --allow-private"
        " or set WORKBENCH_ALLOW_PRIVATE=1 for intranet sources"
    )


def parse_ip(text: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(text.split("%")[0])
    except ValueError:
        return None


async def system_resolve(host: str, port: int) -> list[str]:
    """The addresses of `host`, in the order the system resolver gives them."""
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(f"could not resolve host {host} (DNS: {error})") from error
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


async def checked_addresses(
    host: str, port: int, allow_private: bool, resolve: Resolver = system_resolve
) -> list[str]:
    """`host` resolved once (an IP literal as is); FetchError if any address is refused."""
    literal = parse_ip(host.strip("[]"))
    addresses = [str(literal)] if literal is not None else await resolve(host, port)
    if not addresses:
        raise FetchError(f"could not resolve host {host} (DNS: no address)")
    if not allow_private:
        for address in addresses:
            ip = parse_ip(address)
            if ip is None or refused_address(ip):
                raise FetchError(private_message(host, address))
    return addresses


def pinned_transport(
    allow_private: bool, limits: httpx.Limits, resolve: Resolver = system_resolve
) -> httpx.AsyncHTTPTransport:
    """An httpx transport whose connections go only to checked addresses. Proxies from
    the environment are not used (a proxy would make the connection, not us)."""
    import httpcore
    import httpx

    class PinnedBackend(httpcore.AsyncNetworkBackend):
        def __init__(self) -> None:
            self.inner = httpcore.AnyIOBackend()

        async def connect_tcp(
            self,
            host: str,
            port: int,
            timeout: float | None = None,
            local_address: str | None = None,
            socket_options: Iterable[Any] | None = None,
        ) -> httpcore.AsyncNetworkStream:
            addresses = await checked_addresses(host, port, allow_private, resolve)
            failure: Exception | None = None
            for address in addresses:  # the checked ones, and only those
                try:
                    return await self.inner.connect_tcp(
                        address, port, timeout, local_address, socket_options
                    )
                except (httpcore.ConnectError, httpcore.ConnectTimeout) as error:
                    failure = error
            assert failure is not None
            raise failure

        async def connect_unix_socket(self, *args: Any, **kwargs: Any) -> Any:
            raise FetchError("fetching over a Unix socket is not supported")

        async def sleep(self, seconds: float) -> None:
            await self.inner.sleep(seconds)

    transport = httpx.AsyncHTTPTransport(limits=limits, trust_env=False)
    # httpx does not take a network backend; its pool is rebuilt the way it builds it,
    # with ours (tests/test_fetch_security.py proves connections go through it)
    transport._pool = httpcore.AsyncConnectionPool(
        ssl_context=httpx.create_ssl_context(),  # SSL_CERT_FILE / SSL_CERT_DIR still apply
        max_connections=limits.max_connections,
        max_keepalive_connections=limits.max_keepalive_connections,
        keepalive_expiry=limits.keepalive_expiry,
        network_backend=PinnedBackend(),
    )
    return transport
