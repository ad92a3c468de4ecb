"""Helpers of the requester's page tests."""

from __future__ import annotations

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ...models import Document, ServiceRequest

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
FILE_FIELDS = [
    {"key": "placa", "type": "text", "label": "Placa do veículo", "min_length": 7, "max_length": 8},
    {"key": "crlv", "type": "file", "label": "Documento do veículo (CRLV)", "file_kinds": ["pdf"]},
]


def pdf(name: str = "crlv.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def submit_url(service) -> str:
    return reverse("service_requests:submit", args=[service.slug])


def submission_key(client, service) -> str:
    page = client.get(submit_url(service))
    assert page.status_code == 200, page.status_code
    found = re.search(r'name="_envio" value="([^"]+)"', page.content.decode())
    assert found, "the page carries a submission key"
    return found.group(1)


def post_submit(client, service, data: dict, *, key: str | None = None):
    key = key or submission_key(client, service)
    return client.post(submit_url(service), {"_envio": key, **data})


def stored_files(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()]


def counts() -> tuple[int, int]:
    return ServiceRequest.objects.count(), Document.objects.count()
