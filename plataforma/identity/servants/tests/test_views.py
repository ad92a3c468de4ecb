"""The Área do Servidor pages, tried by everyone who must not get in: anonymous people,
citizens, attendants on the members page, gestores of another agency, revoked gestores."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from plataforma.catalog.tests.factories import AgencyFactory
from plataforma.common.documents import format_cpf, make_cpf
from plataforma.common.models import AuditEvent
from plataforma.identity.companies.models import CompanyTie
from plataforma.identity.companies.tests.factories import make_tie
from plataforma.identity.models import AgencyRole
from plataforma.identity.tests.factories import UserFactory

from .helpers import Role, servant

pytestmark = pytest.mark.django_db
HOME = reverse("servants:home")
QUEUE = reverse("servants:tie_queue")


def _members(agency):
    return reverse("servants:members", args=[agency.slug])


def _revoke(agency, grant):
    return reverse("servants:member_revoke", args=[agency.slug, grant.pk])


def _decide(tie):
    return reverse("servants:tie_decide", args=[tie.pk])


# --- Home ---------------------------------------------------------------------------------------


def test_anonymous_people_are_asked_to_sign_in_everywhere(client):
    gestor, agency = servant(Role.MANAGER)
    tie = make_tie(status=CompanyTie.Status.PENDING)
    grant = AgencyRole.objects.get(user=gestor)
    for url in (HOME, _members(agency), _revoke(agency, grant), QUEUE, _decide(tie)):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("identity:login")), url
        assert client.post(url, {}).status_code == 302
    grant.refresh_from_db()
    assert grant.revoked_at is None


def test_citizens_and_revoked_servants_see_a_clear_403_page(client):
    revoked, _ = servant(Role.MANAGER)
    AgencyRole.objects.filter(user=revoked).update(revoked_at=timezone.now())
    for user in (UserFactory(), revoked):
        client.force_login(user)
        response = client.get(HOME)
        assert response.status_code == 403
        assert "Você não tem papel ativo em nenhum órgão." in response.content.decode()


def test_home_lists_agencies_roles_and_the_tools_each_role_opens(client):
    person, sefaz = servant(Role.MANAGER, agency=AgencyFactory(acronym="SEFAZ-MT"))
    detran = AgencyFactory(acronym="DETRAN-MT")
    AgencyRole.objects.create(user=person, agency=detran, role=Role.CARTA_EDITOR)
    client.force_login(person)
    body = client.get(HOME).content.decode()
    assert "SEFAZ-MT" in body and "DETRAN-MT" in body and "Gestor" in body and "Editor da Carta" in body
    assert _members(sefaz) in body and _members(detran) not in body
    assert "Editar a Carta de Serviços" in body and reverse("catalog_editor:dashboard") in body
    assert QUEUE in body


def test_an_analyst_sees_no_management_tools(client):
    analyst, agency = servant(Role.ANALYST)
    client.force_login(analyst)
    body = client.get(HOME).content.decode()
    assert "Analista" in body
    assert _members(agency) not in body and QUEUE not in body and "Editar a Carta de Serviços" not in body


def test_a_platform_administrator_without_role_sees_every_agency(client):
    agencies = [AgencyFactory(), AgencyFactory()]
    client.force_login(UserFactory(is_staff=True))
    body = client.get(HOME).content.decode()
    assert all(_members(a) in body for a in agencies)


# --- Members -------------------------------------------------------------------------------------


def test_a_gestor_lists_members_and_grants_a_role_by_cpf(client):
    gestor, agency = servant(Role.MANAGER)
    member, _ = servant(Role.CARTA_EDITOR, agency=agency)
    servant(Role.ATTENDANT)  # someone of another agency
    client.force_login(gestor)
    body = client.get(_members(agency)).content.decode()
    assert member.masked_cpf in body and member.cpf not in body
    person = UserFactory()
    response = client.post(_members(agency), {"cpf": format_cpf(person.cpf), "role": "atendente"})
    assert response.status_code == 302 and response.url == _members(agency)
    assert AgencyRole.objects.filter(
        user=person, agency=agency, role="atendente", revoked_at__isnull=True
    ).exists()
    event = AuditEvent.objects.get(action="identity.agency_role.grant")
    assert event.subject_user_id == person.pk and event.on_behalf_of_id == str(agency.pk)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"cpf": make_cpf("987654321"), "role": "atendente"}, "Não há conta no MT Login com este CPF"),
        ({"cpf": "123.456.789-00", "role": "atendente"}, "Informe um CPF válido"),
        ({"cpf": "", "role": "atendente"}, "Informe o CPF."),
        ({"cpf": "MEMBER", "role": "carta_editor"}, "já tem este papel"),
        ({"cpf": "MEMBER", "role": "dono"}, "Escolha um papel da lista."),
        ({"cpf": "MEMBER"}, "Escolha o papel."),
    ],
)
def test_bad_grants_answer_400_in_portuguese_and_change_nothing(client, data, message):
    gestor, agency = servant(Role.MANAGER)
    member, _ = servant(Role.CARTA_EDITOR, agency=agency)
    if data["cpf"] == "MEMBER":
        data["cpf"] = member.cpf
    client.force_login(gestor)
    response = client.post(_members(agency), data)
    assert response.status_code == 400 and message in response.content.decode()
    assert AgencyRole.objects.filter(agency=agency).count() == 2 and not AuditEvent.objects.exists()


@override_settings(MTLOGIN_CPF_LOOKUP_LIMIT=(1, 3600))
def test_cpf_lookups_on_the_members_page_are_rate_limited(client):
    gestor, agency = servant(Role.MANAGER)
    client.force_login(gestor)
    client.post(_members(agency), {"cpf": make_cpf("987654321"), "role": "atendente"})
    person = UserFactory()
    response = client.post(_members(agency), {"cpf": person.cpf, "role": "atendente"})
    assert response.status_code == 429
    assert not AgencyRole.objects.filter(user=person).exists()


def test_who_may_not_manage_members(client):
    gestor, agency = servant(Role.MANAGER)
    grant = AgencyRole.objects.get(user=gestor)
    other_gestor, _ = servant(Role.MANAGER)
    attendant, _ = servant(Role.ATTENDANT, agency=agency)
    revoked, _ = servant(Role.MANAGER, agency=agency)
    AgencyRole.objects.filter(user=revoked).update(revoked_at=timezone.now())
    citizen = UserFactory()
    target = UserFactory()
    for user, status in ((other_gestor, 404), (attendant, 404), (revoked, 403), (citizen, 403)):
        client.force_login(user)
        assert client.get(_members(agency)).status_code == status
        assert client.post(_members(agency), {"cpf": target.cpf, "role": "gestor"}).status_code == status
        assert client.get(_revoke(agency, grant)).status_code == status
        assert client.post(_revoke(agency, grant)).status_code == status
    assert not AgencyRole.objects.filter(user=target).exists()
    grant.refresh_from_db()
    assert grant.revoked_at is None and not AuditEvent.objects.exists()


def test_a_gestor_cannot_revoke_a_grant_of_another_agency_through_their_own_agency(client):
    gestor, agency = servant(Role.MANAGER)
    outsider, other = servant(Role.ATTENDANT)
    foreign = AgencyRole.objects.get(user=outsider)
    client.force_login(gestor)
    assert client.post(_revoke(agency, foreign)).status_code == 404
    assert client.post(_revoke(other, foreign)).status_code == 404
    foreign.refresh_from_db()
    assert foreign.revoked_at is None


def test_revoking_asks_for_confirmation_then_revokes(client):
    gestor, agency = servant(Role.MANAGER)
    member, _ = servant(Role.ATTENDANT, agency=agency)
    grant = AgencyRole.objects.get(user=member)
    client.force_login(gestor)
    page = client.get(_revoke(agency, grant))
    assert page.status_code == 200 and "Revogar este papel?" in page.content.decode()
    grant.refresh_from_db()
    assert grant.revoked_at is None
    response = client.post(_revoke(agency, grant))
    assert response.status_code == 302 and response.url == _members(agency)
    grant.refresh_from_db()
    assert grant.revoked_at is not None
    assert client.post(_revoke(agency, grant)).status_code == 404  # already revoked


def test_the_only_gestor_cannot_remove_themselves_through_the_page(client):
    gestor, agency = servant(Role.MANAGER)
    grant = AgencyRole.objects.get(user=gestor)
    client.force_login(gestor)
    response = client.post(_revoke(agency, grant))
    assert response.status_code == 400 and "único gestor" in response.content.decode()
    grant.refresh_from_db()
    assert grant.revoked_at is None


def test_a_platform_administrator_manages_any_agency(client):
    agency = AgencyFactory()
    admin = UserFactory(is_staff=True)
    client.force_login(admin)
    person = UserFactory()
    assert client.get(_members(agency)).status_code == 200
    assert client.post(_members(agency), {"cpf": person.cpf, "role": "gestor"}).status_code == 302
    assert AgencyRole.objects.filter(user=person, agency=agency, role="gestor").exists()
    assert client.get(reverse("servants:members", args=["nao-existe"])).status_code == 404


# --- Tie validation desk -------------------------------------------------------------------


def test_an_attendant_validates_a_pending_tie_at_the_desk(client):
    attendant, agency = servant(Role.ATTENDANT)
    tie = make_tie(status=CompanyTie.Status.PENDING, role=CompanyTie.Role.PARTNER)
    make_tie(status=CompanyTie.Status.ACTIVE)  # not in the queue
    client.force_login(attendant)
    queue = client.get(QUEUE)
    assert queue.status_code == 200 and _decide(tie) in queue.content.decode()
    assert "(1)" in queue.content.decode()
    assert client.get(_decide(tie)).status_code == 200
    expiry = timezone.localdate() + timedelta(days=100)
    response = client.post(
        _decide(tie),
        {
            "decision": "validar",
            "agency": str(agency.pk),
            "note": "Contrato social",
            "expires_at": expiry.isoformat(),
        },
    )
    assert response.status_code == 302 and response.url == QUEUE
    tie.refresh_from_db()
    assert (
        tie.status == CompanyTie.Status.ACTIVE
        and tie.validation_agency == agency
        and tie.expires_at == expiry
    )
    assert client.get(_decide(tie)).status_code == 404  # no longer pending


def test_a_gestor_rejects_a_pending_tie_with_a_reason(client):
    gestor, agency = servant(Role.MANAGER)
    tie = make_tie(status=CompanyTie.Status.PENDING)
    client.force_login(gestor)
    response = client.post(
        _decide(tie), {"decision": "recusar", "agency": str(agency.pk), "note": "Sem procuração"}
    )
    assert response.status_code == 302
    tie.refresh_from_db()
    assert tie.status == CompanyTie.Status.REJECTED and tie.validation_note == "Sem procuração"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"decision": "validar", "note": ""}, "Descreva o documento conferido"),
        ({"decision": "talvez", "note": "Contrato"}, "Escolha validar ou recusar."),
        ({"decision": "validar", "note": "x" * 201}, "no máximo 200"),
        (
            {"decision": "validar", "note": "Contrato", "expires_at": "2001-01-01"},
            "não pode estar no passado",
        ),
        (
            {"decision": "validar", "note": "Contrato", "agency": "OTHER"},
            "Escolha um órgão em que você é atendente",
        ),
        (
            {"decision": "validar", "note": "Contrato", "agency": "not-a-uuid"},
            "Escolha um órgão em que você é atendente",
        ),
    ],
)
def test_bad_decisions_answer_400_and_change_nothing(client, data, message):
    attendant, agency = servant(Role.ATTENDANT)
    tie = make_tie(status=CompanyTie.Status.PENDING)
    data.setdefault("agency", str(agency.pk))
    if data["agency"] == "OTHER":
        data["agency"] = str(AgencyFactory().pk)
    client.force_login(attendant)
    response = client.post(_decide(tie), data)
    assert response.status_code == 400 and message in response.content.decode()
    tie.refresh_from_db()
    assert tie.status == CompanyTie.Status.PENDING and not AuditEvent.objects.exists()


def test_who_may_not_use_the_desk(client):
    tie = make_tie(status=CompanyTie.Status.PENDING)
    analyst, agency = servant(Role.ANALYST)
    editor, _ = servant(Role.CARTA_EDITOR)
    staff = UserFactory(is_staff=True)
    revoked, _ = servant(Role.ATTENDANT)
    AgencyRole.objects.filter(user=revoked).update(revoked_at=timezone.now())
    data = {"decision": "validar", "agency": str(agency.pk), "note": "Contrato"}
    for user in (analyst, editor, staff, revoked, UserFactory()):
        client.force_login(user)
        assert client.get(QUEUE).status_code == 403
        assert client.get(_decide(tie)).status_code == 403
        assert client.post(_decide(tie), data).status_code == 403
    tie.refresh_from_db()
    assert tie.status == CompanyTie.Status.PENDING


def test_an_attendant_cannot_decide_their_own_request(client):
    attendant, agency = servant(Role.ATTENDANT)
    tie = make_tie(user=attendant, status=CompanyTie.Status.PENDING)
    client.force_login(attendant)
    assert "Este pedido é seu" in client.get(_decide(tie)).content.decode()
    response = client.post(
        _decide(tie), {"decision": "validar", "agency": str(agency.pk), "note": "Contrato"}
    )
    assert response.status_code == 403
    tie.refresh_from_db()
    assert tie.status == CompanyTie.Status.PENDING


def test_each_page_has_one_h1_and_no_inline_style_or_script(client):
    gestor, agency = servant(Role.MANAGER)
    grant = AgencyRole.objects.get(user=gestor)
    tie = make_tie(status=CompanyTie.Status.PENDING)
    client.force_login(gestor)
    pages = [
        client.get(HOME),
        client.get(_members(agency)),
        client.post(_members(agency), {"cpf": "1"}),
        client.get(_revoke(agency, grant)),
        client.post(_revoke(agency, grant)),
        client.get(QUEUE),
        client.get(_decide(tie)),
        client.post(_decide(tie), {}),
    ]
    client.force_login(UserFactory())
    pages.append(client.get(HOME))
    for response in pages:
        body = response.content.decode()
        assert body.count("<h1") == 1, response.request["PATH_INFO"]
        assert " style=" not in body and "<script>" not in body and " onclick" not in body
