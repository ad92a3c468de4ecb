"""The same submission sent twice at the same moment (an app retrying on a flaky network) creates
one request: both calls answer with it, and the loser's stored files are discarded."""

from __future__ import annotations

import json
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import close_old_connections, connection

from ...models import Document, ServiceRequest
from ..factories import service_with_form
from .conftest import ApiCaller, issue_token

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_submissions_with_one_key_make_one_request(
    person, app_client, agency, editor, documents_root
):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL's concurrent transactions")
    service = service_with_form(
        agency=agency,
        editor=editor,
        fields=[
            {"key": "placa", "type": "text", "label": "Placa"},
            {"key": "crlv", "type": "file", "label": "CRLV", "file_kinds": ["pdf"]},
        ],
    )
    caller = ApiCaller(issue_token(person, app_client))
    barrier = threading.Barrier(4)
    results: list[tuple[int, str]] = []

    def send():
        try:
            barrier.wait()
            response = caller.post(
                f"/servicos/{service.slug}/solicitacoes",
                {"dados": json.dumps({"placa": "QBX1A23"}), "arquivo_crlv": SimpleUploadedFile("c.pdf", PDF)},
                HTTP_IDEMPOTENCY_KEY="mesma-chave",
            )
            results.append((response.status_code, response.json().get("protocol", "")))
        finally:
            close_old_connections()

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert ServiceRequest.objects.count() == 1
    protocol = ServiceRequest.objects.get().protocol
    assert sorted(code for code, _ in results) == [200, 200, 200, 201]
    assert {p for _, p in results} == {protocol}
    assert Document.objects.count() == 1
    assert len([p for p in documents_root.rglob("*") if p.is_file()]) == 1
