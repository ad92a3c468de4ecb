"""Authentication codes for documents the platform issues, and the public verification page."""

import hashlib
import re
import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import IntegrityError, transaction

from plataforma.catalog.tests.factories import AgencyFactory
from plataforma.common import authcodes
from plataforma.common.authcodes import (
    CROCKFORD_ALPHABET,
    authcode_display,
    authcode_generate,
    authcode_normalise,
    authenticated_document_revoke,
    authenticated_document_verify,
    authentication_qr_svg,
    content_digest,
    document_authenticate,
    mask_name,
)
from plataforma.common.authenticity_views import AUTHENTICITY_LIMIT
from plataforma.common.models import AuditEvent, AuthenticatedDocument

URL = "/autenticidade/"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def issue(target, **overrides) -> AuthenticatedDocument:
    fields = {
        "kind": "service_request.receipt",
        "kind_label": "Comprovante de solicitação de serviço",
        "reference": "2026.SEFAZ.000123-1",
        "title": "Emissão de certidão negativa de débitos",
        "issuer_label": "Secretaria de Estado de Fazenda",
        "subject_label": mask_name("Maria Souza da Silva"),
        "content": {"protocol": "2026.SEFAZ.000123-1", "fields": {"cpf": "529.982.247-25"}},
        "target": target,
    }
    fields.update(overrides)
    with transaction.atomic():
        return document_authenticate(**fields)


# --- Codes ------------------------------------------------------------------------------------


def test_a_code_is_sixteen_crockford_characters_drawn_at_random():
    codes = {authcode_generate() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(len(code) == 16 and set(code) <= set(CROCKFORD_ALPHABET) for code in codes)
    assert not set("ILOU") & set(CROCKFORD_ALPHABET)


def test_a_code_is_printed_in_four_groups():
    assert authcode_display("7K3M9QXD2HRTV8WA") == "7K3M-9QXD-2HRT-V8WA"


@pytest.mark.parametrize(
    "typed",
    [
        "7K3M9QXD2HRTV8WA",
        "7k3m-9qxd-2hrt-v8wa",
        " 7K3M 9QXD 2HRT V8WA ",
        "7K3M\u20139QXD\u20142HRT-V8WA",  # en and em dashes
        "7K3M-9QXD-2HRT-V8WA\n",
    ],
)
def test_a_typed_code_is_normalised(typed):
    assert authcode_normalise(typed) == "7K3M9QXD2HRTV8WA"


def test_confusable_letters_are_read_as_digits():
    assert authcode_normalise("oOiI-lL00-1111-0000") == "0011110011110000"


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "7K3M-9QXD-2HRT-V8W",
        "7K3M-9QXD-2HRT-V8WAX",
        "7K3M-9QXD-2HRT-V8WU",
        "7K3M_9QXD_2HRT_V8WA",
        "é" * 16,
    ],
)
def test_text_that_cannot_be_a_code_is_refused(typed):
    assert authcode_normalise(typed) is None


def test_non_text_and_very_long_text_are_refused():
    assert authcode_normalise(None) is None  # type: ignore[arg-type]
    assert authcode_normalise("-" * 1000 + "7K3M9QXD2HRTV8WA") is None


# --- Digest and masked names ------------------------------------------------------------------


def test_the_digest_is_sha256_of_sorted_compact_utf8_json():
    expected = hashlib.sha256('{"a":1,"b":"ção"}'.encode()).hexdigest()
    assert content_digest({"b": "ção", "a": 1}) == expected
    assert content_digest({"a": 1, "b": "ção"}) == expected


def test_the_digest_writes_decimals_dates_and_uuids_as_text():
    value = uuid.UUID("12345678-1234-5678-1234-567812345678")
    content = {
        "fee": Decimal("10.50"),
        "day": date(2026, 4, 8),
        "at": datetime(2026, 4, 8, 14, 30, tzinfo=UTC),
        "id": value,
    }
    canonical = (
        '{"at":"2026-04-08T14:30:00+00:00","day":"2026-04-08",'
        '"fee":"10.50","id":"12345678-1234-5678-1234-567812345678"}'
    )
    assert content_digest(content) == hashlib.sha256(canonical.encode()).hexdigest()


def test_content_without_a_canonical_form_is_refused():
    with pytest.raises(TypeError):
        content_digest({"x": object()})
    with pytest.raises(ValueError):
        content_digest({"x": float("nan")})


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("Maria Souza da Silva", "M*** S*** da S***"),
        ("  joão   DOS santos ", "J*** dos S***"),
        ("Ângela de Oliveira e Castro", "Â*** de O*** e C***"),
        ("Ana", "A***"),
        ("", ""),
    ],
)
def test_names_are_masked(name, masked):
    assert mask_name(name) == masked


