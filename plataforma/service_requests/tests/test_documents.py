"""Files by content, size limits, storage in the private `documents` storage and discarding."""

from __future__ import annotations

import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from plataforma.common.models import AuditEvent

from ..documents import (
    display_name,
    document_open,
    document_remove_from_area,
    document_store,
    document_upload_to_area,
    documents_discard,
    sniff_kind,
)
from ..models import Document
from .editor.samples import DOCX, EXE, HTML, JPEG, ODT, PDF, PNG, SCRIPT, WEBP, ZIP, documents_dir, upload
from .factories import citizen

__all__ = ["documents_dir"]


@pytest.mark.parametrize(
    ("content", "kind"),
    [(PDF, "pdf"), (PNG, "png"), (JPEG, "jpeg"), (WEBP, "webp"), (ODT, "odt"), (DOCX, "docx")],
)
def test_each_accepted_kind_is_recognised_by_content_whatever_its_name(content, kind):
    assert sniff_kind(upload("sem-extensao", content)) == kind
    assert sniff_kind(upload("nome-enganoso.exe", content)) == kind


@pytest.mark.parametrize("content", [EXE, SCRIPT, HTML, ZIP, b"", b"%PD", b"PK\x03\x04not a zip"])
def test_anything_else_is_not_a_known_kind(content):
    assert sniff_kind(upload("contrato.pdf", content)) is None


def test_sniffing_leaves_the_file_at_its_start():
    f = upload("a.pdf", PDF)
    sniff_kind(f)
    assert f.read(5) == b"%PDF-"


def test_display_name_drops_folders_and_odd_characters_and_takes_the_real_extension():
    assert display_name("../../etc/passwd", "pdf") == "passwd.pdf"
    assert display_name("C:\\Users\\maria\\Contrato de compra.PNG", "pdf") == "Contrato de compra.pdf"
    assert display_name("foto\x00<script>.jpg", "jpeg") == "foto_script.jpg"
    assert display_name("", "png") == "documento.png"
    assert len(display_name("a" * 400 + ".pdf", "pdf")) <= 154


@pytest.mark.django_db
def test_document_store_keeps_the_file_privately_with_its_hash(documents_dir):
    person = citizen()
    document = document_store(
        owner=person, upload=upload("Contrato.pdf", PDF), allowed_kinds=["pdf", "png"], max_mb=5
    )
    assert document.owner == person
    assert document.content_type == "application/pdf"
    assert document.size == len(PDF)
    assert document.sha256 == hashlib.sha256(PDF).hexdigest()
    assert document.name == "Contrato.pdf"
    # A random name on disk, never the person's file name.
    assert "Contrato" not in document.file.name
    assert (documents_dir / document.file.name).read_bytes() == PDF
    with document_open(document) as stored:
        assert stored.read() == PDF


@pytest.mark.django_db
def test_a_pdf_named_png_is_stored_as_what_it_is(documents_dir):
    document = document_store(
        owner=citizen(), upload=upload("foto.png", PDF), allowed_kinds=["pdf", "png"], max_mb=5
    )
    assert document.content_type == "application/pdf"
    assert document.name == "foto.pdf"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "allowed"),
    [
        ("contrato.pdf", EXE, ["pdf"]),  # an executable named .pdf
        ("foto.png", PDF, ["png", "jpeg"]),  # a PDF named .png where only images are accepted
        ("vazio.pdf", b"", ["pdf"]),
        ("planilha.docx", ZIP, ["docx"]),
    ],
)
def test_document_store_refuses_files_of_kinds_not_allowed(documents_dir, name, content, allowed):
    with pytest.raises(ValidationError) as exc:
        document_store(owner=citizen(), upload=upload(name, content), allowed_kinds=allowed, max_mb=5)
    assert "arquivo" in exc.value.messages[0]
    assert Document.objects.count() == 0
    assert not documents_dir.exists() or not any(p.is_file() for p in documents_dir.rglob("*"))


@pytest.mark.django_db
def test_document_store_refuses_a_file_over_the_field_limit(documents_dir):
    big = PDF + b"0" * (1024 * 1024)
    with pytest.raises(ValidationError) as exc:
        document_store(owner=citizen(), upload=upload("grande.pdf", big), allowed_kinds=["pdf"], max_mb=1)
    assert "mais de 1 MB" in exc.value.messages[0]


@pytest.mark.django_db
@override_settings(REQUESTS_MAX_UPLOAD_MB=1)
def test_the_platform_limit_wins_over_a_larger_field_limit(documents_dir):
    big = PDF + b"0" * (1024 * 1024)
    with pytest.raises(ValidationError):
        document_store(owner=citizen(), upload=upload("grande.pdf", big), allowed_kinds=["pdf"], max_mb=10)


@pytest.mark.django_db
def test_documents_discard_removes_files_and_rows(documents_dir):
    person = citizen()
    documents = [
        document_store(owner=person, upload=upload(f"{i}.png", PNG), allowed_kinds=["png"], max_mb=1)
        for i in range(2)
    ]
    paths = [documents_dir / d.file.name for d in documents]
    assert all(p.exists() for p in paths)
    documents_discard(documents)
    assert not any(p.exists() for p in paths)
    assert Document.objects.count() == 0
    documents_discard(documents)  # a second call (files already gone) never raises


@pytest.mark.django_db
def test_a_person_adds_a_document_to_their_area_and_hides_it(documents_dir):
    person = citizen()
    document = document_upload_to_area(actor=person, upload=upload("rg.jpg", JPEG))
    assert document.content_type == "image/jpeg"
    event = AuditEvent.objects.get(action="service_requests.document_upload")
    assert event.subject_user_id == person.pk and "rg" not in str(event.changes)
    with pytest.raises(PermissionDenied):
        document_remove_from_area(actor=citizen(), document=document)
    removed = document_remove_from_area(actor=person, document=document)
    assert removed.deleted_at is not None
    assert (documents_dir / document.file.name).exists()  # kept for the requests that use it


@pytest.mark.django_db
def test_an_upload_to_the_area_is_checked_by_content(documents_dir):
    with pytest.raises(ValidationError):
        document_upload_to_area(actor=citizen(), upload=upload("programa.pdf", EXE))
    assert Document.objects.count() == 0
