"""Security keys and passkeys (W3C Web Authentication Level 2, with py_webauthn): registration,
authentication as a second factor, renaming and removal.

The browser's answers are checked by py_webauthn against the challenge kept in the session, the
relying party ID and the configured origins (settings block "MT Login: second factor")."""

from __future__ import annotations

import logging
from typing import Any

from cryptography.exceptions import InvalidSignature
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url, options_to_json_dict
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AttestationConveyancePreference,
    AuthenticatorSelectionCriteria,
    AuthenticatorTransport,
    CredentialDeviceType,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from plataforma.identity.auth_flow import record_event
from plataforma.identity.models import SecurityEvent, User

from .. import config
from ..errors import SecondFactorError, SignCountRegressed
from ..models import TOTPDevice, WebAuthnCredential
from .notify import notify_factor_change
from .recovery import recovery_codes_discard

logger = logging.getLogger(__name__)

# What a malformed answer from a browser can raise inside py_webauthn's parsers.
_BAD_ANSWER = (
    WebAuthnException,
    InvalidSignature,
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    AttributeError,
)
_KNOWN_TRANSPORTS = {t.value for t in AuthenticatorTransport}


def _transports(values: Any) -> list[str]:
    if not isinstance(values, list):
        return []
    return [v for v in values if isinstance(v, str) and v in _KNOWN_TRANSPORTS][:8]


def _descriptor(credential: WebAuthnCredential) -> PublicKeyCredentialDescriptor:
    return PublicKeyCredentialDescriptor(
        id=base64url_to_bytes(credential.credential_id),
        transports=[AuthenticatorTransport(t) for t in _transports(credential.transports)] or None,
    )


def webauthn_registration_options(*, user: User) -> tuple[dict, bytes]:
    """Options for navigator.credentials.create(), and the challenge to keep in the session.
    The account's keys are excluded (no key registered twice); the user handle is the account's
    UUID, never the CPF; passkeys are welcome (resident key and user verification "preferred");
    no attestation is asked for (privacy, and no vendor list to maintain)."""
    if WebAuthnCredential.objects.filter(user=user).count() >= config.MAX_SECURITY_KEYS:
        raise SecondFactorError(
            _("Você já cadastrou o número máximo de chaves (%(n)d). Remova uma antes de cadastrar outra.")
            % {"n": config.MAX_SECURITY_KEYS}
        )
    options = generate_registration_options(
        rp_id=config.rp_id(),
        rp_name=config.rp_name(),
        user_id=user.pk.bytes,
        user_name=user.masked_cpf or user.get_short_name(),
        user_display_name=user.display_name,
        timeout=config.WEBAUTHN_TIMEOUT_MS,
        attestation=AttestationConveyancePreference.NONE,
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.PREFERRED,
            user_verification=UserVerificationRequirement.PREFERRED,
        ),
        exclude_credentials=[_descriptor(c) for c in WebAuthnCredential.objects.filter(user=user)],
    )
    return options_to_json_dict(options), options.challenge


def webauthn_credential_register(
    *, user: User, name: str, credential: dict, challenge: bytes, request: HttpRequest | None = None
) -> WebAuthnCredential:
    """Check the browser's answer to the registration options and keep the new key."""
    try:
        verified = verify_registration_response(
            credential=credential,
            expected_challenge=challenge,
            expected_rp_id=config.rp_id(),
            expected_origin=config.origins(),
        )
    except _BAD_ANSWER as exc:
        logger.info("WebAuthn registration refused: %s", exc)
        raise SecondFactorError(_("Não foi possível confirmar a chave de segurança. Tente de novo.")) from exc
    credential_id = bytes_to_base64url(verified.credential_id)
    if len(credential_id) > WebAuthnCredential._meta.get_field("credential_id").max_length:
        raise SecondFactorError(_("Esta chave de segurança não é compatível."))
    response = credential.get("response") if isinstance(credential.get("response"), dict) else {}
    try:
        with transaction.atomic():
            User.objects.select_for_update().filter(pk=user.pk).first()  # one registration at a time
            if WebAuthnCredential.objects.filter(user=user).count() >= config.MAX_SECURITY_KEYS:
                raise SecondFactorError(_("Você já cadastrou o número máximo de chaves."))
            key = WebAuthnCredential.objects.create(
                user=user,
                name=name,
                credential_id=credential_id,
                public_key=verified.credential_public_key,
                sign_count=verified.sign_count,
                transports=_transports(response.get("transports")),
                aaguid=verified.aaguid,
                backup_eligible=verified.credential_device_type == CredentialDeviceType.MULTI_DEVICE,
            )
            record_event(user, SecurityEvent.Kind.WEBAUTHN_ADDED, request, name=name)
            notify_factor_change(user=user, kind=SecurityEvent.Kind.WEBAUTHN_ADDED, name=name)
    except IntegrityError as exc:
        raise SecondFactorError(_("Esta chave de segurança já está cadastrada.")) from exc
    return key


