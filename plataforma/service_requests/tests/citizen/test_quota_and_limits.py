"""Storage is bounded: each person (and each company) keeps at most
REQUESTS_DOCUMENTS_QUOTA_MB of documents; the comprovante PDF is rate limited per person."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plataforma.common.ratelimit import Limit

from ...documents import ALL_KINDS, document_remove_from_area, document_store, documents_in_use_bytes
from ...models import Document
from ...views import receipt as receipt_views
from ..factories import submit
from .helpers import PDF_BYTES, pdf, stored_files

pytestmark = pytest.mark.django_db

KB_600 = PDF_BYTES + b"0" * (600 * 1024)


def _store(owner, name="a.pdf", *, company=None, content=KB_600):
    return document_store(
        owner=owner, company=company, upload=pdf(name, content), allowed_kinds=ALL_KINDS, max_mb=None
    )


@pytest.fixture
def one_mb_quota(settings):
    settings.REQUESTS_DOCUMENTS_QUOTA_MB = 1


def test_a_file_over_the_persons_quota_is_refused_and_not_stored(person, documents_root, one_mb_quota):
    _store(person, "primeiro.pdf")

    with pytest.raises(ValidationError) as refused:
        _store(person, "segundo.pdf")

    assert "limite é de 1 MB" in refused.value.messages[0]
    assert Document.objects.count() == 1
    assert len(stored_files(documents_root)) == 1


def test_removed_documents_free_the_space(person, documents_root, one_mb_quota):
    first = _store(person, "primeiro.pdf")
    document_remove_from_area(actor=person, document=first)

    _store(person, "segundo.pdf")

    assert documents_in_use_bytes(owner=person) == len(KB_600)


def test_each_person_and_each_company_has_its_own_quota(
    person, other_person, representative, company, documents_root, one_mb_quota
):
    _store(person)
    _store(other_person)
    _store(representative, company=company)
    _store(representative)  # the representative's own area is not the company's

    with pytest.raises(ValidationError):
        _store(representative, company=company)
    assert Document.objects.count() == 4


def test_the_default_quota_is_500_mb(person, documents_root, settings):
    del settings.REQUESTS_DOCUMENTS_QUOTA_MB
    Document.objects.create(
        owner=person,
        file="x",
        name="x.pdf",
        content_type="application/pdf",
        size=500 * 1024 * 1024 - 10,
        sha256="0",
    )

    with pytest.raises(ValidationError):
        _store(person, content=PDF_BYTES)


def test_my_documents_page_shows_the_quota_error_on_the_field(client, person, documents_root, one_mb_quota):
    _store(person, "primeiro.pdf")
    client.force_login(person)

    response = client.post(reverse("service_requests:documents"), {"arquivo": pdf("segundo.pdf", KB_600)})

    assert response.status_code == 400
    assert "Não há mais espaço para guardar arquivos" in response.content.decode()
    assert Document.objects.count() == 1


def test_the_receipt_pdf_is_rate_limited_per_person(client, service, person, other_person, monkeypatch):
    monkeypatch.setattr(receipt_views, "RECEIPT_PDF_LIMIT", Limit("test.receipt_pdf", 2, 600))
    mine = submit(service, person)
    theirs = submit(service, other_person)
    url = reverse("service_requests:receipt_pdf", args=[mine.protocol])
    client.force_login(person)

    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 429]
    page = client.get(url)
    assert page.status_code == 429
    assert "muitos comprovantes" in page.content.decode()

    client.force_login(other_person)
    assert client.get(reverse("service_requests:receipt_pdf", args=[theirs.protocol])).status_code == 200
