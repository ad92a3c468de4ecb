"""Background work of the levels app: tell the person that their account was validated."""

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .models import LevelValidation


@shared_task(name="plataforma.identity.levels.tasks.send_level_validation_email")
def send_level_validation_email(validation_id: str) -> int:
    """E-mail the account's owner about a validation of their identity (who, where, how), so that
    a validation they did not ask for does not go unnoticed."""
    validation = (
        LevelValidation.objects.select_related("user", "agency", "unit", "validated_by")
        .filter(pk=validation_id)
        .first()
    )
    if validation is None or not validation.user.email:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "validation": validation,
            "person": validation.user,
            "level_label": validation.user.get_level_display(),
            "account_url": settings.SITE_URL.rstrip("/") + reverse("levels:raise"),
        }
        body = render_to_string("levels/email/level_validation.txt", context)
        subject = _("MT Login: a identidade da sua conta foi validada")
    return EmailMessage(subject=subject, body=body, to=[validation.user.email]).send()
