"""Regression tests for what the adversarial review found (fast; the exhaustive walks are in
test_review_access.py, test_review_input.py and test_review_disclosure.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ..models.mti import PriceVersion, TechJustification
from ..services import mti as mti_services
from ..services import mti_docs
from . import factories_mti as fm

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/governanca/excecoes/%00/",
        "/governanca/catalogo-mti/%00/",
        "/governanca/justificativas/%00/",
        "/governanca/orientacoes/a%00b/",
        "/governanca/catalogo-mti/" + "x" * 300 + "/",
    ],
)
def test_public_key_with_nul_byte_or_too_long_is_404_not_500(client, path):
    # PostgreSQL refuses NUL bytes in text: before the fix these answered 500 there
    assert client.get(path).status_code == 404


def test_empty_post_shows_the_error_summary(client):
    client.force_login(fm.mti_user())
    response = client.post(reverse("governance:mti_service_new"), {})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="erros"' in html and "Preencha este campo." in html


def test_deciding_a_price_twice_says_why_and_changes_nothing(client):
    mti, nucleo = fm.mti_user(), fm.nucleo_user()
    version = fm.submitted(mti, fm.make_service(mti))
    mti_services.price_decide(actor=nucleo, version=version, approve=True, reasons="Compatível.")
    client.force_login(nucleo)
    url = reverse("governance:mti_price_decide", args=[version.pk])
    response = client.post(url, {"decision": "recusar", "reasons": "Mudei de ideia."})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="erros"' in html and "não está em análise" in html
    version.refresh_from_db()
    assert version.status == PriceVersion.Status.APPROVED and version.decision_reasons == "Compatível."


def test_deciding_a_justification_twice_says_why_and_changes_nothing(client):
    mti, nucleo = fm.mti_user(), fm.nucleo_user()
    item = mti_docs.justification_submit(actor=mti, item=fm.make_justification(mti))
    mti_docs.justification_decide(actor=nucleo, item=item, approve=False, reasons="Não.")
    client.force_login(nucleo)
    url = reverse("governance:mti_justification_decide", args=[item.pk])
    response = client.post(url, {"decision": "aprovar", "reasons": "Sim."})
    assert response.status_code == 400
    assert "não está em análise" in response.content.decode()
    item.refresh_from_db()
    assert item.status == TechJustification.Status.DECLINED
