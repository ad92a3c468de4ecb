"""E-mails about a person's own account, sent by the worker after the transaction commits.

The task receives only the kind and the account id and builds any link itself, so no token ever
travels through the broker or sits in its queue.
"""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .models import SecurityEvent, User

KINDS = (
    "verify_email",
    "password_reset",
    "password_changed",
    "account_locked",
    "email_changed",
    "sign_up_attempt",
)


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _context(kind: str, user: User, previous_email: str = "") -> tuple[str, dict]:
    """The address to write to and the template context of one kind of e-mail."""
    context: dict = {"user": user, "site_url": settings.SITE_URL.rstrip("/")}
    to = user.email
    if kind == "verify_email":
        from .services import email_confirmation_token

        to = user.pending_email or user.email
        context["link"] = _absolute(
            reverse("identity:email_confirm", args=[email_confirmation_token(user=user)])
        )
        context["max_age_hours"] = settings.MTLOGIN_EMAIL_LINK_MAX_AGE // 3600
        context["is_change"] = bool(user.pending_email)
    elif kind == "password_reset":
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        token = default_token_generator.make_token(user)
        context["link"] = _absolute(reverse("identity:password_reset_confirm", args=[uid, token]))
        context["max_age_hours"] = max(1, settings.PASSWORD_RESET_TIMEOUT // 3600)
    elif kind == "email_changed":
        # Told at the old address, so a takeover that changed the e-mail does not go unnoticed.
        to = previous_email
        context["new_email"] = user.email
        context["reset_link"] = _absolute(reverse("identity:password_reset"))
    elif kind == "sign_up_attempt":
        context["login_link"] = _absolute(reverse("identity:login"))
        context["reset_link"] = _absolute(reverse("identity:password_reset"))
    elif kind == "account_locked":
        context["minutes"] = settings.MTLOGIN_BRUTEFORCE["ACCOUNT_LOCK_SECONDS"] // 60
        context["reset_link"] = _absolute(reverse("identity:password_reset"))
    context["security_link"] = _absolute(reverse("identity:security"))
    return to, context


@shared_task(name="plataforma.identity.tasks.send_account_email")
def send_account_email(*, kind: str, user_id: str, previous_email: str = "") -> int:
    """One e-mail to the owner of the account (for "email_changed", at the previous address).
    Returns how many were sent (0 or 1)."""
    if kind not in KINDS:
        raise ValueError(f"unknown account e-mail kind: {kind}")
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return 0
    to, context = _context(kind, user, previous_email)
    if not to:
        return 0
    subject = " ".join(render_to_string(f"identity/email/{kind}_subject.txt", context).split())
    body = render_to_string(f"identity/email/{kind}.txt", context)
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])


@shared_task(name="plataforma.identity.tasks.record_sign_in_failure")
def record_sign_in_failure(
    *, user_id: str, ip: str = "", device: str = "", locked_minutes: int = 0, notify: bool = False
) -> int:
    """A wrong password: write it (and a lock, if it caused one) to the owner's security log and,
    when `notify`, e-mail the owner about the lock. Sent for unknown CPFs too (empty `user_id`),
    so the sign-in answer takes the same time whether or not the CPF has an account. Returns how
    many log rows were written."""
    user = User.objects.filter(pk=user_id).first() if user_id else None
    if user is None:
        return 0
    where = {"ip_address": ip or None, "device_label": device[:120]}
    SecurityEvent.objects.create(user=user, kind=SecurityEvent.Kind.SIGN_IN_FAILED, details={}, **where)
    if not locked_minutes:
        return 1
    SecurityEvent.objects.create(
        user=user, kind=SecurityEvent.Kind.LOCKED, details={"minutes": locked_minutes}, **where
    )
    if notify:
        send_account_email.delay(kind="account_locked", user_id=str(user.pk))
    return 2
