"""The citizen's charge panel (QR code, copia e cola, status) and the sandbox's "Simular
pagamento" button."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.test import override_settings
from django.urls import reverse

from ...tests.factories import reload
from ..models import Charge
from ..selectors import charge_for_request
from ..services import charges_expire

pytestmark = pytest.mark.django_db


def _panel(charge) -> str:
    return render_to_string("payments/_charge_panel.html", {"charge": charge})


def test_the_panel_of_an_open_charge_shows_qr_and_copia_e_cola(awaiting):
    charge = charge_for_request(awaiting)
    html = _panel(charge)
    assert "R$ 85,40" in html
    assert '<svg role="img" aria-label="QR code do PIX' in html
    assert charge.br_code in html
    assert 'readonly aria-describedby="pix-ajuda-' in html
    assert "Copiar" in html and " hidden>" in html  # shown by copy.js only
    assert "payments/js/copy.js" in html
    assert "Simular pagamento" in html
    assert "style=" not in html and "onclick" not in html and "<script>" not in html


def test_no_simulation_in_production(awaiting):
    with override_settings(PRODUCTION=True):
        html = _panel(charge_for_request(awaiting))
    assert "Simular pagamento" not in html


def test_no_simulation_with_another_provider(awaiting):
    with override_settings(
        PAYMENTS_PROVIDERS={
            "sandbox": "plataforma.service_requests.payments.providers.sandbox.SandboxProvider",
            "banco": "plataforma.service_requests.payments.providers.sandbox.SandboxProvider",
        },
        PAYMENTS_DEFAULT_PROVIDER="banco",
    ):
        html = _panel(charge_for_request(awaiting))
    assert "Simular pagamento" not in html


def test_an_expired_charge_shows_no_code(awaiting):
    charge = charge_for_request(awaiting)
    charges_expire(now=charge.expires_at + timedelta(seconds=1))
    html = _panel(charge_for_request(awaiting))
    assert charge.br_code not in html and "<svg" not in html
    assert "venceu" in html


def test_no_charge_renders_nothing():
    assert _panel(None).strip() == ""


def test_simulate_pays_through_the_webhook_path(client, awaiting, person):
    charge = charge_for_request(awaiting)
    client.force_login(person)
    response = client.post(reverse("payments:simulate", kwargs={"charge_id": charge.pk}))
    assert response.status_code == 302
    assert response["Location"] == reverse("service_requests:detail", kwargs={"protocol": awaiting.protocol})
    charge.refresh_from_db()
    assert charge.status == "paga"
    assert charge.deliveries.get().signature_valid
    assert reload(awaiting).state == "recebida"
    html = _panel(charge)
    assert "Pagamento confirmado" in html


def test_simulate_is_404_for_someone_else(client, awaiting, other_person, manager):
    charge = charge_for_request(awaiting)
    for user in (other_person, manager):
        client.force_login(user)
        assert client.post(reverse("payments:simulate", kwargs={"charge_id": charge.pk})).status_code == 404
    assert Charge.objects.get(pk=charge.pk).status == "pendente"


def test_simulate_needs_sign_in_and_post(client, awaiting, person):
    url = reverse("payments:simulate", kwargs={"charge_id": charge_for_request(awaiting).pk})
    assert client.post(url).status_code == 302  # to sign-in
    client.force_login(person)
    assert client.get(url).status_code == 405


def test_simulate_is_404_in_production(client, awaiting, person):
    client.force_login(person)
    with override_settings(PRODUCTION=True):
        url = reverse("payments:simulate", kwargs={"charge_id": charge_for_request(awaiting).pk})
        assert client.post(url).status_code == 404


def test_simulate_does_not_pay_an_expired_charge(client, awaiting, person):
    charge = charge_for_request(awaiting)
    charges_expire(now=charge.expires_at + timedelta(seconds=1))
    client.force_login(person)
    client.post(reverse("payments:simulate", kwargs={"charge_id": charge.pk}))
    charge.refresh_from_db()
    assert charge.status == "expirada" and charge.reconciliation == ""
