"""The sign-in flow shared by every way of signing in (password, second factor, certificate).

A first factor that is not enough on its own (a password when the account has a second factor)
leaves a *pending* sign-in in the session; the second-factor step finishes it. `complete_sign_in`
is the only place that logs a person in: it rotates the session, records the sign-in session
(which the person can see and end), the methods used (`amr`) and the level reached (`acr`), and
writes the security log, flagging new devices.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from importlib import import_module

from django.conf import settings
from django.contrib.auth import login, logout
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from plataforma.common.net import client_ip as common_client_ip

from .models import Level, SecurityEvent, SignInSession, User

PENDING_KEY = "mtlogin_pending"
SIGN_IN_SESSION_KEY = "mtlogin_sid"
DEVICE_COOKIE = "mtlogin_dispositivo"
PENDING_MAX_AGE = 600  # seconds to finish the second step


@dataclass(frozen=True)
class Pending:
    user_id: str
    amr: list[str]
    next_url: str
    started_at: float


def safe_next(request: HttpRequest, next_url: str | None, default: str | None = None) -> str:
    """`next_url` if it is a path on this site, else the default (never an open redirect, and
    never something `redirect()` would take for a URL name or a scheme-relative address)."""
    if (
        next_url
        and next_url.startswith("/")
        and not next_url.startswith(("//", "/\\"))
        and url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return next_url
    return default or reverse("identity:account")


def client_ip(request: HttpRequest) -> str | None:
    return common_client_ip(request)


def device_label(user_agent: str) -> str:
    """A short, human description of a browser ("Firefox no Linux"), never the raw string."""
    ua = user_agent or ""
    browser = next(
        (
            name
            for key, name in (
                ("Edg/", "Edge"),
                ("OPR/", "Opera"),
                ("Firefox/", "Firefox"),
                ("Chrome/", "Chrome"),
                ("Safari/", "Safari"),
            )
            if key in ua
        ),
        "Navegador",
    )
    system = next(
        (
            name
            for key, name in (
                ("Android", "Android"),
                ("iPhone", "iPhone"),
                ("iPad", "iPad"),
                ("Windows", "Windows"),
                ("Mac OS X", "macOS"),
                ("Linux", "Linux"),
            )
            if key in ua
        ),
        "sistema desconhecido",
    )
    return f"{browser} em {system}"


def record_event(user: User, kind: str, request: HttpRequest | None = None, **details) -> SecurityEvent:
    """Write one row of the person's security log. `details` must never carry secrets."""
    return SecurityEvent.objects.create(
        user=user,
        kind=kind,
        ip_address=client_ip(request) if request else None,
        device_label=device_label(request.headers.get("User-Agent", "")) if request else "",
        details=details,
    )


# --- pending (first factor done, second factor to come) --------------------------------------


def set_pending(request: HttpRequest, user: User, *, amr: list[str], next_url: str) -> None:
    request.session.cycle_key()
    request.session[PENDING_KEY] = {
        "user_id": str(user.pk),
        "amr": amr,
        "next": next_url,
        "started_at": timezone.now().timestamp(),
    }


def get_pending(request: HttpRequest) -> tuple[User, Pending] | None:
    data = request.session.get(PENDING_KEY)
    if not data:
        return None
    if timezone.now().timestamp() - data["started_at"] > PENDING_MAX_AGE:
        request.session.pop(PENDING_KEY, None)
        return None
    user = User.objects.filter(pk=data["user_id"], is_active=True).first()
    if user is None:
        return None
    return user, Pending(data["user_id"], list(data["amr"]), data["next"], data["started_at"])


def clear_pending(request: HttpRequest) -> None:
    request.session.pop(PENDING_KEY, None)


def begin_sign_in(request: HttpRequest, user: User, *, amr: list[str], next_url: str) -> HttpResponse:
    """After a first factor: ask for the second factor if the account has one, else sign in."""
    from .mfa.selectors import has_second_factor

    if "x509" not in amr and has_second_factor(user=user):
        set_pending(request, user, amr=amr, next_url=next_url)
        return HttpResponseRedirect(reverse("mfa:challenge"))
    return complete_sign_in(request, user, amr=amr, next_url=next_url)


# --- signed in -------------------------------------------------------------------------------


def _device_hash(request: HttpRequest) -> tuple[str, str | None]:
    """Hash of the long-lived device cookie; a new random cookie value when there is none."""
    value = request.COOKIES.get(DEVICE_COOKIE, "")
    new_value = None
    if len(value) != 43:
        value = new_value = secrets.token_urlsafe(32)
    return hashlib.sha256(value.encode()).hexdigest(), new_value


def reached_level(user: User, amr: list[str]) -> str:
    """The level a sign-in reaches (ADR 0011). Ouro needs the ICP-Brasil certificate in this very
    sign-in. Without it, a sign-in reaches what was proven about the person behind the password:
    prata only if a servant or an external validation confirmed them. A certificate presented
    once does not lift the password: whoever registered the CPF with a password (perhaps not its
    owner) must not borrow the certificate holder's assurance."""
    if "x509" in amr:
        return Level.OURO
    if user.level == Level.OURO:
        from .levels.models import LevelValidation

        proven = LevelValidation.objects.filter(
            user=user, method__in=[LevelValidation.Method.DESK, LevelValidation.Method.EXTERNAL]
        ).exists()
        return Level.PRATA if proven else Level.BRONZE
    return user.level


