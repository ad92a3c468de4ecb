"""Identities and denúncias are visible only to the ouvidoria handling them (Lei 13.460 art. 10
§7): tested from every role that must not see them, with status, content and nothing changed;
every access by a servant to an identified manifestação is audited for the author to see."""

import pytest
from django.test import Client

from plataforma.common.models import AuditEvent

from .. import services
from ..models import Kind, Manifestation, ManifestationEvent, Status
from .factories import lodge, person

pytestmark = pytest.mark.django_db

SECRET = "Segredo do relato: propina no pátio."


@pytest.fixture
def identified(world):
    m = lodge(
        world.author,
        agency=world.agency,
        kind=Kind.DENUNCIATION,
        title="Denúncia identificada",
        description=SECRET,
    ).manifestation
    services.manifestation_start_analysis(actor=world.ouvidor, manifestation=m)
    fwd = services.manifestation_forward(
        actor=world.ouvidor,
        manifestation=m,
        area="Diretoria de Pátios",
        extract="Relato de cobrança indevida no pátio. Contato: Maria Aparecida Souza, 65 99999-8888.",
        question="Apurem, por favor.",
    )
    m.refresh_from_db()
    return m, fwd


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def leaked(response, world) -> bool:
    body = response.content.decode()
    return any(
        text in body
        for text in (
            SECRET,
            world.author.full_name,
            "Maria Aparecida",
            "529.982",
            world.author.email,
            "99999-8888",
        )
    )


INTRUDERS = ["anonymous", "other_citizen", "analyst", "manager", "attendant", "editor", "other_ouvidor"]


def _user(world, name):
    return None if name == "anonymous" else getattr(world, name)


@pytest.mark.parametrize("who", INTRUDERS)
def test_nobody_but_the_ouvidoria_opens_the_manifestation_or_its_identity(world, identified, who):
    m, _fwd = identified
    client = client_for(_user(world, who))
    before = AuditEvent.objects.count()
    detail = client.get(f"/servidor/ouvidoria/{m.protocol}/")
    reveal = client.post(f"/servidor/ouvidoria/{m.protocol}/identificacao/")
    action = client.post(f"/servidor/ouvidoria/{m.protocol}/responder/", {"resposta": "intruso"})
    for response in (detail, reveal, action):
        assert response.status_code in (302, 404), response.status_code
        assert not leaked(response, world)
    m.refresh_from_db()
    assert m.status == Status.FORWARDED
    assert not AuditEvent.objects.filter(action__startswith="ombudsman.identity").exists()
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize("who", INTRUDERS)
def test_the_inbox_is_closed_to_everyone_but_ouvidores(world, identified, who):
    response = client_for(_user(world, who)).get("/servidor/ouvidoria/")
    # another agency's ouvidor has an inbox of their own, without this manifestação
    assert response.status_code in ((200,) if who == "other_ouvidor" else (302, 403))
    assert identified[0].protocol not in response.content.decode()


@pytest.mark.parametrize(
    "who", ["anonymous", "other_citizen", "attendant", "editor", "other_ouvidor", "ouvidor", "general"]
)
def test_the_forwarding_is_read_only_by_the_area(world, identified, who):
    _m, fwd = identified
    client = client_for(_user(world, who))
    response = client.get(f"/servidor/ouvidoria/area/{fwd.pk}/")
    assert response.status_code in (302, 404)
    answer = client.post(f"/servidor/ouvidoria/area/{fwd.pk}/", {"acao": "responder", "resposta": "x"})
    assert answer.status_code in (302, 404)
    fwd.refresh_from_db()
    assert fwd.status == "aberto"


