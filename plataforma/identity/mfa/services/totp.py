"""The authenticator app (TOTP, RFC 6238): set-up with confirmation, verification without replay,
removal."""

from __future__ import annotations

from datetime import timedelta

import pyotp
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plataforma.common.crypto import decrypt, encrypt
from plataforma.identity.auth_flow import record_event
from plataforma.identity.models import SecurityEvent, User

from .. import config
from ..errors import SecondFactorError
from ..models import TOTPDevice, WebAuthnCredential
from .notify import notify_factor_change
from .recovery import recovery_codes_discard, recovery_codes_generate

# An unconfirmed secret is kept this long, so that reloading the set-up page keeps the QR code
# the person may already have scanned; after that a new secret is drawn.
SETUP_MAX_AGE = timedelta(minutes=30)


def _totp(secret: str) -> pyotp.TOTP:
    return pyotp.TOTP(secret, digits=config.TOTP_DIGITS, interval=config.TOTP_INTERVAL)


def _matching_step(device: TOTPDevice, code: str) -> int | None:
    """The time step whose code is `code`, within one step of now either side (pyotp's
    valid_window=1: RFC 6238 §5.2 allows for clock drift and typing time), or None."""
    if not (len(code) == config.TOTP_DIGITS and code.isdigit()):
        return None
    totp = _totp(decrypt(device.secret_encrypted))
    try:
        return totp.verify_and_get_timecode(code, for_time=timezone.now(), valid_window=1)
    except pyotp.exceptions.OTPVerificationError:
        return None


@transaction.atomic
def totp_setup_begin(*, user: User) -> tuple[TOTPDevice, str]:
    """Start (or resume) setting up the authenticator app. Returns the unconfirmed device and its
    secret (160 random bits, RFC 4226 §4), which is stored only encrypted."""
    device = TOTPDevice.objects.select_for_update().filter(user=user).first()
    if device is not None and device.confirmed_at is not None:
        raise SecondFactorError(_("O aplicativo autenticador já está cadastrado nesta conta."))
    now = timezone.now()
    if device is not None and now - device.created_at < SETUP_MAX_AGE:
        return device, decrypt(device.secret_encrypted)
    secret = pyotp.random_base32()
    if device is None:
        device = TOTPDevice.objects.create(user=user, secret_encrypted=encrypt(secret), created_at=now)
    else:
        device.secret_encrypted = encrypt(secret)
        device.created_at = now
        device.last_used_step = 0
        device.save(update_fields=["secret_encrypted", "created_at", "last_used_step"])
    return device, secret


@transaction.atomic
def totp_confirm(*, user: User, code: str, request: HttpRequest | None = None) -> list[str]:
    """Finish the set-up with a code from the app. Returns the new recovery codes (shown once)."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed_at__isnull=True).first()
    if device is None:
        raise SecondFactorError(_("Comece de novo o cadastro do aplicativo autenticador."))
    step = _matching_step(device, code)
    if step is None:
        raise SecondFactorError(_("Código incorreto. Confira o código que aparece agora no aplicativo."))
    device.confirmed_at = timezone.now()
    device.last_used_step = step  # the confirmation code cannot be replayed at sign-in
    device.save(update_fields=["confirmed_at", "last_used_step"])
    record_event(user, SecurityEvent.Kind.TOTP_ADDED, request)
    codes = recovery_codes_generate(user=user, request=request)
    notify_factor_change(user=user, kind=SecurityEvent.Kind.TOTP_ADDED)
    return codes


@transaction.atomic
def totp_verify(*, user: User, code: str) -> bool:
    """True when `code` is the app's current code and its time step is later than the last one
    accepted: a code is never accepted twice (RFC 6238 §5.2). The device row is locked so two
    simultaneous requests cannot both spend the same step."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed_at__isnull=False).first()
    if device is None:
        return False
    step = _matching_step(device, code)
    if step is None or step <= device.last_used_step:
        return False
    device.last_used_step = step
    device.save(update_fields=["last_used_step"])
    return True


@transaction.atomic
def totp_remove(*, user: User, request: HttpRequest | None = None) -> bool:
    """Remove the authenticator app (the caller has checked the password again). Without any
    other factor left, the recovery codes are discarded too. False when there was none."""
    device = TOTPDevice.objects.select_for_update().filter(user=user).first()
    if device is None:
        return False
    was_confirmed = device.confirmed_at is not None
    device.delete()
    if not was_confirmed:
        return False
    if not WebAuthnCredential.objects.filter(user=user).exists():
        recovery_codes_discard(user=user)
    record_event(user, SecurityEvent.Kind.TOTP_REMOVED, request)
    notify_factor_change(user=user, kind=SecurityEvent.Kind.TOTP_REMOVED)
    return True
