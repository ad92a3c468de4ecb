"""Attachments of timeline steps hidden from the requester (internal notes) stay hidden in the
API as on the web page: not listed in the detail, 404 on download."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ...documents import ALL_KINDS, document_store
from ...models import Attachment, RequestEvent
from ..factories import submit

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _attach(request, analyst, *, name: str, visible: bool) -> Attachment:
    document = document_store(
        owner=analyst, upload=SimpleUploadedFile(name, PDF), allowed_kinds=ALL_KINDS, max_mb=None
    )
    event = RequestEvent.objects.create(
        request=request,
        actor=analyst,
        actor_role="analista",
        action="nota",
        action_label="Observação",
        note="texto",
        visible_to_requester=visible,
    )
    return Attachment.objects.create(request=request, event=event, document=document, added_by=analyst)


def test_an_attachment_of_a_hidden_step_is_neither_listed_nor_served(service, person, analyst, as_person):
    request = submit(service, person)
    hidden = _attach(request, analyst, name="parecer-interno.pdf", visible=False)
    public = _attach(request, analyst, name="oficio.pdf", visible=True)

    detail = as_person.get(f"/solicitacoes/{request.protocol}").json()

    names = {a["name"] for a in detail["attachments"]}
    assert names == {"oficio.pdf"}
    assert str(hidden.pk) not in str(detail)
    assert as_person.get(f"/solicitacoes/{request.protocol}/anexos/{hidden.pk}").status_code == 404
    assert as_person.get(f"/solicitacoes/{request.protocol}/anexos/{public.pk}").status_code == 200
