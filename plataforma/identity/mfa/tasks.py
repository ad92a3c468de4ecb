"""Background e-mails of the second-factor app."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime

from plataforma.identity.models import SecurityEvent, User


@shared_task(name="plataforma.identity.mfa.tasks.send_factor_change_email")
def send_factor_change_email(*, user_id: str, kind: str, name: str = "", when: str = "") -> int:
    """Tell the account's owner that a second factor was added or removed, so that a change they
    did not make is noticed (and undone) quickly."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return 0
    occurred = parse_datetime(when) if when else None
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "user": user,
            "what": SecurityEvent.Kind(kind).label,
            "name": name,
            "added": kind in (SecurityEvent.Kind.TOTP_ADDED, SecurityEvent.Kind.WEBAUTHN_ADDED),
            "when": timezone.localtime(occurred or timezone.now()),
            "manage_url": settings.SITE_URL.rstrip("/") + reverse("mfa:manage"),
        }
        subject = render_to_string("mfa/email/factor_changed_subject.txt", context).strip()
        body = render_to_string("mfa/email/factor_changed.txt", context)
    return EmailMessage(subject=subject, body=body, to=[user.email]).send()


@shared_task(name="plataforma.identity.mfa.tasks.send_second_factor_locked_email")
def send_second_factor_locked_email(*, user_id: str, until: str) -> int:
    """Tell the owner that too many wrong second-factor answers locked the second step of the
    sign-in (mfa/lockout.py): someone may know the password."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return 0
    site = settings.SITE_URL.rstrip("/")
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "user": user,
            "until": timezone.localtime(parse_datetime(until) or timezone.now()),
            "reset_url": site + reverse("identity:password_reset"),
            "security_url": site + reverse("identity:security"),
        }
        subject = render_to_string("mfa/email/second_factor_locked_subject.txt", context).strip()
        body = render_to_string("mfa/email/second_factor_locked.txt", context)
    return EmailMessage(subject=subject, body=body, to=[user.email]).send()
