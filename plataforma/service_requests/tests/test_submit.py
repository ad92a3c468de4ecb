"""Submitting a request: protocol, receipt, timeline, deadline, idempotency, gates, atomicity."""

from __future__ import annotations

import threading
import uuid
from datetime import timedelta
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import close_old_connections, connection
from django.utils import timezone

from plataforma.common.authcodes import authenticated_document_verify
from plataforma.common.calendar import add_time_estimate
from plataforma.common.models import AuditEvent
from plataforma.common.protocols import protocol_is_valid
from plataforma.identity.companies.models import Company, CompanyTie
from plataforma.identity.models import Level
from plataforma.notifications.models import Notification

from ..models import Document, RequestEvent, RequestForm, ServiceRequest
from ..services import service_request_submit
from ..workflow import Status
from .factories import citizen, service_with_form, submit

pytestmark = pytest.mark.django_db


def test_a_submitted_request_gets_a_protocol_a_receipt_a_deadline_and_a_timeline(service, person):
    before = timezone.now()
    request = submit(service, person)

    assert protocol_is_valid(request.protocol)
    assert request.protocol.split(".")[1] == "DETRANMT"
    assert request.state == "recebida" and request.status == Status.IN_PROGRESS
    assert request.requester_data["person.cpf"] == person.cpf
    # The Carta promises "até 10 dias úteis".
    expected = add_time_estimate(request.submitted_at, quantity=10, unit="dias-uteis")
    assert request.due_at == expected and request.due_at > before + timedelta(days=10)
    receipt = authenticated_document_verify(code=request.receipt_code)
    assert receipt is not None and receipt.reference == request.protocol
    assert "Maria" not in receipt.subject_label  # masked
    events = list(request.events.all())
    assert [e.action for e in events] == ["enviar"]
    assert AuditEvent.objects.filter(action="service_requests.submit", target_id=str(request.pk)).exists()
    notice = Notification.objects.get(user=person)
    assert request.protocol in notice.title and notice.url.endswith(f"/{request.protocol}/")


def test_the_same_key_never_creates_two_requests(service, person):
    key = uuid.uuid4().hex
    first = submit(service, person, key=key)
    second, created = service_request_submit(
        user=person, service=service, data={"placa": "OTHER00"}, idempotency_key=key, session_level=Level.OURO
    )
    assert second.pk == first.pk and not created
    assert ServiceRequest.objects.count() == 1


def test_the_same_key_from_another_person_is_another_request(service, person, other_person):
    key = uuid.uuid4().hex
    assert submit(service, person, key=key).pk != submit(service, other_person, key=key).pk


@pytest.mark.parametrize("key", ["", " ", "x" * 81])
def test_a_bad_key_is_refused(service, person, key):
    with pytest.raises(ValidationError):
        service_request_submit(
            user=person, service=service, data={}, idempotency_key=key, session_level="ouro"
        )
    assert not ServiceRequest.objects.exists()


def test_the_level_of_the_sign_in_must_meet_the_service(agency, editor, person):
    service = service_with_form(agency=agency, editor=editor, min_login_level="ouro")
    with pytest.raises(PermissionDenied):
        service_request_submit(
            user=person, service=service, data={}, idempotency_key="k1", session_level=Level.PRATA
        )
    assert not ServiceRequest.objects.exists()


def test_a_service_whose_form_is_closed_takes_no_request(service, person):
    RequestForm.objects.filter(service=service).update(accepts_requests=False)
    with pytest.raises(PermissionDenied):
        submit(service, person)


def test_acting_for_a_company_needs_an_effective_tie(service, person):
    company = Company.objects.create(cnpj="11222333000181", legal_name="Transportes Pantanal Ltda")
    with pytest.raises(PermissionDenied):
        submit(service, person, company=company)
    CompanyTie.objects.create(
        company=company,
        user=person,
        role=CompanyTie.Role.LEGAL_REPRESENTATIVE,
        status=CompanyTie.Status.ACTIVE,
    )
    request = submit(service, person, company=company)
    assert request.company == company
    receipt = authenticated_document_verify(code=request.receipt_code)
    assert receipt.subject_label.startswith("T")


def test_someone_elses_document_cannot_be_attached(service, person, other_person):
    theirs = Document.objects.create(
        owner=other_person,
        file="documentos/x",
        name="rg.pdf",
        content_type="application/pdf",
        size=10,
        sha256="0" * 64,
    )
    with pytest.raises(ValidationError):
        service_request_submit(
            user=person,
            service=service,
            data={},
            files={"contrato": [theirs]},
            idempotency_key="k",
            session_level="ouro",
        )
    assert not ServiceRequest.objects.exists()


def test_a_failure_midway_leaves_nothing_behind_and_no_gap_in_the_numbering(service, person):
    with (
        mock.patch(
            "plataforma.service_requests.services.submit.document_authenticate", side_effect=RuntimeError
        ),
        pytest.raises(RuntimeError),
    ):
        submit(service, person)
    assert not ServiceRequest.objects.exists()
    assert not RequestEvent.objects.exists()
    assert not Notification.objects.exists()
    assert submit(service, person).protocol.split(".")[2].startswith("000001")


def test_a_fee_puts_the_request_on_hold_until_payment(agency, editor, person):
    from decimal import Decimal

    service = service_with_form(agency=agency, editor=editor, fee=Decimal("85.40"))
    request = submit(service, person)
    assert request.status == Status.AWAITING_PAYMENT and request.due_at is None
    assert request.charges.get().amount == Decimal("85.40")


@pytest.mark.django_db(transaction=True)
def test_parallel_submissions_get_distinct_protocols_and_repeats_collapse(agency, editor):
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is tested on PostgreSQL")
    service = service_with_form(agency=agency, editor=editor)
    people = [citizen() for _ in range(6)]
    errors: list[BaseException] = []
    barrier = threading.Barrier(12)

    def work(person, key):
        try:
            barrier.wait()
            submit(service, person, key=key)
        except BaseException as exc:
            errors.append(exc)
        finally:
            close_old_connections()

    # Each person sends the same key twice at the same moment (a double click).
    threads = [
        threading.Thread(target=work, args=(p, f"key-{i}")) for i, p in enumerate(people) for _ in range(2)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    protocols = list(ServiceRequest.objects.values_list("protocol", flat=True))
    assert len(protocols) == 6 == len(set(protocols))
    numbers = sorted(int(p.split(".")[2].split("-")[0]) for p in protocols)
    assert numbers == list(range(1, 7))


def test_only_identification_and_what_the_form_uses_is_kept_of_the_person(agency, editor, person):
    service = service_with_form(
        agency=agency, editor=editor, fields=[{"key": "placa", "type": "text", "label": "Placa"}]
    )
    request = submit(service, person, data={"placa": "QBX1A23"})
    assert set(request.requester_data) == {"person.full_name", "person.name", "person.cpf"}


def test_a_companys_request_takes_only_the_companys_documents(service, person):
    company = Company.objects.create(cnpj="11222333000181", legal_name="Transportes Pantanal Ltda")
    CompanyTie.objects.create(company=company, user=person, role="socio", status="ativo")
    personal = Document.objects.create(
        owner=person,
        file="documentos/x",
        name="rg.pdf",
        content_type="application/pdf",
        size=10,
        sha256="0" * 64,
    )
    with pytest.raises(ValidationError):
        service_request_submit(
            user=person,
            service=service,
            data={},
            files={"contrato": [personal]},
            idempotency_key="k",
            session_level="ouro",
            company=company,
        )
    assert not ServiceRequest.objects.exists()
