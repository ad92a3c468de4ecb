"""The demo data loaded by `manage.py load_demo` (run by `make run` on every start).

The demo is loaded once for the whole module (it writes ~170 services through the real
editorial workflow) inside a transaction that is rolled back at the end, so other test
modules never see it.
"""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings

from plataforma.catalog.content import ServiceContent
from plataforma.catalog.demo import ADMIN, DEMO_PASSWORD, EDITORS
from plataforma.catalog.demo.agencies import AGENCIES, REQUIRED_ACRONYMS
from plataforma.catalog.models import (
    Agency,
    Category,
    Service,
    ServiceFeedback,
    ServiceUnit,
    ServiceVersion,
)
from plataforma.catalog.services import validate_content
from plataforma.common.audit import audit_trail_for
from plataforma.common.documents import format_cpf, is_valid_cnpj, is_valid_cpf
from plataforma.common.models import AuditEvent
from plataforma.identity.models import AgencyRole, User

from .factories import restore_reference_rows

pytestmark = pytest.mark.django_db
State = ServiceVersion.State
FAST_HASHER = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "plataforma.identity.hashers.ClientSecretHasher",  # the demo registers an OIDC client
]


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    """Load the demo once, into an empty database, and roll it back after the module."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER):
        assert not Service.objects.exists() and not Agency.objects.exists()
        with transaction.atomic():
            restore_reference_rows()  # a flushing test may have run just before this module
            out = StringIO()
            call_command("load_demo", stdout=out)
            yield out.getvalue()
            transaction.set_rollback(True)


def _counts() -> dict[str, int]:
    models = [
        Agency,
        Category,
        ServiceUnit,
        Service,
        ServiceVersion,
        ServiceFeedback,
        User,
        AgencyRole,
        AuditEvent,
    ]
    return {model.__name__: model.objects.count() for model in models}


def test_refuses_to_run_in_production_without_force():
    # Runs before the module's demo is loaded: the database is still empty.
    with override_settings(PRODUCTION=True), pytest.raises(CommandError, match="produção"):
        call_command("load_demo", stdout=StringIO())
    assert not Agency.objects.exists() and not User.objects.exists() and not Service.objects.exists()


def test_loading_publishes_at_least_150_services_with_valid_complete_carta_content(demo_output):
    published = Service.objects.filter(is_published=True).select_related("published_version", "agency")
    assert published.count() >= 150
    for service in published:
        data = service.published_version.content
        content = ServiceContent.model_validate(data)
        validate_content(data)  # also checks the categories exist
        assert service.published_version.state == State.PUBLISHED
        assert 1 < len(content.steps) <= 5, service.name
        assert all(step.channels and step.description for step in content.steps), service.name
        assert content.requesters and all(r.requirements for r in content.requesters), service.name
        for commitment in (
            content.priority_treatment,
            content.expected_wait,
            content.communication_channels,
            content.manifestation_handling,
            content.status_consultation,
            content.accessibility_conditions,
        ):
            assert commitment, service.name
        assert "Lei nº 10.048/2000" in content.priority_treatment
        assert "Lei nº 10.741/2003" in content.priority_treatment
        assert (
            "30 dias" in content.manifestation_handling
            and service.agency.acronym in content.manifestation_handling
        )
        assert content.legislation and content.keywords and content.categories, service.name
        if content.is_digital:
            assert str(content.digital_url).startswith("https://")
        has_price = any(cost.value or cost.variable for step in content.steps for cost in step.costs)
        assert content.is_free is not has_price
        if "presencial" in content.channel_types():
            assert content.unit_ids, service.name


def test_services_were_written_through_the_editorial_workflow_with_audit_rows(demo_output):
    service = Service.objects.get(name="Renovar a Carteira Nacional de Habilitação (CNH)")
    actions = set(audit_trail_for(service).values_list("action", flat=True))
    version_actions = set(
        AuditEvent.objects.filter(
            target_type="catalog.serviceversion", target_id=str(service.published_version_id)
        ).values_list("action", flat=True)
    )
    assert "catalog.service.create" in actions
    assert {"catalog.version.submit", "catalog.version.publish"} <= version_actions
    editor = service.published_version.published_by
    assert editor.agency_roles.filter(agency=service.agency, role=AgencyRole.Role.CARTA_EDITOR).exists()


def test_every_audience_and_every_required_agency_is_present(demo_output):
    published = Service.objects.filter(is_published=True)
    for code in ("cidadao", "empresa", "servidor"):
        assert published.filter(audiences__code=code).count() >= 10, code
    acronyms = set(Agency.objects.values_list("acronym", flat=True))
    assert set(REQUIRED_ACRONYMS) <= acronyms
    assert len(acronyms) == len(AGENCIES) >= 25
    with_services = set(published.values_list("agency__acronym", flat=True))
    assert with_services == acronyms
    assert not Agency.objects.filter(acronym__icontains="defensoria").exists()
    assert all(is_valid_cnpj(cnpj) for cnpj in Agency.objects.values_list("cnpj", flat=True))
    assert set(Agency.objects.values_list("administration", flat=True)) == {"direta", "indireta"}


def test_driving_licence_services_carry_the_popular_names_people_search_for(demo_output):
    detran = Service.objects.filter(is_published=True, agency__acronym="DETRAN-MT")
    cnh = [s for s in detran if "cnh" in s.search_terms and "carteira de motorista" in s.search_terms]
    assert len(cnh) >= 4
    assert Service.objects.filter(is_published=True, name__icontains="licença").exists()
    assert Service.objects.filter(is_published=True, name__icontains="licenciamento").exists()


def test_demo_accounts_can_sign_in_and_edit_their_agencies(demo_output):
    admin = User.objects.get(cpf=ADMIN.cpf)
    assert admin.is_superuser and admin.is_staff and admin.check_password(DEMO_PASSWORD)
    assert f"CPF {format_cpf(ADMIN.cpf)}, senha {DEMO_PASSWORD}" in demo_output
    for account in EDITORS:
        assert is_valid_cpf(account.cpf)
        editor = User.objects.get(cpf=account.cpf)
        assert not editor.is_staff and editor.check_password(DEMO_PASSWORD)
        granted = set(
            editor.agency_roles.filter(
                role=AgencyRole.Role.CARTA_EDITOR, revoked_at__isnull=True
            ).values_list("agency__acronym", flat=True)
        )
        assert granted == set(account.agencies)
        assert format_cpf(account.cpf) in demo_output
    covered = {acronym for account in EDITORS for acronym in account.agencies}
    assert covered == set(Agency.objects.values_list("acronym", flat=True))


def test_the_back_office_has_work_in_progress_history_overdue_reviews_and_feedback(demo_output):
    assert ServiceVersion.objects.filter(state=State.DRAFT).count() >= 2
    assert ServiceVersion.objects.filter(state=State.IN_REVIEW).count() >= 1
    assert ServiceVersion.objects.filter(state=State.SUPERSEDED).count() >= 2
    never_published = Service.objects.filter(is_published=False)
    assert never_published.exists() and not never_published.filter(published_version__isnull=False).exists()
    assert Service.objects.filter(is_published=True, review_overdue_since__isnull=False).count() >= 5
    assert ServiceFeedback.objects.filter(helpful=True).exists()
    assert ServiceFeedback.objects.filter(helpful=False).exists()


def test_a_second_run_creates_nothing(demo_output):
    before = _counts()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert _counts() == before
    assert "nada foi alterado" in out.getvalue()


def test_force_lets_it_run_in_production(demo_output):
    out = StringIO()
    with override_settings(PRODUCTION=True):
        call_command("load_demo", "--force", stdout=out)
    assert "nada foi alterado" in out.getvalue()


def test_demo_mt_login_has_citizens_at_each_level_a_company_and_agency_servants(demo_output):
    from django.test import Client

    from plataforma.catalog.demo.mtlogin import CITIZENS, DEMO_COMPANY
    from plataforma.identity.companies.models import CompanyTie
    from plataforma.identity.models import Level

    maria, joao, ana = (User.objects.get(cpf=spec.cpf) for spec in CITIZENS)
    assert maria.level == Level.BRONZE and joao.level == Level.PRATA
    assert maria.email_verified and joao.email_verified
    ties = {t.user_id: t for t in CompanyTie.objects.filter(company__cnpj=DEMO_COMPANY["cnpj"])}
    assert ties[maria.pk].role == "socio" and ties[maria.pk].is_effective()
    assert ties[joao.pk].role == "colaborador" and ties[joao.pk].is_effective()
    detran_editor = next(account for account in EDITORS if "DETRAN-MT" in account.agencies)
    roles = set(
        AgencyRole.objects.filter(
            user__cpf=detran_editor.cpf, agency__acronym="DETRAN-MT", revoked_at__isnull=True
        ).values_list("role", flat=True)
    )
    assert roles == {"carta_editor", "gestor", "atendente"}
    # Demo accounts sign in through the real form (confirmed e-mail, no second factor).
    with override_settings(PASSWORD_HASHERS=FAST_HASHER):
        response = Client().post(
            "/conta/entrar/", {"username": format_cpf(maria.cpf), "password": DEMO_PASSWORD}
        )
    assert response.status_code == 302 and response["Location"] == "/conta/"
    # Ana has the demo authenticator: her password leads to the second step, and the published
    # seed's current code signs her in.
    import pyotp

    from plataforma.catalog.demo.mtlogin import DEMO_TOTP_SECRET

    browser = Client()
    with override_settings(PASSWORD_HASHERS=FAST_HASHER):
        response = browser.post(
            "/conta/entrar/", {"username": format_cpf(ana.cpf), "password": DEMO_PASSWORD}
        )
    assert response["Location"] == "/conta/segundo-fator/verificar/"
    response = browser.post(
        response["Location"], {"metodo": "totp", "totp-code": pyotp.TOTP(DEMO_TOTP_SECRET).now()}
    )
    assert response.status_code == 302 and response["Location"] == "/conta/"
