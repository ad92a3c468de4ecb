"""Reads about a person's second factors, for the sign-in flow and the account pages."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pyotp
import segno
from django.utils.html import escape
from django.utils.translation import gettext as _

from . import config
from .models import RecoveryCode, TOTPDevice, WebAuthnCredential


def has_second_factor(*, user) -> bool:
    """One query (every password sign-in asks)."""
    totp = TOTPDevice.objects.filter(user=user, confirmed_at__isnull=False).values("pk")
    keys = WebAuthnCredential.objects.filter(user=user).values("pk")
    return totp.union(keys, all=True).exists()


@dataclass(frozen=True)
class Factors:
    """What the account has: shown on the management page and offered at the second step."""

    totp: TOTPDevice | None
    keys: list[WebAuthnCredential]
    recovery_remaining: int

    @property
    def any(self) -> bool:
        return self.totp is not None or bool(self.keys)


def factors_of(*, user) -> Factors:
    return Factors(
        totp=TOTPDevice.objects.filter(user=user, confirmed_at__isnull=False).first(),
        keys=list(WebAuthnCredential.objects.filter(user=user).order_by("created_at")),
        recovery_remaining=recovery_codes_remaining(user=user),
    )


def recovery_codes_remaining(*, user) -> int:
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()


def security_key_of(*, user, pk) -> WebAuthnCredential | None:
    """One of the person's own keys; None for anybody else's (the view answers 404)."""
    return WebAuthnCredential.objects.filter(user=user, pk=pk).first()


@dataclass(frozen=True)
class Provisioning:
    uri: str
    qr_svg: str
    key_groups: list[str]


def totp_provisioning(*, user, secret: str) -> Provisioning:
    """The otpauth:// URI (Key URI Format), its QR code as inline SVG markup, and the key in
    groups of four for typing by hand. The label is the masked CPF: the full CPF never goes to
    the authenticator app (or its cloud backup)."""
    label = user.masked_cpf or user.get_short_name()
    uri = pyotp.TOTP(secret, digits=config.TOTP_DIGITS, interval=config.TOTP_INTERVAL).provisioning_uri(
        name=label, issuer_name=config.totp_issuer()
    )
    qr = segno.make(uri, error="m")
    out = io.BytesIO()
    qr.save(
        out,
        kind="svg",
        scale=5,
        border=4,
        dark="#000",
        light="#fff",
        xmldecl=False,
        svgns=True,
        title=None,
        desc=None,
        svgclass="mfa-qr",
        lineclass=None,
        omitsize=False,
    )
    svg = out.getvalue().decode()
    # The page's CSP forbids inline styles; segno writes none, and this guarantees it stays so.
    svg = re.sub(r'\sstyle="[^"]*"', "", svg)
    name = _("QR code para cadastrar a conta %(label)s no aplicativo autenticador") % {"label": label}
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(name)}" ', 1)
    return Provisioning(uri=uri, qr_svg=svg, key_groups=[secret[i : i + 4] for i in range(0, len(secret), 4)])
