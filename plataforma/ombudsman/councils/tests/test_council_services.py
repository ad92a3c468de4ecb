"""Creating a council and its categories: who may, the rules checked, and that nothing changes on
bad input."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from plataforma.catalog.tests.factories import published_service
from plataforma.common.models import AuditEvent
from plataforma.identity.models import AgencyRole
from plataforma.identity.tests.factories import make_editor

from ..models import CategoryKind, Council, CouncilCategory
from ..services import councils as services
from .factories import AgencyFactory, council_for, gestor_of, open_call, servant

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency():
    return AgencyFactory()


@pytest.fixture
def gestor(agency):
    return gestor_of(agency)


def _rules(**kw):
    data = {"name": "Conselho", "description": "", "mandate_months": 24, "requirements": ""}
    data.update(kw)
    return services.CouncilRules(**data)


def test_the_gestor_creates_a_council_with_the_suggested_categories_and_it_is_audited(agency, gestor):
    council = council_for(agency, gestor)
    codes = list(council.categories.values_list("code", flat=True))
    assert codes == ["cidadaos", "empresas", "pessoas-com-deficiencia", "pessoas-idosas"]
    assert AuditEvent.objects.filter(action="councils.council.create", target_id=str(council.pk)).exists()


def test_the_ouvidor_may_create_the_council_too(agency):
    ouvidor = servant(agency, AgencyRole.Role.OMBUDSMAN)
    assert council_for(agency, ouvidor, suggested=False).categories.count() == 0


@pytest.mark.parametrize("role", ["analista", "atendente", "carta_editor"])
def test_servants_without_the_role_cannot_create_a_council(agency, role):
    with pytest.raises(PermissionDenied):
        council_for(agency, servant(agency, role))
    assert not Council.objects.exists()


def test_a_gestor_of_another_agency_cannot_create_a_council_here(agency):
    with pytest.raises(PermissionDenied):
        council_for(agency, gestor_of(AgencyFactory()))


def test_bad_rules_give_field_errors_and_nothing_is_created(agency, gestor):
    with pytest.raises(ValidationError) as exc:
        services.council_create(
            actor=gestor, agency=agency, rules=_rules(name="  ", mandate_months=3), services=[]
        )
    assert set(exc.value.error_dict) == {"name", "mandate_months"}
    assert not Council.objects.exists()


def test_services_must_be_of_the_agencys_carta(agency, gestor):
    other = AgencyFactory()
    foreign = published_service(agency=other, editor=make_editor(other))
    with pytest.raises(ValidationError) as exc:
        services.council_create(actor=gestor, agency=agency, rules=_rules(), services=[foreign])
    assert "services" in exc.value.error_dict


def test_two_councils_of_one_agency_cannot_share_a_name(agency, gestor):
    council_for(agency, gestor, name="Conselho A")
    with pytest.raises(ValidationError) as exc:
        council_for(agency, gestor, name="Conselho A")
    assert "name" in exc.value.error_dict


def test_a_regional_category_needs_its_municipalities(agency, gestor):
    council = council_for(agency, gestor)
    data = services.CategoryData("Região Norte", CategoryKind.REGION, "", 2, 1, [])
    with pytest.raises(ValidationError) as exc:
        services.category_save(actor=gestor, council=council, data=data)
    assert "municipalities" in exc.value.error_dict
    created = services.category_save(
        actor=gestor,
        council=council,
        data=services.CategoryData("Região Norte", CategoryKind.REGION, "", 2, 1, ["5107909"]),
    )
    assert created.code == "regiao-norte" and created.municipalities == ["5107909"]


def test_categories_do_not_change_while_a_call_is_open(agency, gestor):
    council = council_for(agency, gestor)
    open_call(council, gestor)
    category = council.categories.get(code="cidadaos")
    data = services.CategoryData("Cidadãos", CategoryKind.AUDIENCE, "", 9, 9, [])
    with pytest.raises(ValidationError):
        services.category_save(actor=gestor, council=council, data=data, category=category)
    with pytest.raises(ValidationError):
        services.category_delete(actor=gestor, category=category)
    category.refresh_from_db()
    assert category.seats == 3


def test_a_category_with_applications_is_kept(agency, gestor):
    from ..services.calls import call_cancel
    from .factories import apply, person

    council = council_for(agency, gestor)
    call = open_call(council, gestor)
    apply(person(), call)
    call_cancel(actor=gestor, call=call, reason="Teste")
    with pytest.raises(ValidationError):
        services.category_delete(actor=gestor, category=council.categories.get(code="cidadaos"))
    services.category_delete(actor=gestor, category=council.categories.get(code="empresas"))
    assert not CouncilCategory.objects.filter(council=council, code="empresas").exists()
