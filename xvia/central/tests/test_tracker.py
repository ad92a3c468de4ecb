"""Data tracker, central side (ADR 0037): a provider's security server pushes the queries about
persons it served; the central stores them only when the server and each client signature
verify, all or nothing, once, and never keeps the CPF in clear."""

from __future__ import annotations

import base64
import datetime as dt
import json

import pytest
from django.test import Client

from xvia.central import services
from xvia.central.models import DataSubjectRecord
from xvia.central.selectors.tracker import data_subject_records, subject_digest
from xvia.protocol import testing
from xvia.protocol.certs import certificate_der, generate_private_key
from xvia.protocol.messages import sign_descriptor
from xvia.protocol.tracker import PushRecord, build_push

from .tracker_helpers import CPF, OTHER_CPF, Party, build_tracker_world

URL = "/xvia/api/v1/data-subject-records"
pytestmark = pytest.mark.django_db


@pytest.fixture
def tw(world, pki):
    return build_tracker_world(world)


def post(client, body: bytes, **extra):
    return client.post(URL, data=body, content_type="application/jose", **extra)


def test_a_verified_push_is_stored_with_who_when_what_and_why(client, tw):
    response = post(client, tw.push([tw.record(1)]))
    assert response.status_code == 200, response.content
    assert response.json() == {"stored": 1, "duplicates": 0}
    row = DataSubjectRecord.objects.get()
    assert row.reporting_server == tw.server
    assert row.subject_digest == subject_digest(CPF)
    assert row.client_id == tw.client_id and row.client_name == "Arrecadação"
    assert row.client_member_name == "SEFAZ-MT" and row.provider_member_name == "DETRAN-MT"
    assert row.service_id == tw.service.xroad_id and row.service_title == "Consulta de veículos"
    assert row.purpose == "Pré-preenchimento de requerimento"
    assert row.issue == "PROC-2026-1" and row.log_seq == 1
    assert "servidor-7" not in str(DataSubjectRecord.objects.values().get())  # X-Road-UserId not kept
    assert len(row.descriptor_sha256) == 64
    assert [r.pk for r in data_subject_records(cpf=CPF)] == [row.pk]
    assert data_subject_records(cpf=OTHER_CPF) == []


def test_the_cpf_is_never_stored_in_clear(client, tw):
    post(client, tw.push([tw.record(1)]))
    row = DataSubjectRecord.objects.values().get()
    assert not any(CPF in str(value) for value in row.values())


def test_a_replayed_push_stores_no_duplicates(client, tw):
    body = tw.push([tw.record(1), tw.record(2)])
    assert post(client, body).json() == {"stored": 2, "duplicates": 0}
    assert post(client, body).json() == {"stored": 0, "duplicates": 2}
    # the same records in a new push (the tracker retrying after a lost answer)
    assert DataSubjectRecord.objects.count() == 2


