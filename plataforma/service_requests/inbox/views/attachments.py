"""Downloading a request's file: only servants of the request's agency, each download audited
as an access to the requester's data (Lei 14.129 art. 40 §1). Files are never served by URL."""

from __future__ import annotations

from uuid import UUID

from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_http_methods

from ...documents import document_open
from .. import selectors
from .common import signed_in


@signed_in
@require_http_methods(["GET"])
def attachment(request: HttpRequest, protocol: str, attachment_id: UUID) -> FileResponse:
    found = selectors.attachment_for_servant(
        user=request.user, protocol=protocol, attachment_id=attachment_id
    )
    if found is None:
        raise Http404
    document = found.document
    try:
        handle = document_open(document)
    except OSError as exc:  # the stored file is missing: nothing to stream
        raise Http404 from exc
    response = FileResponse(
        handle, as_attachment=True, filename=document.name, content_type=document.content_type
    )
    response["Cache-Control"] = "private, no-store"
    return response
