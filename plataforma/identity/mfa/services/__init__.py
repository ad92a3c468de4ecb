"""Writes about a person's second factors (issue #3, MT Login). One module per factor."""

from .recovery import normalize_recovery_code, recovery_code_use, recovery_codes_generate
from .totp import totp_confirm, totp_remove, totp_setup_begin, totp_verify
from .webauthn import (
    webauthn_authenticate,
    webauthn_authentication_options,
    webauthn_credential_register,
    webauthn_credential_remove,
    webauthn_credential_rename,
    webauthn_registration_options,
)

__all__ = [
    "normalize_recovery_code",
    "recovery_code_use",
    "recovery_codes_generate",
    "totp_confirm",
    "totp_remove",
    "totp_setup_begin",
    "totp_verify",
    "webauthn_authenticate",
    "webauthn_authentication_options",
    "webauthn_credential_register",
    "webauthn_credential_remove",
    "webauthn_credential_rename",
    "webauthn_registration_options",
]
