"""The ouvidoria API for the apps: lodge (Idempotency-Key), list, follow, reply, rate, reopen with
the `manifestacoes` scope; follow by protocol and access code without a token."""

import pytest

from .. import services
from ..models import Channel, Manifestation, Status
from ..models.manifestations import TEXT_MAX_LENGTH
from .api_helpers import ApiCaller, app_client, issue_token
from .factories import lodge

pytestmark = pytest.mark.django_db

MINE = "/ouvidoria/manifestacoes"
FOLLOW = "/ouvidoria/acompanhamento"


@pytest.fixture
def api(world):
    return ApiCaller(issue_token(world.author, app_client(), scope="openid manifestacoes"))


BODY = {
    "kind": "reclamacao",
    "title": "Fila enorme",
    "description": "Esperei três horas.",
    "agency": "detran-mt",
}


def test_lodging_creates_once_per_key(world, api):
    response = api.post(MINE, BODY, key="app-1")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["status"] == "recebida" and data["channel"] == "aplicativo" and data["access_code"] is None
    assert data["agency"]["acronym"] == "DETRAN-MT" and data["receipt_code"]
    assert response["Cache-Control"] == "private, no-store"
    again = api.post(MINE, {**BODY, "title": "Outra"}, key="app-1")
    assert again.status_code == 200 and again.json()["protocol"] == data["protocol"]
    m = Manifestation.objects.get()
    assert m.requester == world.author and m.channel == Channel.APP


def test_an_anonymous_lodging_returns_the_code_once_and_is_not_listed(world, api):
    response = api.post(MINE, {**BODY, "kind": "denuncia", "anonymous": True}, key="anon-1")
    assert response.status_code == 201
    data = response.json()
    assert data["anonymous"] and len(data["access_code"]) == 19
    assert api.get(MINE).json()["total"] == 0
    followed = ApiCaller().post(FOLLOW, {"protocol": data["protocol"], "access_code": data["access_code"]})
    assert followed.status_code == 200 and followed.json()["protocol"] == data["protocol"]
    assert "access_code" not in followed.json()


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({**BODY, "kind": "xingamento"}, 422, "kind"),
        ({**BODY, "title": "   "}, 422, "title"),
        ({**BODY, "description": "x" * (TEXT_MAX_LENGTH + 1)}, 422, "description"),
        ({**BODY, "agency": "nao-existe"}, 422, "agency"),
        ({**BODY, "service": "nao-existe"}, 422, "service"),
        ({**BODY, "facts_date": "2999-01-01"}, 422, "facts_date"),
        ({**BODY, "facts_date": "31/12/2020"}, 422, "facts_date"),
        ({**BODY, "title": "a\u0000b"}, 422, "title"),
    ],
)
def test_bad_input_gets_a_field_error_and_nothing_is_stored(world, api, body, status, field):
    response = api.post(MINE, body, key="bad")
    assert response.status_code == status, response.content
    assert field in [e["field"] for e in response.json()["errors"]]
    assert not Manifestation.objects.exists()


def test_a_malformed_body_or_missing_key_is_a_clear_400(world, api):
    assert api.post(MINE, BODY).status_code == 400  # no Idempotency-Key
    from django.test import Client

    raw = Client().post(
        "/api/v1" + MINE,
        "{nope",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {api.token}",
        HTTP_IDEMPOTENCY_KEY="k",
    )
    assert raw.status_code == 400 and "JSON" in raw.json()["detail"]
    assert not Manifestation.objects.exists()


def test_a_text_at_the_limit_is_kept_whole(world, api):
    text = "ç" * TEXT_MAX_LENGTH
    response = api.post(MINE, {**BODY, "description": text}, key="long")
    assert response.status_code == 201
    assert Manifestation.objects.get().description == text


def test_a_token_without_the_scope_is_refused(world):
    token = issue_token(world.author, app_client(), scope="openid solicitacoes")
    response = ApiCaller(token).get(MINE)
    assert response.status_code == 403 and 'scope="manifestacoes"' in response["WWW-Authenticate"]
    assert ApiCaller().get(MINE).status_code == 401


def test_list_and_detail_are_the_persons_own(world, api):
    mine = lodge(world.author, agency=world.agency).manifestation
    theirs = lodge(world.other_citizen, agency=world.agency).manifestation
    listed = api.get(MINE).json()
    assert listed["total"] == 1 and listed["items"][0]["protocol"] == mine.protocol
    assert api.get(f"{MINE}/{mine.protocol}").status_code == 200
    assert api.get(f"{MINE}/{theirs.protocol}").status_code == 404
    assert api.get(f"{MINE}/nao-e-protocolo").status_code == 404
    assert api.get(MINE, {"limit": 0}).status_code == 422
    assert api.get(MINE, {"situacao": "xyz"}).status_code == 422


