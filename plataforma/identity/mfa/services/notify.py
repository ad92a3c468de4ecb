"""The owner is told by e-mail whenever a second factor is added to or removed from the account,
after the change is committed (a rolled-back change sends nothing)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from plataforma.identity.models import User


def notify_factor_change(*, user: User, kind: str, name: str = "") -> None:
    if not (user.email and user.email_verified_at):
        return
    from ..tasks import send_factor_change_email

    when = timezone.now().isoformat()
    transaction.on_commit(
        lambda: send_factor_change_email.delay(user_id=str(user.pk), kind=kind, name=name, when=when)
    )
