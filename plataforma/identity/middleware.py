from django.contrib.auth import logout
from django.utils import timezone

from .auth_flow import SIGN_IN_SESSION_KEY
from .models import SignInSession

LAST_SEEN_RESOLUTION = 300  # seconds: "último acesso" is shown to the minute, not the request


class SignInSessionMiddleware:
    """Signs a browser out when its sign-in session was ended elsewhere, and keeps the session's
    'último acesso' fresh (at most one write every five minutes)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            sid = request.session.get(SIGN_IN_SESSION_KEY)
            if sid:
                row = SignInSession.objects.filter(pk=sid).values("ended_at", "last_seen_at").first()
                if row is None or row["ended_at"] is not None:
                    logout(request)
                elif (timezone.now() - row["last_seen_at"]).total_seconds() > LAST_SEEN_RESOLUTION:
                    SignInSession.objects.filter(pk=sid).update(last_seen_at=timezone.now())
        return self.get_response(request)