# --- Issuing, verifying, revoking -------------------------------------------------------------


@pytest.mark.django_db
def test_an_issued_document_is_stored_with_a_normalised_code_and_audited():
    agency = AgencyFactory()
    document = issue(agency)
    assert re.fullmatch(f"[{CROCKFORD_ALPHABET}]{{16}}", document.code)
    assert document.target_type == "catalog.agency" and document.target_id == str(agency.pk)
    assert document.content_digest == content_digest(
        {"protocol": "2026.SEFAZ.000123-1", "fields": {"cpf": "529.982.247-25"}}
    )
    assert document.subject_label == "M*** S*** da S***"
    assert document.issued_at is not None and document.revoked_at is None
    event = AuditEvent.objects.get(action="common.authenticated_document.issue")
    assert event.target_id == str(document.pk)
    assert "529" not in str(event.changes)


@pytest.mark.django_db
def test_a_document_is_found_by_its_code_as_people_type_it():
    document = issue(AgencyFactory())
    typed = document.display_code.lower().replace("0", "o").replace("1", "l").replace("-", " ")
    assert authenticated_document_verify(code=typed) == document
    assert authenticated_document_verify(code=document.code) == document


@pytest.mark.django_db
def test_an_unknown_or_malformed_code_finds_nothing():
    issue(AgencyFactory())
    assert authenticated_document_verify(code="0000-0000-0000-0000") is None
    assert authenticated_document_verify(code="not a code") is None


@pytest.mark.django_db
def test_a_code_collision_draws_a_new_code(monkeypatch):
    agency = AgencyFactory()
    first = issue(agency)
    draws = iter([first.code, "ZZZZZZZZZZZZZZZZ"])
    monkeypatch.setattr(authcodes, "authcode_generate", lambda: next(draws))
    second = issue(agency)
    assert second.code == "ZZZZZZZZZZZZZZZZ"


@pytest.mark.django_db
def test_repeated_collisions_fail_without_breaking_the_callers_transaction(monkeypatch):
    agency = AgencyFactory()
    first = issue(agency)
    monkeypatch.setattr(authcodes, "authcode_generate", lambda: first.code)
    with transaction.atomic():
        with pytest.raises(IntegrityError):
            document_authenticate(
                kind="k",
                kind_label="K",
                reference="r",
                title="t",
                issuer_label="i",
                subject_label="",
                content={},
                target=agency,
            )
        assert AuthenticatedDocument.objects.count() == 1  # the transaction is still usable


@pytest.mark.django_db
def test_revoking_keeps_the_first_date_and_is_audited():
    from plataforma.identity.tests.factories import UserFactory

    staff = UserFactory()
    document = issue(AgencyFactory())
    revoked = authenticated_document_revoke(actor=staff, document=document)
    assert revoked.is_revoked
    again = authenticated_document_revoke(actor=staff, document=document)
    assert again.revoked_at == revoked.revoked_at
    assert AuditEvent.objects.filter(action="common.authenticated_document.revoke").count() == 1
    assert authenticated_document_verify(code=document.code).is_revoked


def test_the_qr_code_is_accessible_inline_svg_without_inline_styles():
    svg = authentication_qr_svg(url="https://www.mt.gov.br/autenticidade/?codigo=7K3M-9QXD-2HRT-V8WA")
    assert svg.startswith("<svg ")
    assert 'role="img"' in svg and 'aria-label="QR code' in svg
    assert "style=" not in svg and "<script" not in svg and "<?xml" not in svg
    assert "<path" in svg


# --- The public page --------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_page_offers_a_labelled_form(client):
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert '<label for="id_codigo">Código de autenticação</label>' in page
    assert 'method="get"' in page and 'aria-describedby="id_codigo_helptext"' in page
    assert 'name="robots" content="noindex"' in page


