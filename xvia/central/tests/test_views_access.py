"""Who must NOT get into X-VIA's administration: anonymous people (sent to sign in), citizens
and servants without an X-VIA role (403), administrators of another agency (404 on everything
of DETRAN-MT, and their POSTs change nothing), agency administrators on operator-only pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from plataforma.common.models import AuditEvent
from xvia.central import services
from xvia.central.models import AccessRight, IssuedCertificate, Service, Subsystem

from .helpers import OPENAPI, make_csr

pytestmark = pytest.mark.django_db


@pytest.fixture
def detran_things(world, pki):
    service = services.service_create(
        actor=None, subsystem=world.detran_sub, code="veiculos", title="Veículos", openapi=OPENAPI
    )
    server = services.server_create(
        actor=None, owner=world.detran, code="ss-detran", address="127.0.0.1:5501"
    )
    cert = services.issue_certificate(make_csr(server.server_id), "auth", server=server)
    return {"service": service, "server": server, "cert": cert}


def detran_urls(world, things) -> list[str]:
    return [
        reverse("xvia:member", args=[world.detran.pk]),
        reverse("xvia:service_create", args=[world.detran.pk]),
        reverse("xvia:service", args=[things["service"].pk]),
        reverse("xvia:server", args=[things["server"].pk]),
        reverse("xvia:certificate", args=[things["cert"].pk]),
        reverse("xvia:certificate_revoke", args=[things["cert"].pk]),
    ]


OPERATOR_ONLY = ["xvia:member_create", "xvia:groups", "xvia:authorities", "xvia:audit"]


def test_anonymous_people_are_sent_to_sign_in(client, world, detran_things):
    for url in [reverse("xvia:home"), reverse("xvia:anchor"), *detran_urls(world, detran_things)]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert "next=" in response["Location"]


@pytest.mark.parametrize("who", ["citizen", "detran_attendant", "detran_editor"])
def test_people_without_an_x_via_role_get_403(client, world, detran_things, who):
    client.force_login(getattr(world, who))
    for url in [reverse("xvia:home"), reverse("xvia:anchor"), *detran_urls(world, detran_things)]:
        assert client.get(url).status_code == 403, url
    response = client.post(
        reverse("xvia:service", args=[detran_things["service"].pk]),
        {"acao": "direito", "dir-subject": f"s:{world.citizen.pk}", "dir-method": "*", "dir-path": "**"},
    )
    assert response.status_code == 403


def test_another_agencys_administrator_sees_nothing_of_detran(client, world, detran_things):
    client.force_login(world.sefaz_admin)
    assert client.get(reverse("xvia:home")).status_code == 200
    for url in detran_urls(world, detran_things):
        assert client.get(url).status_code == 404, url
    home = client.get(reverse("xvia:home")).content.decode()
    assert "SEFAZ-MT" in home and "DETRAN-MT" not in home


def test_another_agencys_administrator_cannot_change_detran(client, world, detran_things):
    client.force_login(world.sefaz_admin)
    service_url = reverse("xvia:service", args=[detran_things["service"].pk])
    attempts = [
        (
            service_url,
            {
                "acao": "direito",
                "dir-subject": f"s:{world.sefaz_sub.pk}",
                "dir-method": "*",
                "dir-path": "**",
            },
        ),
        (service_url, {"acao": "editar", "edit-title": "Invadido"}),
        (
            reverse("xvia:member", args=[world.detran.pk]),
            {"acao": "subsistema", "sub-code": "X", "sub-name": "x", "sub-message_log": "full"},
        ),
        (
            reverse("xvia:server", args=[detran_things["server"].pk]),
            {"acao": "cliente", "cli-subsystem": str(world.sefaz_sub.pk)},
        ),
        (reverse("xvia:certificate_revoke", args=[detran_things["cert"].pk]), {"reason": "key_compromise"}),
    ]
    audit_before = AuditEvent.objects.count()
    for url, data in attempts:
        assert client.post(url, data).status_code == 404, url
    assert not AccessRight.objects.exists()
    assert Service.objects.get().title == "Veículos"
    assert not Subsystem.objects.filter(code="X").exists()
    assert not IssuedCertificate.objects.filter(revoked_at__isnull=False).exists()
    assert AuditEvent.objects.count() == audit_before


def test_agency_administrators_cannot_reach_operator_pages(client, world, detran_things):
    client.force_login(world.detran_admin)
    for name in OPERATOR_ONLY:
        assert client.get(reverse(name)).status_code == 404, name
    assert (
        client.post(
            reverse("xvia:groups"), {"acao": "grupo", "grp-code": "g", "grp-description": "d"}
        ).status_code
        == 404
    )


def test_operator_reaches_everything(client, world, detran_things):
    client.force_login(world.operator)
    for url in [*(reverse(n) for n in OPERATOR_ONLY), *detran_urls(world, detran_things)]:
        assert client.get(url).status_code == 200, url
    pages = client.get(reverse("xvia:member", args=[world.detran.pk]))
    assert pages["Cache-Control"] == "private, no-store"


def test_gestor_of_detran_administers_detran(client, world, detran_things):
    client.force_login(world.detran_admin)
    for url in detran_urls(world, detran_things):
        assert client.get(url).status_code == 200, url
