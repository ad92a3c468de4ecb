"""Reads about a person's second factors, for the sign-in flow and the account pages."""

from .models import TOTPDevice, WebAuthnCredential


def has_second_factor(*, user) -> bool:
    return (
        TOTPDevice.objects.filter(user=user, confirmed_at__isnull=False).exists()
        or WebAuthnCredential.objects.filter(user=user).exists()
    )