@pytest.mark.django_db
def test_an_authentic_document_shows_what_was_registered_and_nothing_more(client):
    agency = AgencyFactory()
    document = issue(agency)
    AuthenticatedDocument.objects.filter(pk=document.pk).update(
        issued_at=datetime(2026, 3, 10, 15, 30, tzinfo=UTC)
    )
    response = client.get(URL, {"codigo": document.display_code.lower()})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Documento autêntico" in page
    for shown in (
        "Comprovante de solicitação de serviço",
        "2026.SEFAZ.000123-1",
        "Emissão de certidão negativa de débitos",
        "Secretaria de Estado de Fazenda",
        "M*** S*** da S***",
        "10/03/2026 11:30",  # 15:30 UTC is 11:30 in Cuiabá
        document.display_code,
    ):
        assert shown in page, shown
    assert "<wbr>".join(document.content_digest[i : i + 8] for i in range(0, 64, 8)) in page
    assert "529.982.247-25" not in page and str(agency.pk) not in page and "Maria" not in page


@pytest.mark.django_db
def test_a_revoked_document_says_it_was_cancelled_and_when(client):
    document = issue(AgencyFactory())
    AuthenticatedDocument.objects.filter(pk=document.pk).update(
        issued_at=datetime(2026, 3, 10, 15, 30, tzinfo=UTC),
        revoked_at=datetime(2026, 3, 12, 13, 5, tzinfo=UTC),
    )
    response = client.get(URL, {"codigo": document.code})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Documento cancelado" in page and "12/03/2026 09:05" in page
    assert "Documento autêntico" not in page


@pytest.mark.django_db
def test_an_unknown_code_says_so(client):
    issue(AgencyFactory())
    response = client.get(URL, {"codigo": "0000 0000 0000 0000"})
    assert response.status_code == 404
    page = response.content.decode()
    assert "Código não encontrado" in page and "0000-0000-0000-0000" in page


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["", "ABC", "7K3M-9QXD-2HRT-V8WU", "x" * 41])
def test_text_that_cannot_be_a_code_gets_a_field_error(client, typed):
    response = client.get(URL, {"codigo": typed})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_codigo_error"' in page and 'aria-invalid="true"' in page
    assert "Código não encontrado" not in page


@pytest.mark.django_db
def test_other_methods_are_not_allowed(client):
    assert client.post(URL, {"codigo": "0000-0000-0000-0000"}).status_code == 405


@pytest.mark.django_db
def test_lookups_are_limited_per_address(client):
    for _ in range(AUTHENTICITY_LIMIT.count):
        assert (
            client.get(URL, {"codigo": "0000-0000-0000-0000"}, REMOTE_ADDR="198.51.100.7").status_code == 404
        )
    over = client.get(URL, {"codigo": "0000-0000-0000-0000"}, REMOTE_ADDR="198.51.100.7")
    assert over.status_code == 429
    assert "Muitas consultas em pouco tempo" in over.content.decode() and over["Retry-After"] == "60"
    json_over = client.get(URL + "00000000000000000.json", REMOTE_ADDR="198.51.100.7")
    assert json_over.status_code == 429 and json_over.json()["situacao"] == "limite_excedido"
    # Another address is not affected, and the empty form is never limited.
    assert client.get(URL, {"codigo": "0000-0000-0000-0000"}, REMOTE_ADDR="198.51.100.8").status_code == 404
    assert client.get(URL, REMOTE_ADDR="198.51.100.7").status_code == 200


@pytest.mark.django_db
def test_the_json_twin_gives_the_same_data(client):
    document = issue(AgencyFactory())
    AuthenticatedDocument.objects.filter(pk=document.pk).update(
        issued_at=datetime(2026, 3, 10, 15, 30, tzinfo=UTC)
    )
    response = client.get(f"{URL}{document.display_code.lower()}.json")
    assert response.status_code == 200
    assert response.json() == {
        "codigo": document.display_code,
        "situacao": "autentico",
        "tipo": "service_request.receipt",
        "tipo_descricao": "Comprovante de solicitação de serviço",
        "referencia": "2026.SEFAZ.000123-1",
        "titulo": "Emissão de certidão negativa de débitos",
        "emissor": "Secretaria de Estado de Fazenda",
        "titular": "M*** S*** da S***",
        "emitido_em": "2026-03-10T11:30:00-04:00",
        "cancelado_em": None,
        "resumo_sha256": document.content_digest,
    }


@pytest.mark.django_db
def test_the_json_twin_reports_revocation(client):
    document = issue(AgencyFactory())
    authenticated_document_revoke(actor=None, document=document)
    body = client.get(f"{URL}{document.code}.json").json()
    assert body["situacao"] == "cancelado" and body["cancelado_em"] is not None


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["0000-0000-0000-0000", "não-é-código", "A" * 200])
def test_the_json_twin_answers_404_for_unknown_codes(client, code):
    response = client.get(f"{URL}{code}.json")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["situacao"] == "nao_encontrado"
