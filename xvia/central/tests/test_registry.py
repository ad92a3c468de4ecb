"""Registry rules: identifiers, CNPJ, uniqueness, deny-by-default rights, audit and revision."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from plataforma.common.documents import make_cnpj
from plataforma.common.models import AuditEvent
from xvia.central import services
from xvia.central.models import AccessRight, Member, RegistryRevision, SecurityServer

from .conftest import gov
from .helpers import OPENAPI

pytestmark = pytest.mark.django_db


def revision() -> int:
    return RegistryRevision.objects.get(id=1).revision


def test_identifiers_follow_x_road(world):
    cnpj = world.detran.code
    assert world.detran.xroad_id == f"MT/GOV/{cnpj}"
    assert world.detran_sub.xroad_id == f"MT/GOV/{cnpj}/DETRAN-VEICULOS"
    server = services.server_create(
        actor=None, owner=world.detran, code="ss-detran", address="127.0.0.1:5501"
    )
    assert server.xroad_id == f"SERVER:MT/GOV/{cnpj}/ss-detran"
    assert server.server_id == f"MT/GOV/{cnpj}/ss-detran"


def test_member_needs_a_valid_cnpj(world):
    with pytest.raises(ValidationError):
        services.member_create(actor=None, member_class=gov(), code="11111111111111", name="Inválido")
    with pytest.raises(ValidationError):
        services.member_create(actor=None, member_class=gov(), code="03507415000145", name="Dígito errado")
    assert not Member.objects.filter(name__in=["Inválido", "Dígito errado"]).exists()


def test_member_linked_to_an_agency_must_carry_its_cnpj(world):
    other = make_cnpj("998877000100")
    with pytest.raises(ValidationError) as caught:
        services.member_create(
            actor=None, member_class=gov(), code=other, name="Outro", agency=world.sefaz_agency
        )
    assert "agency" in caught.value.message_dict


def test_same_member_twice_is_refused(world):
    with pytest.raises(ValidationError):
        services.member_create(actor=None, member_class=gov(), code=world.detran.code, name="Duplicado")


def test_database_refuses_a_member_code_that_is_not_14_digits(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Member.objects.create(member_class=gov(), code="123", name="Curto")


@pytest.mark.parametrize("code", ["com espaço", "a/b", "", "-inicio", "sub_linha", "x" * 65])
def test_subsystem_codes_are_x_road_identifier_parts(world, code):
    with pytest.raises(ValidationError):
        services.subsystem_create(actor=None, member=world.detran, code=code, name="Sistema")


@pytest.mark.parametrize("address", ["semporta", "host:0", "host:70000", "host:abc", "a b:80", "[zz]:80"])
def test_server_address_must_be_host_and_port(world, address):
    with pytest.raises(ValidationError):
        services.server_create(actor=None, owner=world.detran, code="ss-detran", address=address)
    assert not SecurityServer.objects.exists()


def test_access_right_needs_exactly_one_subject_and_a_valid_path(world):
    service = services.service_create(
        actor=None, subsystem=world.detran_sub, code="veiculos", title="Veículos"
    )
    with pytest.raises(ValidationError):
        services.access_right_grant(actor=None, service=service)
    group = services.group_create(actor=None, code="basico", description="Básico")
    with pytest.raises(ValidationError):
        services.access_right_grant(
            actor=None, service=service, subject_subsystem=world.sefaz_sub, subject_group=group
        )
    for path in ["veiculos", "/a/**/b", "/**", "/a b"]:
        with pytest.raises(ValidationError):
            services.access_right_grant(
                actor=None, service=service, subject_subsystem=world.sefaz_sub, path=path
            )
    with pytest.raises(ValidationError):
        services.access_right_grant(
            actor=None, service=service, subject_subsystem=world.sefaz_sub, method="BREW"
        )
    assert not AccessRight.objects.exists()


def test_database_refuses_a_right_with_two_subjects(world):
    service = services.service_create(
        actor=None, subsystem=world.detran_sub, code="veiculos", title="Veículos"
    )
    group = services.group_create(actor=None, code="basico", description="Básico")
    with pytest.raises(IntegrityError), transaction.atomic():
        AccessRight.objects.create(service=service, subject_subsystem=world.sefaz_sub, subject_group=group)


def test_duplicate_right_is_a_validation_error(world):
    service = services.service_create(
        actor=None, subsystem=world.detran_sub, code="veiculos", title="Veículos"
    )
    services.access_right_grant(
        actor=None, service=service, subject_subsystem=world.sefaz_sub, path="/veiculos/**"
    )
    with pytest.raises(ValidationError):
        services.access_right_grant(
            actor=None, service=service, subject_subsystem=world.sefaz_sub, path="/veiculos/**"
        )


def test_every_change_is_audited_and_bumps_the_revision(world):
    before = revision()
    service = services.service_create(
        actor=world.detran_admin,
        subsystem=world.detran_sub,
        code="veiculos",
        title="Veículos",
        openapi=OPENAPI,
    )
    right = services.access_right_grant(
        actor=world.detran_admin,
        service=service,
        subject_subsystem=world.sefaz_sub,
        method="GET",
        path="/veiculos/{placa}",
    )
    services.access_right_revoke(actor=world.detran_admin, right=right)
    assert revision() == before + 3
    actions = list(
        AuditEvent.objects.filter(action__startswith="xvia.", actor=world.detran_admin)
        .order_by("occurred_at")
        .values_list("action", flat=True)
    )
    assert actions == ["xvia.service.create", "xvia.access_right.grant", "xvia.access_right.revoke"]
    grant = AuditEvent.objects.get(action="xvia.access_right.grant")
    assert grant.changes == {
        "subject": world.sefaz_sub.xroad_id,
        "method": "GET",
        "path": "/veiculos/{placa}",
    }


def test_services_refuse_an_administrator_of_another_agency(world):
    with pytest.raises(PermissionDenied):
        services.subsystem_create(actor=world.sefaz_admin, member=world.detran, code="INTRUSO", name="x")
    service = services.service_create(
        actor=None, subsystem=world.detran_sub, code="veiculos", title="Veículos"
    )
    with pytest.raises(PermissionDenied):
        services.access_right_grant(
            actor=world.sefaz_admin, service=service, subject_subsystem=world.sefaz_sub
        )
    with pytest.raises(PermissionDenied):
        services.member_create(
            actor=world.detran_admin, member_class=gov(), code=make_cnpj("123123000100"), name="x"
        )
    with pytest.raises(PermissionDenied):
        services.group_create(actor=world.detran_admin, code="grupo", description="x")
    assert not AccessRight.objects.exists()


def test_registering_a_client_of_another_agency_needs_the_operator(world):
    server = services.server_create(
        actor=world.detran_admin, owner=world.detran, code="ss-detran", address="10.0.0.1:5500"
    )
    with pytest.raises(PermissionDenied):
        services.server_client_add(actor=world.detran_admin, server=server, subsystem=world.sefaz_sub)
    services.server_client_add(actor=world.operator, server=server, subsystem=world.sefaz_sub)
    assert list(server.clients.all()) == [world.sefaz_sub]


@pytest.mark.parametrize(
    "path", ["/a/./b", "/a/../b", "/a/%2E%2e", "/a/{placa", "/a/placa}", "/a/{}", "/a/{x}y/**", "/{a}{b}"]
)
def test_dot_segments_and_unbalanced_braces_are_refused_in_rights_and_endpoints(world, path):
    service = services.service_create(
        actor=None, subsystem=world.detran_sub, code="veiculos", title="Veículos"
    )
    with pytest.raises(ValidationError) as refused:
        services.access_right_grant(actor=None, service=service, subject_subsystem=world.sefaz_sub, path=path)
    assert "segmento" in " ".join(refused.value.messages)
    if not path.endswith("/**") and path not in ("/{a}{b}",):
        with pytest.raises(ValidationError) as refused:
            services.endpoint_add(actor=None, service=service, method="GET", path=path)
        assert "segmento" in " ".join(refused.value.messages)
    assert not AccessRight.objects.exists()