@pytest.mark.parametrize("who", ["analyst", "manager"])
def test_the_area_sees_only_the_pseudonymised_extract(world, identified, who):
    _m, fwd = identified
    response = client_for(getattr(world, who)).get(f"/servidor/ouvidoria/area/{fwd.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Relato de cobrança indevida no pátio" in body and "Apurem" in body
    assert not leaked(response, world)
    assert world.author.cpf not in body and "[nome omitido]" in body and "[telefone omitido]" in body
    access = AuditEvent.objects.get(action="ombudsman.forwarding.view")
    assert access.kind == AuditEvent.Kind.ACCESS and access.subject_user_id == world.author.pk


def test_the_area_sees_the_identity_only_when_shared_with_consent(world):
    m = lodge(world.author, agency=world.agency, identity_consent=True).manifestation
    services.manifestation_start_analysis(actor=world.ouvidor, manifestation=m)
    fwd = services.manifestation_forward(
        actor=world.ouvidor, manifestation=m, area="A", extract="Extrato", question="Q", share_identity=True
    )
    body = client_for(world.analyst).get(f"/servidor/ouvidoria/area/{fwd.pk}/").content.decode()
    assert world.author.full_name in body and world.author.cpf not in body


def test_the_ouvidoria_sees_the_manifestation_and_every_access_is_audited(world, identified):
    m, _fwd = identified
    client = client_for(world.ouvidor)
    response = client.get(f"/servidor/ouvidoria/{m.protocol}/")
    body = response.content.decode()
    assert response.status_code == 200 and SECRET in body
    assert world.author.full_name not in body  # not without the explicit reveal
    view = AuditEvent.objects.get(action="ombudsman.manifestation.view")
    assert (
        view.kind == AuditEvent.Kind.ACCESS
        and view.subject_user_id == world.author.pk
        and view.actor == world.ouvidor
    )
    reveal = client.post(f"/servidor/ouvidoria/{m.protocol}/identificacao/")
    assert reveal.status_code == 200 and world.author.full_name in reveal.content.decode()
    assert reveal["Cache-Control"] == "private, no-store"
    audit = AuditEvent.objects.get(action="ombudsman.identity.reveal")
    assert audit.subject_user_id == world.author.pk and audit.kind == AuditEvent.Kind.ACCESS
    # the author sees those accesses in their history
    assert (
        AuditEvent.objects.filter(subject_user_id=world.author.pk, kind=AuditEvent.Kind.ACCESS).count() >= 2
    )


def test_a_reveal_needs_a_post(world, identified):
    assert (
        client_for(world.ouvidor)
        .get(f"/servidor/ouvidoria/{identified[0].protocol}/identificacao/")
        .status_code
        == 405
    )


def test_the_general_ouvidoria_sees_every_agency(world, identified):
    other = lodge(world.author, agency=world.other_agency, description="Relato da SEFAZ").manifestation
    client = client_for(world.general)
    inbox = client.get("/servidor/ouvidoria/").content.decode()
    assert identified[0].protocol in inbox and other.protocol in inbox
    assert client.get(f"/servidor/ouvidoria/{other.protocol}/").status_code == 200
    # DETRAN's ouvidor sees only DETRAN's
    inbox = client_for(world.ouvidor).get("/servidor/ouvidoria/").content.decode()
    assert identified[0].protocol in inbox and other.protocol not in inbox
    assert client_for(world.ouvidor).get(f"/servidor/ouvidoria/{other.protocol}/").status_code == 404


def test_an_anonymous_manifestation_has_no_identity_to_reveal_and_no_subject(world):
    m = lodge(None, agency=world.agency, kind=Kind.DENUNCIATION, anonymous=True).manifestation
    client = client_for(world.ouvidor)
    assert client.get(f"/servidor/ouvidoria/{m.protocol}/").status_code == 200
    assert client.post(f"/servidor/ouvidoria/{m.protocol}/identificacao/").status_code == 404
    assert not AuditEvent.objects.filter(action="ombudsman.manifestation.view").exists()


@pytest.mark.parametrize("who", ["anonymous", "other_citizen", "ouvidor", "analyst"])
def test_nobody_else_reads_the_authors_pages(world, identified, who):
    m, _fwd = identified
    client = client_for(_user(world, who))
    for url in (
        f"/conta/manifestacoes/{m.protocol}/",
        f"/conta/manifestacoes/{m.protocol}/comprovante/",
        f"/conta/manifestacoes/{m.protocol}/comprovante.pdf",
        f"/ouvidoria/registrada/{m.protocol}/",
        f"/ouvidoria/acompanhar/{m.protocol}/comprovante/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 404), url
        assert not leaked(response, world)


def test_an_identified_manifestation_cannot_be_opened_by_code(world, identified):
    m, _fwd = identified
    response = Client().post(
        "/ouvidoria/acompanhar/", {"protocolo": m.protocol, "codigo": "0000-0000-0000-0000"}
    )
    assert response.status_code == 400 and not leaked(response, world)


def test_guessing_access_codes_is_rate_limited(world):
    m = lodge(None, agency=world.agency, anonymous=True).manifestation
    client = Client()
    statuses = [
        client.post(
            "/ouvidoria/acompanhar/", {"protocolo": m.protocol, "codigo": f"0000-0000-0000-{n:04d}"}
        ).status_code
        for n in range(12)
    ]
    assert statuses[:10] == [400] * 10 and statuses[-1] == 429


def test_the_timeline_the_author_sees_hides_internal_steps(world, identified):
    m, fwd = identified
    services.forwarding_answer(actor=world.analyst, forwarding=fwd, answer="Resposta interna da área.")
    body = client_for(world.author).get(f"/conta/manifestacoes/{m.protocol}/").content.decode()
    assert "Resposta interna da área." not in body and "Encaminhada à área responsável" in body
    assert ManifestationEvent.objects.filter(
        manifestation=m, action="area_answered", visible_to_requester=False
    ).exists()


def test_a_citizen_with_the_same_name_sees_nothing(world, identified):
    twin = person(full_name=world.author.full_name)
    assert client_for(twin).get(f"/conta/manifestacoes/{identified[0].protocol}/").status_code == 404
    assert Manifestation.objects.filter(requester=twin).count() == 0
