"""Signals of MT Login for the other parts of identity (the OIDC provider revokes tokens)."""

from django.dispatch import Signal

# sent with sign_in_session=<SignInSession> when a browser's sign-in ends for any reason
sign_in_session_ended = Signal()
