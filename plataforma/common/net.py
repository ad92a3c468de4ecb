"""The address of the person behind a request.

Behind the load balancer every request arrives from the balancer's address, so rate limits,
brute-force counters and the audit trail must read X-Forwarded-For — but only the part that the
platform's own proxies wrote: from the right, skip the addresses in TRUSTED_PROXIES (addresses or
networks); the first one that is not trusted is the client. Without trusted proxies configured,
X-Forwarded-For is ignored (anyone can write it).
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest


@lru_cache(maxsize=1)
def _trusted_networks(spec: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(item.strip(), strict=False) for item in spec if item.strip())


def _is_trusted(address: str, networks) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    remote = _valid(request.META.get("REMOTE_ADDR", "") or "")
    networks = _trusted_networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ()))
    if remote is None or not networks or not _is_trusted(remote, networks):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")[:1000]
    for hop in reversed([part.strip() for part in forwarded.split(",") if part.strip()]):
        address = _valid(hop)
        if address is None:
            return remote  # a malformed chain: trust only what we saw ourselves
        if not _is_trusted(address, networks):
            return address
    return remote
