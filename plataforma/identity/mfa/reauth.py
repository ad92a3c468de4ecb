"""Recent authentication before sensitive changes (security review M5).

Adding a second factor (an authenticator app, a security key or passkey) needs proof that the
person at the keyboard is the account's owner, not someone who found a signed-in browser: either
the sign-in of this browser is recent (its SignInSession's `auth_time`), or the password was
re-entered on this browser recently (NIST SP 800-63B §7.1.2 re-authentication; OWASP ASVS 4.0
V3.7.1). Both within MTLOGIN_MFA_RECENT_AUTH_MAX_AGE (default 10 minutes).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from plataforma.identity import auth_flow

REAUTH_KEY = "mtlogin_reauth"


def max_age() -> int:
    return int(getattr(settings, "MTLOGIN_MFA_RECENT_AUTH_MAX_AGE", 600))


def recent(request: HttpRequest) -> bool:
    """Whether the signed-in person signed in, or confirmed the password, in the last minutes."""
    if not request.user.is_authenticated:
        return False
    now = timezone.now()
    sign_in = auth_flow.current_sign_in(request)
    if sign_in is not None and 0 <= (now - sign_in.auth_time).total_seconds() <= max_age():
        return True
    data = request.session.get(REAUTH_KEY)
    if not isinstance(data, dict) or data.get("user_id") != str(request.user.pk):
        return False
    return 0 <= now.timestamp() - float(data.get("at", 0)) <= max_age()


def mark(request: HttpRequest) -> None:
    """The password was just re-entered and found right."""
    request.session[REAUTH_KEY] = {"user_id": str(request.user.pk), "at": timezone.now().timestamp()}
