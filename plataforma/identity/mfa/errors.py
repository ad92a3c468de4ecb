"""Errors of the second-factor services, with the message the person reads."""

from django.core.exceptions import ValidationError


class SecondFactorError(ValidationError):
    """A second-factor operation was refused; nothing changed."""


class SignCountRegressed(SecondFactorError):
    """A security key answered with a signature counter that did not grow: possibly a cloned
    authenticator (W3C WebAuthn L2 §6.1.1, §7.2 step 21)."""
