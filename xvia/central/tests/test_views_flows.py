"""What an agency's administrator does on the pages, and how bad input is answered."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plataforma.common.models import AuditEvent
from xvia.central import services
from xvia.central.models import AccessRight, GlobalGroup, IssuedCertificate, Member, SecurityServer, Service

from .helpers import OPENAPI, make_csr

pytestmark = pytest.mark.django_db


def upload(name: str, content: bytes | str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content.encode() if isinstance(content, str) else content)


def test_detran_publishes_a_service_and_grants_sefaz(client, world, pki):
    client.force_login(world.detran_admin)
    response = client.post(
        reverse("xvia:service_create", args=[world.detran.pk]),
        {
            "subsystem": str(world.detran_sub.pk),
            "code": "veiculos",
            "title": "Consulta de veículos",
            "personal_data": "on",
            "openapi": upload("openapi.json", OPENAPI),
        },
    )
    assert response.status_code == 303
    service = Service.objects.get()
    assert service.personal_data and service.endpoints.count() == 3
    response = client.post(
        reverse("xvia:service", args=[service.pk]),
        {
            "acao": "direito",
            "dir-subject": f"s:{world.sefaz_sub.pk}",
            "dir-method": "GET",
            "dir-path": "/veiculos/{placa}",
        },
    )
    assert response.status_code == 303
    right = AccessRight.objects.get()
    assert (right.subject_subsystem, right.method, right.path) == (
        world.sefaz_sub,
        "GET",
        "/veiculos/{placa}",
    )
    event = AuditEvent.objects.get(action="xvia.access_right.grant")
    assert event.actor == world.detran_admin
    response = client.post(
        reverse("xvia:service", args=[service.pk]), {"acao": "revogar-direito", "id": str(right.pk)}
    )
    assert response.status_code == 303 and not AccessRight.objects.exists()


def test_bad_openapi_is_a_field_error_and_nothing_is_saved(client, world, pki):
    client.force_login(world.detran_admin)
    response = client.post(
        reverse("xvia:service_create", args=[world.detran.pk]),
        {
            "subsystem": str(world.detran_sub.pk),
            "code": "veiculos",
            "title": "Consulta",
            "openapi": upload("x.json", json.dumps({"swagger": "2.0"})),
        },
    )
    assert response.status_code == 400
    assert "OpenAPI 3" in response.content.decode()
    assert not Service.objects.exists()


def test_bad_right_path_is_refused_with_a_message(client, world, pki):
    service = services.service_create(
        actor=None, subsystem=world.detran_sub, code="veiculos", title="Veículos"
    )
    client.force_login(world.detran_admin)
    response = client.post(
        reverse("xvia:service", args=[service.pk]),
        {
            "acao": "direito",
            "dir-subject": f"s:{world.sefaz_sub.pk}",
            "dir-method": "*",
            "dir-path": "sem-barra",
        },
    )
    assert response.status_code == 400
    assert "qualquer caminho" in response.content.decode()
    assert not AccessRight.objects.exists()


def test_server_csr_upload_and_certificate_download(client, world, pki):
    client.force_login(world.detran_admin)
    response = client.post(
        reverse("xvia:member", args=[world.detran.pk]),
        {"acao": "servidor", "srv-code": "ss-detran", "srv-address": "127.0.0.1:5501"},
    )
    assert response.status_code == 303
    server = SecurityServer.objects.get()
    url = reverse("xvia:server", args=[server.pk])
    response = client.post(url, {"acao": "csr", "csr-csr": upload("ss.csr", make_csr(server.server_id))})
    assert response.status_code == 303
    cert = IssuedCertificate.objects.get()
    download = client.get(reverse("xvia:certificate", args=[cert.pk]))
    assert download.status_code == 200 and download.content.decode() == cert.certificate_pem
    assert "PRIVATE" not in download.content.decode()
    response = client.post(url, {"acao": "csr", "csr-csr": upload("ruim.csr", make_csr("MT/GOV/x/y"))})
    assert response.status_code == 400
    assert "serialNumber" in response.content.decode()
    assert IssuedCertificate.objects.count() == 1


def test_revoke_from_the_page(client, world, pki):
    server = services.server_create(
        actor=None, owner=world.detran, code="ss-detran", address="127.0.0.1:5501"
    )
    cert = services.issue_certificate(make_csr(server.server_id), "auth", server=server)
    client.force_login(world.detran_admin)
    url = reverse("xvia:certificate_revoke", args=[cert.pk])
    assert client.post(url, {"reason": "nada"}).status_code == 400
    assert client.post(url, {"reason": "superseded"}).status_code == 303
    cert.refresh_from_db()
    assert cert.revocation_reason == "superseded"


def test_unknown_action_is_400(client, world, pki):
    client.force_login(world.detran_admin)
    assert (
        client.post(reverse("xvia:member", args=[world.detran.pk]), {"acao": "explodir"}).status_code == 400
    )
    assert (
        client.post(reverse("xvia:member", args=[world.detran.pk]), {"acao": "subsistema"}).status_code == 400
    )


def test_operator_registers_a_member_with_field_errors_first(client, world, pki):
    client.force_login(world.operator)
    url = reverse("xvia:member_create")
    gov = str(world.detran.member_class_id)
    response = client.post(url, {"member_class": gov, "code": "12.345.678/0001-00", "name": "Prefeitura"})
    assert response.status_code == 400 and "CNPJ válido" in response.content.decode()
    response = client.post(url, {"member_class": gov, "code": "03.507.415/0001-44", "name": "Prefeitura"})
    assert response.status_code == 303
    assert Member.objects.filter(code="03507415000144").exists()


def test_operator_creates_a_group_and_adds_a_subsystem(client, world, pki):
    client.force_login(world.operator)
    url = reverse("xvia:groups")
    assert (
        client.post(url, {"acao": "grupo", "grp-code": "basico", "grp-description": "Básico"}).status_code
        == 303
    )
    group = GlobalGroup.objects.get()
    response = client.post(
        url,
        {
            "acao": "membro",
            "grupo": str(group.pk),
            f"mbr-{group.pk.hex[:12]}-subsystem": str(world.sefaz_sub.pk),
        },
    )
    assert response.status_code == 303
    assert list(group.subsystems.all()) == [world.sefaz_sub]
    field = f"mbr-{group.pk.hex[:12]}-subsystem"
    again = client.post(url, {"acao": "membro", "grupo": str(group.pk), field: str(world.sefaz_sub.pk)})
    assert again.status_code == 400  # already in the group: a message, not a 500
