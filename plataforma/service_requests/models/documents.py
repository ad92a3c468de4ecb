"""Files a person (or a company) keeps in their area ("Meus documentos") and the attachments that
point to them. Once-only (Lei 13.460 art. 5 XV): a document already held is attached again by
reference, not uploaded again. Files are immutable once stored."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from plataforma.common.models import BaseModel

from ..storage import documents_storage


def document_path(instance: Document, filename: str) -> str:
    # Never the person's file name on disk: a random name under a date folder.
    return f"documentos/{instance.created_at_folder()}/{uuid.uuid4().hex}"


class Document(BaseModel):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="documents")
    company = models.ForeignKey(
        "companies.Company", null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    file = models.FileField(storage=documents_storage, upload_to=document_path, max_length=200)
    name = models.CharField(_("nome"), max_length=200)
    content_type = models.CharField(_("tipo"), max_length=100)
    size = models.PositiveIntegerField(_("tamanho (bytes)"))
    sha256 = models.CharField(max_length=64)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("documento")
        verbose_name_plural = _("documentos")
        indexes = [models.Index(fields=["owner", "company", "-created_at"], name="requests_documents_idx")]

    def __str__(self) -> str:
        return self.name

    def created_at_folder(self) -> str:
        from django.utils import timezone

        return timezone.now().strftime("%Y/%m")


class Attachment(BaseModel):
    """A document attached to a request, either as the answer to a form field (`field_key`) or to
    a step of its timeline (`event`)."""

    request = models.ForeignKey("ServiceRequest", on_delete=models.CASCADE, related_name="attachments")
    event = models.ForeignKey(
        "RequestEvent", null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="attachments")
    field_key = models.CharField(max_length=40, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("anexo")
        verbose_name_plural = _("anexos")

    def __str__(self) -> str:
        return f"{self.request_id}: {self.document_id}"
