"""The sandbox's signed webhook: valid, wrong secret, old or future timestamp, tampered body,
malformed header."""

from __future__ import annotations

import json
import time
from decimal import Decimal

import pytest
from django.test import override_settings

from ..providers import InvalidPayload, InvalidSignature, provider_get
from ..providers.sandbox import signature_for, verify_signature


def _provider():
    return provider_get("sandbox")


def test_a_signed_notification_is_read():
    headers, body = _provider().signed_notification(
        txid="ABC", amount=Decimal("85.40"), delivery_id="d-1", end_to_end_id="E1", payer_name="Maria"
    )
    event = _provider().verify_webhook(headers, body)
    assert event.delivery_id == "d-1"
    (payment,) = event.payments
    assert (payment.txid, payment.end_to_end_id, payment.amount, payment.payer_name) == (
        "ABC",
        "E1",
        Decimal("85.40"),
        "Maria",
    )
    assert event.has_personal_data


def test_header_names_are_case_insensitive():
    headers, body = _provider().signed_notification(txid="ABC", amount=Decimal("1.00"))
    lowered = {k.lower(): v for k, v in headers.items()}
    assert _provider().verify_webhook(lowered, body).payments[0].txid == "ABC"


def test_a_notification_signed_with_another_secret_is_refused():
    body = b'{"id": "x", "pix": []}'
    header = signature_for(body, timestamp=int(time.time()), secret=b"outro-segredo")
    with pytest.raises(InvalidSignature):
        _provider().verify_webhook({"X-Pix-Signature": header}, body)


@pytest.mark.parametrize("age", [301, 3600, -301])
def test_a_notification_outside_five_minutes_is_refused(age):
    headers, body = _provider().signed_notification(
        txid="ABC", amount=Decimal("1.00"), timestamp=int(time.time()) - age
    )
    with pytest.raises(InvalidSignature):
        _provider().verify_webhook(headers, body)


def test_a_notification_just_inside_the_window_is_accepted():
    now = time.time()
    body = b'{"id": "x", "pix": []}'
    verify_signature(signature_for(body, timestamp=int(now) - 299), body, now=now)


def test_a_tampered_body_is_refused():
    headers, body = _provider().signed_notification(txid="ABC", amount=Decimal("85.40"))
    tampered = body.replace(b"85.40", b"0.01")
    with pytest.raises(InvalidSignature):
        _provider().verify_webhook(headers, tampered)


@pytest.mark.parametrize(
    "header", ["", "t=abc,v1=00", "v1=00", "t=123", "t=,v1=", "lixo", "t=99999999999999999999,v1=00"]
)
def test_malformed_signature_headers_are_refused(header):
    with pytest.raises(InvalidSignature):
        _provider().verify_webhook({"X-Pix-Signature": header}, b'{"id": "x", "pix": []}')


def test_without_a_configured_secret_nothing_is_accepted():
    headers, body = _provider().signed_notification(txid="ABC", amount=Decimal("1.00"))
    with override_settings(PAYMENTS_SANDBOX_WEBHOOK_SECRET=""), pytest.raises(InvalidSignature):
        _provider().verify_webhook(headers, body)


def _signed(data) -> tuple[dict[str, str], bytes]:
    body = json.dumps(data).encode()
    return {"X-Pix-Signature": signature_for(body, timestamp=int(time.time()))}, body


@pytest.mark.parametrize(
    "data",
    [
        [],
        {"pix": [{"txid": "A", "endToEndId": "E1", "valor": "1.00", "horario": "2026-03-01T10:00:00-04:00"}]},
        {"id": "x", "pix": []},
        {
            "id": "x",
            "pix": [{"txid": "A B", "endToEndId": "E1", "valor": "1.00", "horario": "2026-03-01T10:00:00Z"}],
        },
        {
            "id": "x",
            "pix": [{"txid": "A", "endToEndId": "E1", "valor": "1,00", "horario": "2026-03-01T10:00:00Z"}],
        },
        {
            "id": "x",
            "pix": [{"txid": "A", "endToEndId": "E1", "valor": 1.0, "horario": "2026-03-01T10:00:00Z"}],
        },
        {
            "id": "x",
            "pix": [{"txid": "A", "endToEndId": "E1", "valor": "1.00", "horario": "2026-03-01T10:00:00"}],
        },
        {
            "id": "x",
            "pix": [{"txid": "A", "endToEndId": "", "valor": "1.00", "horario": "2026-03-01T10:00:00Z"}],
        },
        {"id": "x", "pix": ["não é objeto"]},
    ],
)
def test_signed_but_malformed_notifications_are_invalid_payloads(data):
    headers, body = _signed(data)
    with pytest.raises(InvalidPayload):
        _provider().verify_webhook(headers, body)


@pytest.mark.parametrize("body", [b"", b"not json", b"\xff\xfe", b'"texto"'])
def test_bodies_that_are_not_a_json_object_are_invalid_payloads(body):
    with pytest.raises(InvalidPayload):
        _provider().verify_webhook({}, body)


def test_development_defaults_apply_only_outside_production(settings):
    from ..providers.sandbox import DEV_WEBHOOK_SECRET, _pix_key, _secret

    del settings.PAYMENTS_SANDBOX_WEBHOOK_SECRET
    del settings.PAYMENTS_PIX_KEY
    assert _secret() == DEV_WEBHOOK_SECRET.encode() and _pix_key()
    settings.PRODUCTION = True
    assert _secret() == b"" and _pix_key() == ""
