"""The public's answers to 'Esta informação foi útil?' on a service page."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models import Service, ServiceFeedback


def feedback_record(*, service: Service, helpful: bool, comment: str = "") -> ServiceFeedback:
    """Count one 'Esta informação foi útil?' answer. Anonymous by design."""
    if not service.is_published:
        raise ValidationError(_("Serviço não encontrado."))
    comment = comment.strip()
    if len(comment) > 1000:
        raise ValidationError({"comment": [_("O comentário pode ter no máximo 1000 caracteres.")]})
    return ServiceFeedback.objects.create(service=service, helpful=helpful, comment=comment)
