"""The submission path kept lean for throughput (issue #4, ≥ 100 submissions/s) must stay exact:
a closed form or a new form version takes effect on the very next call, parsed specifications
are never served stale, the person's address is read only when a form uses it, and the receipt
is named by the submission's own audit row."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from plataforma.common.models import AuditEvent, AuthenticatedDocument

from ...models import RequestForm, RequestFormVersion, ServiceRequest
from ...prefill import _SOURCES, PrefillSource, prefill_values, register_source

pytestmark = pytest.mark.django_db


def _post(caller, slug, dados, key):
    return caller.post(
        f"/servicos/{slug}/solicitacoes", {"dados": json.dumps(dados)}, HTTP_IDEMPOTENCY_KEY=key
    )


def test_closing_the_form_takes_effect_on_the_next_call(service, as_person):
    assert _post(as_person, service.slug, {"placa": "QBX1A23"}, "k1").status_code == 201
    RequestForm.objects.filter(service=service).update(accepts_requests=False)
    response = _post(as_person, service.slug, {"placa": "QBX1A23"}, "k2")
    assert response.status_code == 404
    assert response.json()["detail"] == "Este serviço não recebe pedidos pela plataforma."
    assert ServiceRequest.objects.count() == 1


def test_unpublishing_the_service_takes_effect_on_the_next_call(service, as_person):
    assert _post(as_person, service.slug, {"placa": "QBX1A23"}, "k1").status_code == 201
    type(service).objects.filter(pk=service.pk).update(is_published=False)
    response = _post(as_person, service.slug, {"placa": "QBX1A23"}, "k2")
    assert response.status_code == 404
    assert response.json()["detail"] == "Serviço não encontrado."


def test_a_new_form_version_is_used_at_once(service, editor, as_person):
    assert _post(as_person, service.slug, {"placa": "QBX1A23"}, "k1").status_code == 201
    form = RequestForm.objects.get(service=service)
    form.current_version.state = RequestFormVersion.State.SUPERSEDED
    form.current_version.save()
    newer = RequestFormVersion.objects.create(
        form=form,
        number=2,
        state=RequestFormVersion.State.PUBLISHED,
        spec={"fields": [{"key": "renavam", "type": "text", "label": "RENAVAM", "min_length": 9}]},
        published_at=timezone.now(),
        published_by=editor,
    )
    form.current_version = newer
    form.save()
    response = _post(as_person, service.slug, {}, "k2")
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"renavam"}
    created = _post(as_person, service.slug, {"renavam": "123456789"}, "k3")
    assert created.status_code == 201
    assert ServiceRequest.objects.get(protocol=created.json()["protocol"]).form_version == newer


def test_a_rewritten_row_is_never_served_from_the_parsed_cache(service, as_person):
    assert _post(as_person, service.slug, {"placa": "QBX1A23"}, "k1").status_code == 201
    version = RequestForm.objects.get(service=service).current_version
    # Frozen rows are not edited in place; should one ever be, its updated_at moves and the
    # parsed copy of the old content is not used.
    version.spec = {"fields": [{"key": "chassi", "type": "text", "label": "Chassi"}]}
    version.save()
    response = _post(as_person, service.slug, {}, "k2")
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"chassi"}


def test_the_deadline_follows_the_published_carta(service, as_person):
    created = _post(as_person, service.slug, {"placa": "QBX1A23"}, "k1").json()
    assert created["due_at"] is not None  # the factory's Carta promises "até 10 dias úteis"


def test_the_receipt_is_named_by_the_submissions_audit_row(service, person, as_person):
    body = _post(as_person, service.slug, {"placa": "QBX1A23"}, "k1").json()
    request = ServiceRequest.objects.get(protocol=body["protocol"])
    receipt = AuthenticatedDocument.objects.get(code=request.receipt_code)
    assert receipt.target_id == str(request.pk) and receipt.reference == request.protocol
    row = AuditEvent.objects.get(action="service_requests.submit", target_id=str(request.pk))
    assert row.changes["receipt_document"] == str(receipt.pk)
    assert row.actor == person and row.subject_user_id == person.pk
    assert not AuditEvent.objects.filter(target_id=str(receipt.pk)).exists()


def test_a_submission_runs_a_bounded_number_of_queries(service, as_person):
    assert _post(as_person, service.slug, {"placa": "QBX1A23"}, "warm").status_code == 201
    with CaptureQueriesContext(connection) as queries:
        assert _post(as_person, service.slug, {"placa": "QBX1A24"}, "k1").status_code == 201
    # token, service with form (one query), key look-up, protocol, receipt (with its savepoint),
    # request, timeline, audit, notification and the transaction's own statements
    assert len(queries) <= 16, [q["sql"][:80] for q in queries]


def test_the_address_is_read_only_when_the_form_uses_it(person):
    with CaptureQueriesContext(connection) as queries:
        values = prefill_values(user=person, keys={"person.cpf", "person.full_name"})
    assert values == {"person.cpf": person.cpf, "person.full_name": person.full_name}
    assert len(queries) == 0
    with CaptureQueriesContext(connection) as queries:
        prefill_values(user=person, keys={"person.address"})
    assert len(queries) == 1


def test_a_source_none_of_whose_keys_is_wanted_is_not_called(person):
    calls = []

    def fetch(*, user, company=None, wanted=None):
        calls.append(wanted)
        return {"xvia.renavam": "123456789", "xvia.chassi": "9BWZZZ377VT004251"}

    register_source(PrefillSource(namespace="xvia", label="X-VIA", items={}, fetch=fetch))
    try:
        prefill_values(user=person, keys={"person.cpf"})
        assert calls == []
        values = prefill_values(user=person, keys={"xvia.renavam"})
        assert values == {"xvia.renavam": "123456789"}  # only what was asked for
        assert calls == [frozenset({"xvia.renavam"})]
    finally:
        _SOURCES.pop("xvia", None)
