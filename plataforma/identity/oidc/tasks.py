"""Periodic work of the OpenID Connect provider (Celery beat entries in ADR 0012)."""

from datetime import timedelta

from celery import shared_task
from django.utils import timezone
from oauth2_provider.models import clear_expired

from . import keys
from .models import AuthorizationContext


@shared_task
def rotate_signing_keys() -> dict:
    """One rotation step for each algorithm: next → active → retired (keys.rotate)."""
    return {algorithm: keys.rotate(algorithm) for algorithm in keys.ALGORITHMS}


@shared_task
def clear_expired_tokens() -> None:
    """Delete expired tokens and grants (DOT) and authorization contexts no longer needed to
    detect a replayed code (codes live 60 s; a day is plenty)."""
    clear_expired()
    AuthorizationContext.objects.filter(created_at__lt=timezone.now() - timedelta(days=1)).delete()
