"""X-VIA central's settings, each with a development default (read at call time so tests can
override them). Production sets them in the environment through plataforma/settings.py."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from django.conf import settings


def instance() -> str:
    """The X-Road instance identifier (ADR 0033: `XVIA_INSTANCE`, default `MT`)."""
    return getattr(settings, "XVIA_INSTANCE", "MT")


def key_dir() -> Path:
    """Where the CA, TSA and configuration-signing private keys live: outside the repository,
    files with mode 0600 (var/ is git-ignored)."""
    default = Path(getattr(settings, "VAR_DIR", Path(settings.BASE_DIR) / "var")) / "xvia" / "keys"
    return Path(getattr(settings, "XVIA_KEY_DIR", default))


def globalconf_validity() -> timedelta:
    return timedelta(seconds=int(getattr(settings, "XVIA_GLOBALCONF_VALIDITY_SECONDS", 3600)))


def globalconf_refresh_interval() -> int:
    """How often gateways should fetch the document (seconds)."""
    return int(getattr(settings, "XVIA_GLOBALCONF_REFRESH_SECONDS", 60))


def globalconf_renew_margin() -> timedelta:
    """A document expiring within this margin is replaced by a new one (beat runs every 5 min)."""
    return timedelta(seconds=int(getattr(settings, "XVIA_GLOBALCONF_RENEW_MARGIN_SECONDS", 1800)))


def public_url() -> str:
    """The central's public base address, as gateways reach it."""
    return getattr(settings, "XVIA_CENTRAL_URL", getattr(settings, "SITE_URL", "http://127.0.0.1:8000"))


def central_urls() -> list[str]:
    return [f"{public_url().rstrip('/')}/xvia/globalconf/v1/"]


def tsa_url() -> str:
    return getattr(settings, "XVIA_TSA_URL", f"{public_url().rstrip('/')}/xvia/tsa/")


def certificate_validity() -> timedelta:
    return timedelta(days=int(getattr(settings, "XVIA_CERTIFICATE_VALIDITY_DAYS", 365)))


def dev_ca_enabled() -> bool:
    """The development CA issues certificates only where this is on (off in production, where
    ICP-Brasil CAs issue them and the registry only records their certificates)."""
    return bool(getattr(settings, "XVIA_DEV_CA_ENABLED", not getattr(settings, "PRODUCTION", False)))


def admin_agency_roles() -> tuple[str, ...]:
    """AgencyRole values that make a servant an administrator of their agency's X-VIA member
    (ADR 0036). Default: the agency's gestor."""
    return tuple(getattr(settings, "XVIA_ADMIN_AGENCY_ROLES", ("gestor",)))
