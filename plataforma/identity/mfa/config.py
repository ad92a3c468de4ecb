"""The second-factor settings (settings.py block "MT Login: second factor"), read at call time so
that tests and deployments can override them."""

from django.conf import settings

from plataforma.common.ratelimit import Limit

TOTP_DIGITS = 6
TOTP_INTERVAL = 30  # seconds (RFC 6238 §4, the value every authenticator app uses)
RECOVERY_CODE_COUNT = 10
MAX_SECURITY_KEYS = 10
WEBAUTHN_TIMEOUT_MS = 120_000
WEBAUTHN_CHALLENGE_MAX_AGE = 300  # seconds between the options and the browser's answer
NEW_CODES_MAX_AGE = 600  # seconds the freshly generated recovery codes stay downloadable


def rp_id() -> str:
    return settings.MTLOGIN_WEBAUTHN_RP_ID


def rp_name() -> str:
    return getattr(settings, "MTLOGIN_WEBAUTHN_RP_NAME", "MT Login")


def origins() -> list[str]:
    return [origin.rstrip("/") for origin in settings.MTLOGIN_WEBAUTHN_ORIGINS]


def totp_issuer() -> str:
    return getattr(settings, "MTLOGIN_TOTP_ISSUER", "MT Login")


def max_wrong_codes() -> int:
    return getattr(settings, "MTLOGIN_MFA_MAX_WRONG_CODES", 5)


def account_limit() -> Limit:
    count, seconds = getattr(settings, "MTLOGIN_MFA_LIMIT_PER_ACCOUNT", (20, 3600))
    return Limit("mfa.verify", count, seconds)


def reauth_limit() -> Limit:
    count, seconds = getattr(settings, "MTLOGIN_MFA_REAUTH_LIMIT", (10, 900))
    return Limit("mfa.reauth", count, seconds)
