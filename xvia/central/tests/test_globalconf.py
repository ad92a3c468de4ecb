"""Global configuration: built from the registry, signed per ADR 0033 and verified with the
gateways' own verifier (xvia.protocol) against the anchor the central serves; versions move
only forward; the document is renewed before expiry; served with cache headers."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from xvia.central import services
from xvia.central.models import PublishedConfiguration
from xvia.central.tasks import publish_global_configuration
from xvia.protocol.access import is_allowed
from xvia.protocol.globalconf import GlobalConfError, parse_anchor, verify_configuration
from xvia.protocol.identifiers import ClientId, ServiceId

from .helpers import OPENAPI, make_csr

pytestmark = pytest.mark.django_db
URL = "/xvia/globalconf/v1/shared"


@pytest.fixture
def registry(world, pki):
    service = services.service_create(
        actor=None,
        subsystem=world.detran_sub,
        code="veiculos",
        title="Veículos",
        personal_data=True,
        openapi=OPENAPI,
    )
    services.access_right_grant(
        actor=None, service=service, subject_subsystem=world.sefaz_sub, method="GET", path="/veiculos/{placa}"
    )
    server = services.server_create(
        actor=None, owner=world.detran, code="ss-detran", address="127.0.0.1:5501"
    )
    services.server_client_add(actor=None, server=server, subsystem=world.detran_sub)
    cert = services.issue_certificate(make_csr(server.server_id), "auth", server=server)
    return {"service": service, "server": server, "cert": cert}


def anchor(client, world):
    client.force_login(world.operator)
    response = client.get("/xvia/globalconf/v1/anchor.json")
    client.logout()
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    return parse_anchor(response.content)


def test_document_verifies_with_the_gateway_verifier(client, world, registry):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/jose"
    conf = verify_configuration(response.content, anchor(client, world))
    assert conf.instance == "MT"
    service_id = ServiceId.parse(registry["service"].xroad_id)
    sefaz = ClientId.parse(world.sefaz_sub.xroad_id)
    detran = ClientId.parse(world.detran_sub.xroad_id)
    assert is_allowed(conf, sefaz, service_id, "GET", "/veiculos/ABC1D23")
    assert not is_allowed(conf, sefaz, service_id, "DELETE", "/veiculos/ABC1D23")
    assert not is_allowed(conf, detran, service_id, "GET", "/veiculos/ABC1D23")  # deny by default
    server = conf.servers_by_id[next(iter(conf.servers_by_id))]
    assert server.address == "127.0.0.1:5501"
    assert server.auth_certificate_sha256 == {registry["cert"].certificate_sha256}
    assert conf.services_by_id[service_id].openapi_sha256 == registry["service"].openapi_sha256
    assert [e.path for e in conf.services_by_id[service_id].endpoints] == [
        "/proprietarios/{cpf}/veiculos",
        "/veiculos/{placa}",
        "/veiculos/{placa}/debitos",
    ]
    assert len(conf.tsas) == 1 and conf.tsas[0].url.endswith("/xvia/tsa/")


def test_header_is_es256_with_kid_and_x5c(client, registry):
    import base64

    header_b64 = client.get(URL).content.split(b".")[0]
    header = json.loads(base64.urlsafe_b64decode(header_b64 + b"=" * (-len(header_b64) % 4)))
    assert header["alg"] == "ES256" and header["typ"] == "xvia-globalconf"
    assert len(header["kid"]) == 64 and len(header["x5c"]) == 1


def test_tampered_document_is_refused_by_the_gateway(client, world, registry):
    signed = client.get(URL).content
    head, payload, signature = signed.split(b".")
    forged = head + b"." + payload[:-4] + (b"AAAA" if payload[-4:] != b"AAAA" else b"BBBB") + b"." + signature
    with pytest.raises(GlobalConfError):
        verify_configuration(forged, anchor(client, world))


def test_version_moves_only_when_the_registry_changes(world, registry):
    first = services.globalconf_publish()
    assert services.globalconf_publish().version == first.version
    services.subsystem_create(actor=None, member=world.sefaz, code="SEFAZ-NFE", name="NF-e")
    second = services.globalconf_publish()
    assert second.version == first.version + 1
    assert "SEFAZ-NFE" in json.dumps(second.payload)


def test_revocation_is_published(world, registry):
    before = services.globalconf_publish()
    assert before.payload["security_servers"][0]["auth_certificate_sha256"] == [
        registry["cert"].certificate_sha256
    ]
    services.certificate_revoke(actor=None, certificate=registry["cert"], reason="key_compromise")
    after = services.globalconf_publish()
    assert after.version > before.version
    dev_ca = next(ca for ca in after.payload["trust"]["cas"] if ca["revoked_serials"])
    assert dev_ca["revoked_serials"] == [registry["cert"].serial_hex]
    assert after.payload["security_servers"][0]["auth_certificate_sha256"] == []


def test_document_close_to_expiry_is_renewed_by_the_beat_task(registry):
    first = services.globalconf_publish()
    assert first.expires_at - first.generated_at == timedelta(
        seconds=settings.XVIA_GLOBALCONF_VALIDITY_SECONDS
    )
    PublishedConfiguration.objects.filter(pk=first.pk).update(
        expires_at=timezone.now() + timedelta(minutes=5)
    )
    version = publish_global_configuration()
    assert version == first.version + 1


def test_validity_is_configurable(registry, settings):
    settings.XVIA_GLOBALCONF_VALIDITY_SECONDS = 600
    settings.XVIA_GLOBALCONF_RENEW_MARGIN_SECONDS = 60
    document = services.globalconf_publish(force=True)
    assert document.expires_at - document.generated_at == timedelta(seconds=600)


def test_cache_headers_and_conditional_get(client, registry):
    response = client.get(URL)
    version = response["X-Xvia-Configuration-Version"]
    assert response["ETag"] == f'"xvia-globalconf-{version}"'
    assert response["Cache-Control"].startswith("public, max-age=")
    assert 0 < int(response["Cache-Control"].split("=")[1]) <= 60
    assert response["Expires"]
    again = client.get(URL, headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304 and again.content == b""


def test_without_signing_key_the_endpoint_answers_503(client, db):
    assert client.get(URL).status_code == 503
    assert publish_global_configuration() is None


def test_beat_schedule_names_the_task():
    entry = settings.CELERY_BEAT_SCHEDULE["xvia-publish-globalconf"]
    assert entry["task"] == "xvia.central.tasks.publish_global_configuration"


def test_an_unreadable_signing_key_file_is_a_503_with_retry_after_not_a_500(client, registry):
    from xvia.central import conf
    from xvia.central.models import ConfigurationSigningKey

    signer = ConfigurationSigningKey.objects.get(is_active=True)
    (conf.key_dir() / signer.key_file).unlink()
    PublishedConfiguration.objects.all().delete()  # nothing fresh to serve: a new one must be signed
    response = client.get(URL)
    assert response.status_code == 503
    assert response["Retry-After"] == "60" and response["Cache-Control"] == "no-store"
    assert "chave de assinatura" in response.content.decode()
    assert publish_global_configuration() is None  # the beat task logs it and carries on