def webauthn_authentication_options(*, user: User) -> tuple[dict, bytes]:
    """Options for navigator.credentials.get() listing the account's keys, and the challenge."""
    keys = list(WebAuthnCredential.objects.filter(user=user))
    if not keys:
        raise SecondFactorError(_("Esta conta não tem chave de segurança cadastrada."))
    options = generate_authentication_options(
        rp_id=config.rp_id(),
        timeout=config.WEBAUTHN_TIMEOUT_MS,
        allow_credentials=[_descriptor(k) for k in keys],
        user_verification=UserVerificationRequirement.PREFERRED,
    )
    return options_to_json_dict(options), options.challenge


def webauthn_authenticate(
    *, user: User, credential: dict, challenge: bytes, request: HttpRequest | None = None
) -> WebAuthnCredential:
    """Check an assertion made with one of the account's keys and advance its signature counter.

    A counter that does not grow (when either side is non-zero) is refused and written to the
    security log: it is the sign of a cloned authenticator (WebAuthn L2 §6.1.1). The signature
    is verified before that, so only a genuine key can produce that log entry."""
    credential_id = credential.get("id")
    if not isinstance(credential_id, str) or not credential_id or len(credential_id) > 1400:
        raise SecondFactorError(_("Resposta inválida da chave de segurança."))
    regressed: dict | None = None
    with transaction.atomic():
        key = (
            WebAuthnCredential.objects.select_for_update()
            .filter(user=user, credential_id=credential_id)
            .first()
        )
        if key is None:
            raise SecondFactorError(_("Esta chave de segurança não está cadastrada nesta conta."))
        try:
            verified = verify_authentication_response(
                credential=credential,
                expected_challenge=challenge,
                expected_rp_id=config.rp_id(),
                expected_origin=config.origins(),
                credential_public_key=bytes(key.public_key),
                credential_current_sign_count=0,  # the counter is checked below, after the signature
            )
        except _BAD_ANSWER as exc:
            logger.info("WebAuthn assertion refused: %s", exc)
            raise SecondFactorError(
                _("Não foi possível confirmar a chave de segurança. Tente de novo.")
            ) from exc
        new_count = verified.new_sign_count
        if (new_count > 0 or key.sign_count > 0) and new_count <= key.sign_count:
            regressed = {"stored": key.sign_count, "received": new_count}
        else:
            key.sign_count = new_count
            key.last_used_at = timezone.now()
            key.save(update_fields=["sign_count", "last_used_at"])
    if regressed is not None:
        record_event(
            user,
            SecurityEvent.Kind.SIGN_IN_FAILED,
            request,
            method="hwk",
            reason="webauthn_sign_count_regressed",
            key=key.name,
            **regressed,
        )
        logger.warning("WebAuthn signature counter did not grow for credential %s", key.pk)
        raise SignCountRegressed(
            _("Esta chave de segurança foi recusada por segurança. Use outro fator ou fale com o suporte.")
        )
    return key


@transaction.atomic
def webauthn_credential_rename(*, user: User, key: WebAuthnCredential, name: str) -> WebAuthnCredential:
    if key.user_id != user.pk:
        raise SecondFactorError(_("Chave de segurança não encontrada."))
    key.name = name
    key.save(update_fields=["name"])
    return key


@transaction.atomic
def webauthn_credential_remove(
    *, user: User, key: WebAuthnCredential, request: HttpRequest | None = None
) -> None:
    """Remove a key (the caller has checked the password again). Without any other factor left,
    the recovery codes are discarded too."""
    if key.user_id != user.pk:
        raise SecondFactorError(_("Chave de segurança não encontrada."))
    name = key.name
    key.delete()
    if (
        not WebAuthnCredential.objects.filter(user=user).exists()
        and not TOTPDevice.objects.filter(user=user, confirmed_at__isnull=False).exists()
    ):
        recovery_codes_discard(user=user)
    record_event(user, SecurityEvent.Kind.WEBAUTHN_REMOVED, request, name=name)
    notify_factor_change(user=user, kind=SecurityEvent.Kind.WEBAUTHN_REMOVED, name=name)