def test_reply_rate_and_reopen_through_the_api(world, api):
    m = lodge(world.author, agency=world.agency).manifestation
    url = f"{MINE}/{m.protocol}"
    assert api.post(f"{url}/complemento", {"text": "Mais dados"}).status_code == 409
    services.manifestation_start_analysis(actor=world.ouvidor, manifestation=m)
    services.manifestation_request_info(actor=world.ouvidor, manifestation=m, question="Qual a placa?")
    detail = api.get(url).json()
    assert detail["can_reply"] and detail["pending_question"] == "Qual a placa?" and detail["clock_suspended"]
    assert api.post(f"{url}/complemento", {"text": ""}).status_code == 422
    replied = api.post(f"{url}/complemento", {"text": "QBX1A23"})
    assert replied.status_code == 200 and replied.json()["status"] == "em_analise"
    assert api.post(f"{url}/avaliacao", {"resolved": True, "satisfaction": 5}).status_code == 409
    m.refresh_from_db()
    services.manifestation_answer(actor=world.ouvidor, manifestation=m, text="Resolvido.")
    assert api.post(f"{url}/avaliacao", {"resolved": True, "satisfaction": 9}).status_code == 422
    rated = api.post(f"{url}/avaliacao", {"resolved": False, "satisfaction": 2, "comment": "Nada mudou"})
    assert rated.status_code == 200 and rated.json()["rating"]["satisfaction"] == 2
    assert api.post(f"{url}/avaliacao", {"resolved": True, "satisfaction": 5}).status_code == 409
    reopened = api.post(f"{url}/reabertura", {"reason": "Continua errado."})
    assert reopened.status_code == 200 and reopened.json()["reopen_count"] == 1
    assert api.post(f"{MINE}/2026.OUV.000999-1/reabertura", {"reason": "x"}).status_code == 404


def test_following_by_code_answers_404_alike_and_is_rate_limited(world):
    result = lodge(None, agency=world.agency, anonymous=True)
    m = result.manifestation
    public = ApiCaller()
    assert public.post(FOLLOW, {"protocol": m.protocol, "access_code": "0000000000000000"}).status_code == 404
    assert (
        public.post(FOLLOW, {"protocol": "2026.OUV.999999-0", "access_code": result.access_code}).status_code
        == 404
    )
    assert public.post(FOLLOW, {"protocol": m.protocol}).status_code == 422
    statuses = [
        public.post(FOLLOW, {"protocol": m.protocol, "access_code": "X" * 16}).status_code for _ in range(10)
    ]
    assert statuses[-1] == 429


def test_the_anonymous_author_replies_and_rates_with_the_code(world):
    result = lodge(None, agency=world.agency, anonymous=True)
    m = result.manifestation
    services.manifestation_start_analysis(actor=world.ouvidor, manifestation=m)
    services.manifestation_request_info(actor=world.ouvidor, manifestation=m, question="Quando?")
    access = {"protocol": m.protocol, "access_code": result.access_code}
    public = ApiCaller()
    assert (
        public.post(f"{FOLLOW}/complemento", {**access, "text": "Sexta à tarde."}).json()["status"]
        == "em_analise"
    )
    m.refresh_from_db()
    services.manifestation_answer(actor=world.ouvidor, manifestation=m, text="Apurado.")
    rated = public.post(f"{FOLLOW}/avaliacao", {**access, "resolved": True, "satisfaction": 4})
    assert rated.status_code == 200
    assert (
        public.post(f"{FOLLOW}/reabertura", {**access, "reason": "Não concordo."}).json()["status"]
        == "em_analise"
    )
    wrong = public.post(f"{FOLLOW}/complemento", {**access, "access_code": "1" * 16, "text": "x"})
    assert wrong.status_code == 404
    m.refresh_from_db()
    assert m.status == Status.IN_ANALYSIS


def test_the_openapi_document_declares_the_routes():
    from django.test import Client

    schema = Client().get("/api/v1/openapi.json").json()
    lodge_op = schema["paths"]["/api/v1/ouvidoria/manifestacoes"]["post"]
    assert {"200", "201", "400", "401", "403", "409", "422", "429"} <= set(lodge_op["responses"])
    assert any(p["name"] == "Idempotency-Key" for p in lodge_op["parameters"])
    follow_op = schema["paths"]["/api/v1/ouvidoria/acompanhamento"]["post"]
    assert "security" not in follow_op or follow_op["security"] in ([], [{}])
