"""The public's answers to 'Esta informação foi útil?' on a service page."""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from plataforma.common.context import current_context

from ..models import Service, ServiceFeedback

# Anonymous answers from one address to one service in an hour. Generous on purpose: a service
# desk or a school lab puts many people behind one address; the limit only stops floods.
FEEDBACK_LIMIT_PER_HOUR = 20


class FeedbackThrottled(ValidationError):
    """Too many answers from the same address for the same service in the last hour."""


def _check_rate(service: Service) -> None:
    address = current_context().ip_address
    if not address:  # commands and tasks (demo data, imports) are not throttled
        return
    # A hash, so that the cache never holds the visitor's address itself.
    key = "feedback-rate:" + hashlib.sha256(f"{address}|{service.pk}".encode()).hexdigest()
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        count = 1
    if count > FEEDBACK_LIMIT_PER_HOUR:
        raise FeedbackThrottled(_("Recebemos muitas respostas deste endereço. Tente de novo mais tarde."))


def feedback_record(*, service: Service, helpful: bool, comment: str = "") -> ServiceFeedback:
    """Count one 'Esta informação foi útil?' answer. Anonymous by design; at most
    FEEDBACK_LIMIT_PER_HOUR per address and service (raises FeedbackThrottled)."""
    if not service.is_published:
        raise ValidationError(_("Serviço não encontrado."))
    comment = comment.strip()
    if len(comment) > 1000:
        raise ValidationError({"comment": [_("O comentário pode ter no máximo 1000 caracteres.")]})
    _check_rate(service)
    return ServiceFeedback.objects.create(service=service, helpful=helpful, comment=comment)
