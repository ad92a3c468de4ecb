"""What the Carta de Serviços says that an appointment needs: the documents to bring (Lei 13.460
art. 7 §2 II), read from the service's PUBLISHED content, never from a draft."""

from __future__ import annotations

from functools import lru_cache

from pydantic import ValidationError as ContentError

from plataforma.catalog.content import ServiceContent
from plataforma.catalog.models import Service, ServiceVersion


def documents_to_bring(*, service: Service) -> list[str]:
    """The documents of every step of the service's published Carta, in the order they appear,
    each once (as the request form's summary lists them). [] for an unpublished service."""
    if not service.is_published or service.published_version_id is None:
        return []
    return list(_version_documents(service.published_version_id))


@lru_cache(maxsize=1024)
def _version_documents(version_id) -> tuple[str, ...]:
    """Cached per version: a published version is immutable (catalog.ServiceVersion), and a new
    publication gives the service a new version id, so a cached entry is never stale."""
    content = ServiceVersion.objects.filter(pk=version_id).values_list("content", flat=True).first()
    try:
        parsed = ServiceContent.model_validate(content or {})
    except ContentError:
        # published content is validated on publication; content written by an older schema
        # must not take the booking pages down
        return ()
    return tuple(dict.fromkeys(d for step in parsed.steps for d in step.documents))
