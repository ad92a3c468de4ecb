"""The rules of company ties: who may ask, grant, end, validate and reject, and what is recorded."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from plataforma.catalog.tests.factories import AgencyFactory
from plataforma.common.documents import format_cnpj
from plataforma.common.models import AuditEvent
from plataforma.identity.companies import services
from plataforma.identity.companies.models import Company, CompanyTie
from plataforma.identity.models import AgencyRole
from plataforma.identity.tests.factories import UserFactory

from .factories import CompanyFactory, make_representative, make_tie, next_cnpj

pytestmark = pytest.mark.django_db
Role, Status = CompanyTie.Role, CompanyTie.Status


def _today():
    return timezone.localdate()


def _servant(role=AgencyRole.Role.ATTENDANT, agency=None):
    agency = agency or AgencyFactory()
    user = UserFactory()
    AgencyRole.objects.create(user=user, agency=agency, role=role)
    return user, agency


# --- tie_request ----------------------------------------------------------------------------


def test_a_request_for_an_unknown_cnpj_creates_the_company_and_a_pending_tie():
    person, cnpj = UserFactory(), next_cnpj()
    tie = services.tie_request(
        actor=person, cnpj=format_cnpj(cnpj), legal_name="  Padaria   Pão Bom Ltda ", role=Role.PARTNER
    )
    assert tie.status == Status.PENDING and tie.role == Role.PARTNER and tie.user == person
    company = Company.objects.get(cnpj=cnpj)
    assert tie.company == company and company.legal_name == "Padaria Pão Bom Ltda"
    actions = set(AuditEvent.objects.filter(subject_user_id=person.pk).values_list("action", flat=True))
    assert actions == {"identity.companies.company_create", "identity.companies.tie_request"}
    event = AuditEvent.objects.get(action="identity.companies.tie_request")
    assert event.actor == person and event.target_id == str(tie.pk)
    assert event.changes["company"] == str(company.pk) and event.changes["status"] == "pendente"


def test_a_request_for_a_known_company_keeps_its_razao_social():
    company = CompanyFactory(legal_name="Nome Registrado SA")
    services.tie_request(
        actor=UserFactory(), cnpj=company.cnpj, legal_name="Outro Nome", role=Role.ACCOUNTANT
    )
    company.refresh_from_db()
    assert company.legal_name == "Nome Registrado SA"
    assert not AuditEvent.objects.filter(action="identity.companies.company_create").exists()


@pytest.mark.parametrize(
    ("cnpj", "legal_name", "role", "field"),
    [
        ("11.222.333/0001-00", "Empresa", Role.PARTNER, "cnpj"),  # wrong check digits
        ("11111111111111", "Empresa", Role.PARTNER, "cnpj"),
        ("", "Empresa", Role.PARTNER, "cnpj"),
        (None, "", Role.PARTNER, "legal_name"),  # unknown company needs a razão social
        (None, "x" * 201, Role.PARTNER, "legal_name"),
        (None, "Empresa", "dono", "role"),
    ],
)
def test_bad_requests_are_refused_and_nothing_is_written(cnpj, legal_name, role, field):
    with pytest.raises(ValidationError) as exc:
        services.tie_request(
            actor=UserFactory(),
            cnpj=cnpj if cnpj is not None else next_cnpj(),
            legal_name=legal_name,
            role=role,
        )
    assert field in exc.value.message_dict
    assert (
        not Company.objects.exists() and not CompanyTie.objects.exists() and not AuditEvent.objects.exists()
    )


def test_one_open_tie_per_person_and_company_with_a_clear_error():
    person = UserFactory()
    first = services.tie_request(actor=person, cnpj=next_cnpj(), legal_name="Empresa A", role=Role.PARTNER)
    with pytest.raises(ValidationError) as exc:
        services.tie_request(actor=person, cnpj=first.company.cnpj, legal_name="", role=Role.COLLABORATOR)
    assert "pedido em análise" in exc.value.message_dict["cnpj"][0]
    assert CompanyTie.objects.count() == 1
    # Once the request is withdrawn, the person may ask again.
    services.tie_revoke(actor=person, tie=first)
    again = services.tie_request(actor=person, cnpj=first.company.cnpj, legal_name="", role=Role.COLLABORATOR)
    assert again.status == Status.PENDING and CompanyTie.objects.count() == 2


# --- tie_grant ------------------------------------------------------------------------------


@pytest.mark.parametrize("grantor_role", [Role.PARTNER, Role.LEGAL_REPRESENTATIVE])
def test_a_partner_or_legal_representative_grants_a_tie_with_expiry(grantor_role):
    grantor_tie = make_tie(role=grantor_role)
    person = UserFactory()
    expiry = _today() + timedelta(days=90)
    tie = services.tie_grant(
        actor=grantor_tie.user,
        company=grantor_tie.company,
        user=person,
        role=Role.ACCOUNTANT,
        expires_at=expiry,
    )
    assert (tie.status, tie.role, tie.expires_at, tie.granted_by) == (
        Status.ACTIVE,
        Role.ACCOUNTANT,
        expiry,
        grantor_tie.user,
    )
    event = AuditEvent.objects.get(action="identity.companies.tie_grant")
    assert event.subject_user_id == person.pk and event.actor == grantor_tie.user
    assert event.changes["expires_at"] == expiry.isoformat() and event.changes["role"] == "contador"


@pytest.mark.parametrize(
    "grantor",
    [
        {"role": Role.COLLABORATOR},
        {"role": Role.ACCOUNTANT},
        {"role": Role.LEGAL_REPRESENTATIVE, "expires_at_days": -1},  # expired representative
        {"role": Role.LEGAL_REPRESENTATIVE, "status": Status.PENDING},
        {"role": Role.LEGAL_REPRESENTATIVE, "status": Status.REVOKED},
        {"role": Role.PARTNER, "status": Status.REJECTED},
    ],
)
def test_who_may_not_grant(grantor):
    days = grantor.pop("expires_at_days", None)
    if days is not None:
        grantor["expires_at"] = _today() + timedelta(days=days)
    tie = make_tie(**grantor)
    with pytest.raises(PermissionDenied):
        services.tie_grant(actor=tie.user, company=tie.company, user=UserFactory(), role=Role.COLLABORATOR)
    assert CompanyTie.objects.count() == 1 and not AuditEvent.objects.exists()


def test_a_representative_of_another_company_may_not_grant():
    representative, _own = make_representative()
    other = CompanyFactory()
    with pytest.raises(PermissionDenied):
        services.tie_grant(actor=representative, company=other, user=UserFactory(), role=Role.COLLABORATOR)
    assert not CompanyTie.objects.filter(company=other).exists()


def test_a_representative_whose_tie_ends_today_still_grants():
    representative, company = make_representative(expires_at=_today())
    services.tie_grant(actor=representative, company=company, user=UserFactory(), role=Role.COLLABORATOR)


def test_a_representative_cannot_grant_to_themselves():
    representative, company = make_representative()
    with pytest.raises(ValidationError) as exc:
        services.tie_grant(actor=representative, company=company, user=representative, role=Role.PARTNER)
    assert "a si mesmo" in exc.value.message_dict["cpf"][0]


def test_grant_refuses_a_past_expiry_an_unknown_role_and_a_deactivated_account():
    representative, company = make_representative()
    with pytest.raises(ValidationError) as exc:
        services.tie_grant(
            actor=representative,
            company=company,
            user=UserFactory(),
            role=Role.COLLABORATOR,
            expires_at=_today() - timedelta(days=1),
        )
    assert "expires_at" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.tie_grant(actor=representative, company=company, user=UserFactory(), role="gerente")
    with pytest.raises(ValidationError):
        services.tie_grant(
            actor=representative, company=company, user=UserFactory(is_active=False), role=Role.COLLABORATOR
        )
    assert CompanyTie.objects.count() == 1


def test_grant_approves_a_pending_request_and_renews_an_expired_tie_but_not_an_active_one():
    representative, company = make_representative()
    pending = make_tie(company=company, role=Role.PARTNER, status=Status.PENDING)
    approved = services.tie_grant(actor=representative, company=company, user=pending.user, role=Role.PARTNER)
    assert approved.pk == pending.pk and approved.status == Status.ACTIVE
    expired = make_tie(company=company, expires_at=_today() - timedelta(days=3))
    renewed = services.tie_grant(
        actor=representative,
        company=company,
        user=expired.user,
        role=Role.COLLABORATOR,
        expires_at=_today() + timedelta(days=30),
    )
    assert renewed.pk == expired.pk and renewed.is_effective()
    with pytest.raises(ValidationError) as exc:
        services.tie_grant(actor=representative, company=company, user=pending.user, role=Role.COLLABORATOR)
    assert "já tem um vínculo ativo" in exc.value.message_dict["cpf"][0]
    assert CompanyTie.objects.filter(company=company).count() == 3


# --- tie_revoke -----------------------------------------------------------------------------


def test_a_representative_revokes_someone_elses_tie_and_the_person_sees_it():
    representative, company = make_representative()
    tie = make_tie(company=company)
    services.tie_revoke(actor=representative, tie=tie)
    tie.refresh_from_db()
    assert tie.status == Status.REVOKED and tie.revoked_by == representative and tie.revoked_at
    event = AuditEvent.objects.get(action="identity.companies.tie_revoke")
    assert event.subject_user_id == tie.user_id and event.changes["by_self"] is False


def test_a_person_ends_their_own_tie():
    tie = make_tie(role=Role.COLLABORATOR)
    services.tie_revoke(actor=tie.user, tie=tie)
    tie.refresh_from_db()
    assert tie.status == Status.REVOKED
    assert AuditEvent.objects.get(action="identity.companies.tie_revoke").changes["by_self"] is True


@pytest.mark.parametrize("role", [Role.COLLABORATOR, Role.ACCOUNTANT])
def test_a_collaborator_or_accountant_cannot_end_someone_elses_tie(role):
    company = CompanyFactory()
    actor_tie, tie = make_tie(company=company, role=role), make_tie(company=company)
    with pytest.raises(PermissionDenied):
        services.tie_revoke(actor=actor_tie.user, tie=tie)
    tie.refresh_from_db()
    assert tie.status == Status.ACTIVE


def test_a_representative_of_another_company_or_an_expired_one_cannot_end_a_tie():
    tie = make_tie()
    outsider, _ = make_representative()
    expired, _ = make_representative(company=tie.company, expires_at=_today() - timedelta(days=1))
    for actor in (outsider, expired):
        with pytest.raises(PermissionDenied):
            services.tie_revoke(actor=actor, tie=tie)
    tie.refresh_from_db()
    assert tie.status == Status.ACTIVE


def test_a_tie_already_ended_cannot_be_ended_again():
    tie = make_tie(status=Status.REVOKED)
    with pytest.raises(ValidationError):
        services.tie_revoke(actor=tie.user, tie=tie)
    assert not AuditEvent.objects.exists()


# --- tie_validate / tie_reject ----------------------------------------------------------------


@pytest.mark.parametrize("role", [AgencyRole.Role.ATTENDANT, AgencyRole.Role.MANAGER])
def test_an_attendant_or_gestor_validates_a_request_recording_agency_and_document(role):
    servant, agency = _servant(role)
    tie = make_tie(status=Status.PENDING, role=Role.PARTNER)
    expiry = _today() + timedelta(days=365)
    services.tie_validate(
        actor=servant, tie=tie, agency=agency, note="Contrato social JUCEMAT 123", expires_at=expiry
    )
    tie.refresh_from_db()
    assert tie.status == Status.ACTIVE and tie.is_effective()
    assert (tie.validated_by, tie.validation_agency, tie.validation_note) == (
        servant,
        agency,
        "Contrato social JUCEMAT 123",
    )
    assert tie.expires_at == expiry and tie.decided_at
    event = AuditEvent.objects.get(action="identity.companies.tie_validate")
    assert event.subject_user_id == tie.user_id and event.changes["agency"] == str(agency.pk)
    assert "JUCEMAT" not in str(event.changes)  # free text stays on the tie, not in the trail


def test_an_attendant_rejects_a_request_with_a_reason_and_the_person_may_ask_again():
    servant, agency = _servant()
    tie = make_tie(status=Status.PENDING)
    services.tie_reject(actor=servant, tie=tie, agency=agency, note="Procuração vencida")
    tie.refresh_from_db()
    assert tie.status == Status.REJECTED and tie.validation_note == "Procuração vencida"
    assert AuditEvent.objects.get(action="identity.companies.tie_reject").subject_user_id == tie.user_id
    services.tie_request(actor=tie.user, cnpj=tie.company.cnpj, legal_name="", role=Role.PARTNER)


@pytest.mark.parametrize(
    "role", [AgencyRole.Role.ANALYST, AgencyRole.Role.CARTA_EDITOR, AgencyRole.Role.OMBUDSMAN]
)
def test_servants_with_other_roles_cannot_validate(role):
    servant, agency = _servant(role)
    tie = make_tie(status=Status.PENDING)
    for decide in (services.tie_validate, services.tie_reject):
        with pytest.raises(PermissionDenied):
            decide(actor=servant, tie=tie, agency=agency, note="Contrato social")
    tie.refresh_from_db()
    assert tie.status == Status.PENDING and not AuditEvent.objects.exists()


def test_a_revoked_attendant_a_staff_member_without_role_and_another_agencys_name_are_refused():
    revoked, agency = _servant()
    AgencyRole.objects.filter(user=revoked).update(revoked_at=timezone.now())
    staff = UserFactory(is_staff=True)
    attendant, _own_agency = _servant()
    tie = make_tie(status=Status.PENDING)
    for actor, where in ((revoked, agency), (staff, agency), (attendant, agency), (attendant, None)):
        with pytest.raises(PermissionDenied):
            services.tie_validate(actor=actor, tie=tie, agency=where, note="Contrato social")
    tie.refresh_from_db()
    assert tie.status == Status.PENDING


def test_a_servant_cannot_decide_their_own_request():
    servant, agency = _servant()
    tie = make_tie(user=servant, status=Status.PENDING)
    with pytest.raises(PermissionDenied):
        services.tie_validate(actor=servant, tie=tie, agency=agency, note="Contrato social")
    tie.refresh_from_db()
    assert tie.status == Status.PENDING


@pytest.mark.parametrize("note", ["", "   ", "x" * 201])
def test_a_decision_needs_a_short_document_note(note):
    servant, agency = _servant()
    tie = make_tie(status=Status.PENDING)
    with pytest.raises(ValidationError) as exc:
        services.tie_validate(actor=servant, tie=tie, agency=agency, note=note)
    assert "note" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.tie_reject(actor=servant, tie=tie, agency=agency, note=note)
    tie.refresh_from_db()
    assert tie.status == Status.PENDING


def test_a_request_already_decided_cannot_be_decided_again():
    servant, agency = _servant()
    tie = make_tie(status=Status.PENDING)
    services.tie_reject(actor=servant, tie=tie, agency=agency, note="Sem documento")
    with pytest.raises(ValidationError):
        services.tie_validate(actor=servant, tie=tie, agency=agency, note="Contrato social")
    tie.refresh_from_db()
    assert tie.status == Status.REJECTED
    assert AuditEvent.objects.filter(action="identity.companies.tie_validate").count() == 0