def test_a_tampered_descriptor_is_refused_and_the_whole_batch_with_it(client, tw):
    good = tw.record(1)
    bad = tw.record(2)
    forged = json.loads(bad.descriptor)
    forged["purpose"] = "Outra finalidade"
    forged_bytes = json.dumps(forged, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    tampered = PushRecord(bad.seq, bad.logged_at, forged_bytes, bad.signature, bad.signer_der)
    response = post(client, tw.push([good, tampered]))
    assert response.status_code == 422
    assert response.json()["code"] == "bad_record_signature" and response.json()["record"] == 1
    assert "assinatura" in response.json()["message"]
    assert DataSubjectRecord.objects.count() == 0


def test_a_request_signed_by_another_member_than_the_client_is_refused(client, tw):
    # DETRAN signs a request that claims SEFAZ's system as the client
    response = post(client, tw.push([tw.record(1, signer=tw.detran)]))
    assert response.status_code == 422 and response.json()["code"] == "bad_record_signature"


def test_a_push_signed_by_an_unknown_ca_is_refused(client, tw):
    stranger_ca = testing.TestCA(name="AC estranha")
    key = generate_private_key()
    cert = stranger_ca.issue(key.public_key(), common_name="DETRAN", serial_number=tw.world.detran.xroad_id)
    response = post(client, tw.push([tw.record(1)], party=Party(key, cert, None)))
    assert response.status_code == 403 and response.json()["code"] == "untrusted_certificate"
    assert DataSubjectRecord.objects.count() == 0


def test_a_push_signed_with_a_revoked_certificate_is_refused(client, tw):
    services.certificate_revoke(actor=tw.world.operator, certificate=tw.detran.issued, reason="superseded")
    response = post(client, tw.push([tw.record(1)]))
    assert response.status_code == 403 and response.json()["code"] == "untrusted_certificate"
    assert DataSubjectRecord.objects.count() == 0


def test_a_server_cannot_report_for_another_members_server(client, tw):
    # SEFAZ's valid certificate, but the push names DETRAN's security server
    response = post(client, tw.push([tw.record(1)], party=tw.sefaz))
    assert response.status_code == 403 and response.json()["code"] == "server_not_owned"
    response = post(client, tw.push([tw.record(1)], server=f"SERVER:{tw.world.detran.xroad_id}/ss-nenhum"))
    assert response.status_code == 403 and response.json()["code"] == "unknown_server"


def test_a_server_cannot_report_queries_to_a_service_it_does_not_provide(client, tw):
    record = tw.record(1, service=tw.sefaz_service.xroad_id)
    response = post(client, tw.push([tw.record(2), record]))
    assert response.status_code == 422
    assert response.json() == {
        "code": "service_not_provided",
        "message": "O serviço do pedido não pertence ao membro deste servidor de segurança.",
        "record": 1,
    }
    unknown = tw.record(3, service=f"{tw.world.detran_sub.xroad_id}/inexistente")
    assert post(client, tw.push([unknown])).json()["code"] == "unknown_service"
    assert DataSubjectRecord.objects.count() == 0


def test_a_data_subject_that_is_not_a_valid_cpf_is_refused(client, tw):
    response = post(client, tw.push([tw.record(1, cpf="12345678900")]))
    assert response.status_code == 422 and response.json()["code"] == "bad_data_subject"
    response = post(client, tw.push([tw.record(1, cpf=None)]))
    assert response.status_code == 422 and response.json()["code"] == "bad_data_subject"


def test_client_certificate_revoked_before_the_request_voids_it_but_not_later(client, tw):
    issued = tw.sefaz.issued
    services.certificate_revoke(actor=tw.world.operator, certificate=issued, reason="superseded")
    issued.refresh_from_db()
    before = issued.revoked_at - dt.timedelta(minutes=5)
    after = issued.revoked_at + dt.timedelta(seconds=2)
    assert post(client, tw.push([tw.record(1, sent_at=before)])).status_code == 200
    response = post(client, tw.push([tw.record(2, sent_at=after)]))
    assert response.status_code == 422 and response.json()["code"] == "untrusted_client_certificate"
    # a compromised key voids even what it signed before the revocation
    type(issued).objects.filter(pk=issued.pk).update(revocation_reason="key_compromise")
    response = post(client, tw.push([tw.record(3, sent_at=before)]))
    assert response.json()["code"] == "untrusted_client_certificate"


def test_a_client_certificate_from_an_unknown_ca_is_refused(client, tw):
    stranger = testing.TestCA(name="AC estranha")
    key = generate_private_key()
    cert = stranger.issue(key.public_key(), common_name="SEFAZ", serial_number=tw.world.sefaz.xroad_id)
    record = tw.record(1)
    raw, signature = sign_descriptor(json.loads(record.descriptor), key)
    forged = PushRecord(1, record.logged_at, raw, signature, certificate_der(cert))
    response = post(client, tw.push([forged]))
    assert response.status_code == 422 and response.json()["code"] == "untrusted_client_certificate"


def test_bad_pushes_get_a_4xx_json_answer_in_portuguese(client, tw, settings):
    assert client.get(URL).status_code == 405
    response = client.post(URL, data=b"x", content_type="application/json")
    assert response.status_code == 415 and "Content-Type" in response.json()["message"]
    for junk in (b"", b"not-a-jws", b"a.b.c", base64.b64encode(b"{}")):
        response = post(client, junk)
        assert response.status_code == 400 and response.json()["code"] == "malformed", junk
    settings.XVIA_TRACKER_MAX_BYTES = 100
    response = post(client, tw.push([tw.record(1)]))
    assert response.status_code == 413 and response.json()["code"] == "too_large"
    settings.XVIA_TRACKER_MAX_BYTES = 2 * 1024 * 1024
    old = dt.datetime.now(dt.UTC) - dt.timedelta(hours=3)
    stale = build_push(
        instance="MT",
        server=tw.server_id,
        records=[tw.record(1)],
        sign_key=tw.detran.key,
        sign_cert=tw.detran.cert,
        now=old,
    )
    assert post(client, stale).json()["code"] == "stale"
    other = build_push(
        instance="XX",
        server=tw.server_id,
        records=[tw.record(1)],
        sign_key=tw.detran.key,
        sign_cert=tw.detran.cert,
    )
    assert post(client, other).json()["code"] == "wrong_instance"
    assert DataSubjectRecord.objects.count() == 0


def test_pushes_are_rate_limited_per_address_before_parsing(client, tw, settings):
    settings.XVIA_TRACKER_PUSHES_PER_MINUTE_PER_ADDRESS = 2
    body = tw.push([tw.record(1)])
    assert [post(client, body).status_code for _ in range(2)] == [200, 200]
    refused = post(client, b"not even a JWS")
    assert refused.status_code == 429 and refused["Retry-After"] == "60"


def test_pushes_are_rate_limited_per_reporting_server_whatever_its_address(client, tw, settings):
    settings.XVIA_TRACKER_PUSHES_PER_MINUTE = 2
    body = tw.push([tw.record(1)])
    addresses = ["10.0.0.1", "10.0.0.2", "10.0.0.3"]
    answers = [post(client, body, REMOTE_ADDR=address) for address in addresses]
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert answers[2].json()["code"] == "rate_limited" and answers[2]["Retry-After"] == "60"
    # another server (of the same member, from the same address) has its own allowance
    second = services.server_create(
        actor=None, owner=tw.world.detran, code="ss-detran-2", address="127.0.0.1:5502"
    )
    other = tw.push([tw.record(1)], server=second.xroad_id)
    assert post(client, other, REMOTE_ADDR="10.0.0.3").status_code == 200


def test_the_same_query_reported_by_two_servers_of_the_member_is_stored_once(client, tw):
    second = services.server_create(
        actor=None, owner=tw.world.detran, code="ss-detran-2", address="127.0.0.1:5502"
    )
    record = tw.record(1)
    assert post(client, tw.push([record])).json() == {"stored": 1, "duplicates": 0}
    assert post(client, tw.push([record], server=second.xroad_id)).json() == {"stored": 0, "duplicates": 1}
    # and twice in one push under another sequence number
    again = PushRecord(7, record.logged_at, record.descriptor, record.signature, record.signer_der)
    assert post(client, tw.push([record, again])).json() == {"stored": 0, "duplicates": 2}
    assert DataSubjectRecord.objects.count() == 1


def test_personal_numbers_in_the_issue_are_masked_and_the_user_id_is_dropped(client, tw):
    headers = [
        ["x-road-issue", "Processo 2026/123 do CPF 529.982.247-25 e BR52998224725 " + "x" * 200],
        ["x-road-userid", "BR52998224725"],
    ]
    assert post(client, tw.push([tw.record(1, headers=headers)])).status_code == 200
    row = DataSubjectRecord.objects.get()
    assert row.issue.startswith("Processo 2026/123 do CPF *** e BR*** x")
    assert len(row.issue) == 100
    values = str(DataSubjectRecord.objects.values().get())
    assert "52998224725" not in values and "982.247" not in values


def test_no_csrf_token_is_needed(tw):
    client = Client(enforce_csrf_checks=True)
    assert post(client, tw.push([tw.record(1)])).status_code == 200
