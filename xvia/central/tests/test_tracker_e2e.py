"""End to end (ADR 0037): a provider's message log (the gateway's real store) → the gateway's
real tracker task → the Django central over HTTP → the citizen's "Quem acessou meus dados".

The provider-side exchange is written to the store exactly as `serverproxy` writes it (the
client's signed request, then the provider's signed response); global configuration is the
central's own document, so the tracker finds the central's address in `central.urls`."""

from __future__ import annotations

import asyncio
import datetime as dt
import json

import httpx
import pytest
from django.utils import timezone

from plataforma.identity.tests.factories import UserFactory
from xvia.central.models import DataSubjectRecord
from xvia.central.services.globalconf import build_payload
from xvia.gateway.store import LogEntry, Store
from xvia.gateway.tracker import Tracker, TrackerSettings
from xvia.protocol.certs import certificate_der
from xvia.protocol.globalconf import format_time, parse_globalconf
from xvia.protocol.identifiers import ServerId
from xvia.protocol.messages import FORMAT, request_hash, sign_descriptor

from .tracker_helpers import CPF, build_tracker_world

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def tw(world, pki, live_server, settings):
    settings.XVIA_CENTRAL_URL = live_server.url
    return build_tracker_world(world)


def provider_exchange(tw, *, cpf=CPF, service=None, message_id=None) -> list[LogEntry]:
    """Request (signed by SEFAZ) and response (signed by DETRAN's server) as ss-detran logs them."""
    raw, signature, signer = tw.request(cpf=cpf, service=service, message_id=message_id)
    request = json.loads(raw)
    response = {
        "v": FORMAT,
        "type": "response",
        "id": request["id"],
        "request_id": request["request_id"],
        "client": request["client"],
        "service": request["service"],
        "request_hash": request_hash(raw, None),
        "status": 200,
        "headers": [["content-type", "application/json"]],
        "body_sha512": None,
        "body_length": 0,
        "sent_at": format_time(dt.datetime.now(dt.UTC)),
        "sender": tw.server_id,
    }
    resp_raw, resp_sig = sign_descriptor(response, tw.detran.key)
    common = {
        "message_id": request["id"],
        "client": request["client"],
        "service": request["service"],
        "data_subject": cpf,
    }
    return [
        LogEntry("request", raw, signature, signer, None, False, **common),
        LogEntry("response", resp_raw, resp_sig, certificate_der(tw.detran.cert), None, False, **common),
    ]


def client_exchange(tw) -> list[LogEntry]:
    """The same kind of exchange seen from a *client* server: the response's sender is another
    server, so it is not this server's to report."""
    entries = provider_exchange(tw)
    response = json.loads(entries[1].descriptor)
    response["sender"] = f"SERVER:{tw.world.sefaz.xroad_id}/ss-outro"
    resp_raw, resp_sig = sign_descriptor(response, tw.detran.key)
    entries[1] = LogEntry(
        "response", resp_raw, resp_sig, entries[1].signer_der, None, False,
        entries[1].message_id, entries[1].client, entries[1].service, entries[1].data_subject,
    )  # fmt: skip
    return entries


def make_tracker(tw, tmp_path) -> tuple[Store, Tracker]:
    store = Store(
        tmp_path / "store.db",
        server_id=tw.server_id,
        sign_key=tw.detran.key,
        sign_cert_der=certificate_der(tw.detran.cert),
    )
    conf = parse_globalconf(build_payload(version=1, now=timezone.now()))
    tracker = Tracker(
        store_path=tmp_path / "store.db",
        server_id=ServerId.parse(tw.server_id),
        sign_key=tw.detran.key,
        sign_cert=tw.detran.cert,
        conf=lambda: conf,
        settings=TrackerSettings(batch_size=2),
    )
    return store, tracker


async def _log_and_push(store: Store, tracker: Tracker, exchanges: list[list[LogEntry]]) -> list:
    for entries in exchanges:
        await store.log_exchange(entries)
    results = []
    async with httpx.AsyncClient() as client:
        while True:
            result = await tracker.push_once(client)
            results.append(result)
            if not result.more:
                return results


def test_the_tracker_pushes_provider_queries_to_the_central_and_the_citizen_sees_them(
    tw, tmp_path, client, live_server
):
    store, tracker = make_tracker(tw, tmp_path)
    # the address comes from global configuration's central.urls
    assert tracker.api_url(tracker.conf()) == f"{live_server.url}/xvia/api/v1/data-subject-records"
    exchanges = [provider_exchange(tw), client_exchange(tw), provider_exchange(tw), provider_exchange(tw)]
    results = asyncio.run(_log_and_push(store, tracker, exchanges))
    assert sum(r.sent for r in results) == 3  # the client-side exchange is not reported
    assert all(r.outcome in ("pushed", "idle") for r in results)
    assert DataSubjectRecord.objects.count() == 3
    assert sorted(DataSubjectRecord.objects.values_list("log_seq", flat=True)) == [1, 5, 7]
    assert tracker.state.cursor() == 8

    # a second round (or a restart from scratch) sends nothing new and duplicates nothing
    tracker.state.advance(0)
    asyncio.run(_log_and_push(store, tracker, []))
    assert DataSubjectRecord.objects.count() == 3
    store.close()
    tracker.close()

    citizen = UserFactory(cpf=CPF, level="prata")  # a proven CPF sees X-VIA's records
    client.force_login(citizen)
    body = client.get("/conta/acessos-aos-meus-dados/").content.decode()
    assert "SEFAZ-MT" in body and "X-VIA" in body and "Consulta de veículos" in body
    assert "Pré-preenchimento de requerimento" in body and "Arrecadação" in body
    assert "3 acessos registrados no período" in body


def test_a_record_the_central_refuses_is_set_aside_and_the_rest_goes_through(tw, tmp_path):
    store, tracker = make_tracker(tw, tmp_path)
    foreign = f"{tw.world.detran_sub.xroad_id}/inexistente"
    exchanges = [provider_exchange(tw), provider_exchange(tw, service=foreign)]
    asyncio.run(_log_and_push(store, tracker, exchanges))
    assert DataSubjectRecord.objects.count() == 1
    assert tracker.state.rejected() == [(3, "unknown_service")]
    assert tracker.state.cursor() == 4
    store.close()
    tracker.close()


def test_while_the_central_refuses_the_server_nothing_is_skipped(tw, tmp_path):
    from xvia.central import services

    store, tracker = make_tracker(tw, tmp_path)
    services.certificate_revoke(actor=tw.world.operator, certificate=tw.detran.issued, reason="superseded")
    results = asyncio.run(_log_and_push(store, tracker, [provider_exchange(tw)]))
    assert results[-1].outcome == "failed" and tracker.failures == 1
    assert tracker.state.cursor() == 0 and tracker.state.rejected() == []
    assert DataSubjectRecord.objects.count() == 0
    store.close()
    tracker.close()