def session_level(request: HttpRequest) -> str:
    """The level this browser's sign-in reached ('' when signed out)."""
    sign_in = current_sign_in(request)
    if sign_in is not None:
        return sign_in.acr
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return reached_level(user, [])
    return ""


def session_meets_level(request: HttpRequest, required: str) -> bool:
    level = session_level(request)
    return bool(level) and Level.rank(level) >= Level.rank(required)


def _close(sign_in: SignInSession, reason: str) -> None:
    sign_in.ended_at = timezone.now()
    sign_in.end_reason = reason
    sign_in.save(update_fields=["ended_at", "end_reason"])
    from .signals import sign_in_session_ended

    sign_in_session_ended.send(sender=SignInSession, sign_in_session=sign_in)


def _replace(old: SignInSession, new: SignInSession) -> None:
    """A new sign-in in a browser that was already signed in as the same person (prompt=login,
    max_age, step-up with the certificate): the applications' tokens follow the new session, and
    the old one is closed, so that signing out later ends everything."""
    from .oidc.models import AuthorizationContext, TokenContext

    TokenContext.objects.filter(sign_in_session=old).update(sign_in_session=new)
    AuthorizationContext.objects.filter(sign_in_session=old, used_at__isnull=True).update(sign_in_session=new)
    old.ended_at = timezone.now()
    old.end_reason = SignInSession.EndReason.REPLACED
    old.save(update_fields=["ended_at", "end_reason"])


def complete_sign_in(
    request: HttpRequest, user: User, *, amr: list[str], next_url: str, acr: str | None = None
) -> HttpResponse:
    clear_pending(request)
    previous = current_sign_in(request)
    if previous is not None and previous.user_id != user.pk:
        _close(previous, SignInSession.EndReason.SIGN_OUT)
        previous = None
    request._mtlogin_sign_in = None
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    device_hash, new_cookie = _device_hash(request)
    known_device = SignInSession.objects.filter(user=user, device_hash=device_hash).exists()
    ua = request.headers.get("User-Agent", "")[:300]
    sign_in = SignInSession.objects.create(
        user=user,
        session_key=request.session.session_key or "",
        amr=amr,
        acr=acr or reached_level(user, amr),
        ip_address=client_ip(request),
        user_agent=ua,
        device_label=device_label(ua),
        device_hash=device_hash,
    )
    request.session[SIGN_IN_SESSION_KEY] = str(sign_in.pk)
    if not request.session.session_key:
        request.session.save()
        sign_in.session_key = request.session.session_key
        sign_in.save(update_fields=["session_key"])
    if previous is not None:
        _replace(previous, sign_in)
    request._mtlogin_sign_in = sign_in
    record_event(user, SecurityEvent.Kind.SIGN_IN, request, amr=amr, acr=sign_in.acr)
    if not known_device and SignInSession.objects.filter(user=user).exclude(pk=sign_in.pk).exists():
        record_event(user, SecurityEvent.Kind.NEW_DEVICE, request)
    response = HttpResponseRedirect(next_url)
    if new_cookie:
        response.set_cookie(
            DEVICE_COOKIE,
            new_cookie,
            max_age=400 * 24 * 3600,
            secure=request.is_secure(),
            httponly=True,
            samesite="Lax",
        )
    return response


def current_sign_in(request: HttpRequest) -> SignInSession | None:
    """The sign-in session of this request's browser, if it is signed in and not ended."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return None
    cached = getattr(request, "_mtlogin_sign_in", None)
    if cached is not None:
        return cached
    sid = request.session.get(SIGN_IN_SESSION_KEY)
    sign_in = (
        SignInSession.objects.filter(pk=sid, user=request.user, ended_at__isnull=True).first()
        if sid
        else None
    )
    request._mtlogin_sign_in = sign_in
    return sign_in


def _session_store(session_key: str) -> SessionBase:
    return import_module(settings.SESSION_ENGINE).SessionStore(session_key=session_key)


def end_sign_in_session(sign_in: SignInSession, *, reason: str) -> None:
    """End one sign-in session: its Django session is deleted, so that browser is signed out.
    Tokens issued to applications under it are revoked by the OIDC app's signal handler."""
    if sign_in.ended_at is not None:
        return
    sign_in.ended_at = timezone.now()
    sign_in.end_reason = reason
    sign_in.save(update_fields=["ended_at", "end_reason"])
    if sign_in.session_key:
        _session_store(sign_in.session_key).delete()
    from .signals import sign_in_session_ended

    sign_in_session_ended.send(sender=SignInSession, sign_in_session=sign_in)


def sign_out(request: HttpRequest) -> None:
    sign_in = current_sign_in(request)
    user = request.user if request.user.is_authenticated else None
    if sign_in is not None:
        _close(sign_in, SignInSession.EndReason.SIGN_OUT)
    if user is not None:
        record_event(user, SecurityEvent.Kind.SIGN_OUT, request)
    logout(request)
