"""/servidor/pagamentos/: the agency's gestor only; totals by status and reconciliation flags;
CSV; other agencies' servants and citizens kept out."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils import timezone

from ...tests.factories import service_with_form, submit
from ..selectors import charge_for_request
from ..services import charges_expire
from .conftest import FEE
from .helpers import post_webhook, signed

pytestmark = pytest.mark.django_db
URL = "/servidor/pagamentos/"


@pytest.fixture
def scenario(client, paid_service, person, other_person, other_agency):
    """Four charges in DETRAN-MT: one paid, one pending, one expired and paid late (refund), one
    paid with a different amount; and one paid charge in SEFAZ."""
    paid = submit(paid_service, person)
    post_webhook(client, *signed(charge_for_request(paid).txid, FEE))
    pending = submit(paid_service, other_person)
    expired = submit(paid_service, person)
    charge = charge_for_request(expired)
    mismatch = submit(paid_service, other_person)
    post_webhook(client, *signed(charge_for_request(mismatch).txid, Decimal("80.00")))
    sefaz = service_with_form(agency=other_agency, fee=Decimal("10.00"))
    post_webhook(client, *signed(charge_for_request(submit(sefaz, person)).txid, Decimal("10.00")))
    # Expire only the third one, then pay it late.
    from ..services import charge_expire

    charge_expire(charge_id=charge.pk, now=charge.expires_at + timedelta(seconds=1))
    post_webhook(client, *signed(charge.txid, FEE))
    return {"paid": paid, "pending": pending, "expired": expired, "mismatch": mismatch}


def test_anonymous_goes_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))


@pytest.mark.parametrize("who", ["person", "analyst"])
def test_citizens_and_other_roles_are_forbidden(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(URL).status_code == 403
    assert client.get(reverse("payments:reconciliation_csv")).status_code == 403


def test_a_gestor_of_another_agency_cannot_see_this_agencys_payments(
    client, scenario, outsider_manager, agency
):
    client.force_login(outsider_manager)
    assert client.get(URL, {"orgao": agency.slug}).status_code == 404
    assert client.get(reverse("payments:reconciliation_csv"), {"orgao": agency.slug}).status_code == 404
    # Their own page shows only SEFAZ's charge.
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 1
    assert response.context["totals"]["paga"].amount == Decimal("10.00")


def test_the_gestor_sees_totals_by_status_and_flags(client, scenario, manager):
    client.force_login(manager)
    response = client.get(URL)
    assert response.status_code == 200
    totals = response.context["totals"]
    assert (totals["paga"].count, totals["paga"].amount) == (1, FEE)
    assert (totals["pendente"].count, totals["pendente"].amount) == (2, FEE * 2)  # pending + mismatch
    assert (totals["expirada"].count, totals["expirada"].amount) == (1, FEE)
    assert (totals["estorno"].count, totals["estorno"].amount) == (1, FEE)
    assert (totals["valor_divergente"].count, totals["valor_divergente"].amount) == (1, Decimal("80.00"))
    assert response.context["page"].paginator.count == 4
    html = response.content.decode()
    assert "R$ 85,40" in html and "Pagamentos a devolver" in html
    assert scenario["paid"].protocol in html


def test_filters_by_status_and_reconciliation(client, scenario, manager):
    client.force_login(manager)
    assert client.get(URL, {"situacao": "paga"}).context["page"].paginator.count == 1
    flagged = client.get(URL, {"conciliacao": "qualquer"}).context["page"]
    assert {c.request_id for c in flagged} == {scenario["expired"].pk, scenario["mismatch"].pk}
    refunds = client.get(URL, {"conciliacao": "estorno"}).context["page"]
    assert [c.request_id for c in refunds] == [scenario["expired"].pk]


def test_filters_by_period(client, scenario, manager):
    client.force_login(manager)
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.get(
        URL, {"de": tomorrow.isoformat(), "ate": (tomorrow + timedelta(days=3)).isoformat()}
    )
    assert response.status_code == 200 and response.context["page"].paginator.count == 0


@pytest.mark.parametrize(
    "params",
    [
        {"de": "2026-05-10", "ate": "2026-05-01"},
        {"de": "ontem"},
        {"de": "2020-01-01", "ate": "2026-01-01"},
        {"situacao": "inventada"},
    ],
)
def test_bad_filters_are_400_with_field_errors(client, manager, params):
    client.force_login(manager)
    response = client.get(URL, params)
    assert response.status_code == 400
    assert response.context["form"].errors
    assert 'role="alert"' in response.content.decode()


def test_csv_export(client, scenario, manager):
    client.force_login(manager)
    response = client.get(reverse("payments:reconciliation_csv"), {"conciliacao": "qualquer"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:5] == ["protocolo", "servico", "txid", "valor", "situacao"]
    by_protocol = {row[0]: row for row in rows[1:]}
    assert set(by_protocol) == {scenario["expired"].protocol, scenario["mismatch"].protocol}
    assert by_protocol[scenario["mismatch"].protocol][10:12] == ["valor_divergente", "80.00"]
    assert by_protocol[scenario["expired"].protocol][4] == "expirada"


def test_pagination(client, paid_service, person, manager):
    for _ in range(52):
        submit(paid_service, person)
    client.force_login(manager)
    first = client.get(URL)
    assert len(first.context["page"].object_list) == 50
    second = client.get(URL, {"pagina": 2})
    assert len(second.context["page"].object_list) == 2
    assert first.context["totals"]["pendente"].count == 52


def test_charges_expire_is_counted_as_expired(client, awaiting, manager):
    charges_expire(now=charge_for_request(awaiting).expires_at + timedelta(seconds=1))
    client.force_login(manager)
    assert client.get(URL).context["totals"]["expirada"].count == 1
