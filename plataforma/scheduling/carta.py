"""What the Carta de Serviços says that an appointment needs: the documents to bring (Lei 13.460
art. 7 §2 II), read from the service's PUBLISHED content, never from a draft."""

from __future__ import annotations

from pydantic import ValidationError as ContentError

from plataforma.catalog.content import ServiceContent
from plataforma.catalog.models import Service


def documents_to_bring(*, service: Service) -> list[str]:
    """The documents of every step of the service's published Carta, in the order they appear,
    each once (as the request form's summary lists them). [] for an unpublished service."""
    if not service.is_published or service.published_version_id is None:
        return []
    try:
        content = ServiceContent.model_validate(service.published_version.content)
    except ContentError:
        # published content is validated on publication; content written by an older schema
        # must not take the booking pages down
        return []
    return list(dict.fromkeys(d for step in content.steps for d in step.documents))
