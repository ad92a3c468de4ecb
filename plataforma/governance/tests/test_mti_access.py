"""MTI's pages: who gets in, and that nothing changes for anyone else (anonymous, citizens, agencies'
gestores, the Núcleo on MTI's records, MTI on the Núcleo's decisions)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from plataforma.common.models import AuditEvent

from ..models.mti import GuidancePage, MarketReference, PriceVersion, StandardService, TechJustification
from ..services import mti_docs as docs
from .factories_mti import (
    draft,
    gestor_user,
    make_guide,
    make_justification,
    make_service,
    mti_user,
    person,
    reference_post,
    submitted,
    today,
)

pytestmark = pytest.mark.django_db


def _login(client, user):
    client.force_login(user)
    return client


# --- who gets in ---------------------------------------------------------------------------------


@pytest.fixture
def world(mti, nucleo, service):
    return {
        "service": service,
        "draft": draft(mti, make_service(mti, code="DRAFT-1")),
        "submitted": submitted(mti, make_service(mti, code="SUB-1")),
        "justification": make_justification(mti),
        "submitted_justification": docs.justification_submit(
            actor=mti, item=make_justification(mti, title="Enviada")
        ),
        "guide": make_guide(mti),
    }


def _mti_posts(w):
    """MTI's writes, with valid data: none may work for anyone but MTI."""
    d, s, j, g = w["draft"], w["service"], w["justification"], w["guide"]
    ref = d.references.first()
    svc = {"name": "Invadido", "category": "rede", "description": "d", "unit": "u"}
    price = {"price": "1,00", "valid_from": today().isoformat(), "justification": "x"}
    text = {"title": "Invadido", "technology": "X", "context": "c", "justification": "j", "alternatives": "a"}
    guide = {"title": "Invadido", "summary": "S", "body": "B", "order": "1"}
    return [
        (reverse("governance:mti_service_new"), {**svc, "code": "NEW-1"}),
        (reverse("governance:mti_service_edit", args=[s.pk]), {**svc, "code": s.code}),
        (reverse("governance:mti_price_new", args=[s.pk]), price),
        (reverse("governance:mti_price_edit", args=[d.pk]), price),
        (reverse("governance:mti_reference_new", args=[d.pk]), reference_post()),
        (reverse("governance:mti_reference_remove", args=[d.pk, ref.pk]), {}),
        (reverse("governance:mti_price_submit", args=[d.pk]), {}),
        (reverse("governance:mti_price_discard", args=[d.pk]), {}),
        (reverse("governance:mti_justification_new"), text),
        (reverse("governance:mti_justification_edit", args=[j.pk]), text),
        (reverse("governance:mti_justification_submit", args=[j.pk]), {}),
        (reverse("governance:mti_justification_discard", args=[j.pk]), {}),
        (reverse("governance:mti_guide_new"), {**guide, "slug": "nova"}),
        (reverse("governance:mti_guide_edit", args=[g.pk]), {**guide, "slug": g.slug}),
        (reverse("governance:mti_guide_publish", args=[g.pk]), {}),
    ]


def _nucleo_posts(w):
    return [
        (
            reverse("governance:mti_price_decide", args=[w["submitted"].pk]),
            {"decision": "aprovar", "reasons": "Ok."},
        ),
        (
            reverse("governance:mti_justification_decide", args=[w["submitted_justification"].pk]),
            {"decision": "aprovar", "reasons": "Ok."},
        ),
    ]


def _reads(w):
    return [
        reverse("governance:mti_home"),
        reverse("governance:mti_service", args=[w["service"].pk]),
        reverse("governance:mti_price", args=[w["submitted"].pk]),
        reverse("governance:mti_justification", args=[w["submitted_justification"].pk]),
    ]


def _snapshot():
    return (
        sorted(StandardService.objects.values_list("code", "name", "is_active")),
        sorted(PriceVersion.objects.values_list("id", "status", "price")),
        MarketReference.objects.count(),
        sorted(TechJustification.objects.values_list("id", "status", "title", "number")),
        sorted(GuidancePage.objects.values_list("id", "title", "is_published")),
        AuditEvent.objects.count(),
    )


def test_anonymous_goes_to_sign_in(client, world):
    before = _snapshot()
    for url in _reads(world):
        response = client.get(url)
        assert response.status_code == 302 and "next=" in response["Location"], url
    for url, data in _mti_posts(world) + _nucleo_posts(world):
        response = client.post(url, data)
        assert response.status_code == 302 and "next=" in response["Location"], url
    assert _snapshot() == before


@pytest.mark.parametrize("who", ["citizen", "gestor"])
def test_no_role_gets_403(client, world, who):
    user = person() if who == "citizen" else gestor_user()
    c = _login(client, user)
    before = _snapshot()
    for url in _reads(world):
        assert c.get(url).status_code == 403, url
    for url, data in _mti_posts(world) + _nucleo_posts(world):
        assert c.post(url, data).status_code == 403, url
    assert _snapshot() == before


def test_nucleo_cannot_edit_mtis_records(client, nucleo, world):
    c = _login(client, nucleo)
    before = _snapshot()
    for url, data in _mti_posts(world):
        assert c.post(url, data).status_code == 403, url
    assert _snapshot() == before
    # and MTI's drafts are not shown to it
    assert c.get(reverse("governance:mti_price", args=[world["draft"].pk])).status_code == 404
    assert c.get(reverse("governance:mti_justification", args=[world["justification"].pk])).status_code == 404


def test_mti_cannot_decide(client, mti, world):
    c = _login(client, mti)
    before = _snapshot()
    for url, data in _nucleo_posts(world):
        assert c.post(url, data).status_code == 403, url
    assert _snapshot() == before


def test_member_with_both_roles_cannot_decide_own_proposal(client, mti, service):
    from plataforma.identity.models import AgencyRole

    from .factories_mti import agency

    both = mti_user()
    AgencyRole.objects.create(user=both, agency=agency("SEPLAG"), role=AgencyRole.Role.NUCLEO)
    version = submitted(both, service)
    page = _login(client, both).get(reverse("governance:mti_price", args=[version.pk])).content.decode()
    assert reverse("governance:mti_price_decide", args=[version.pk]) not in page
    response = client.post(
        reverse("governance:mti_price_decide", args=[version.pk]), {"decision": "aprovar", "reasons": "Ok."}
    )
    assert response.status_code == 403
    version.refresh_from_db()
    assert version.status == PriceVersion.Status.SUBMITTED


def test_unknown_ids_are_404(client, mti):
    c = _login(client, mti)
    assert c.get("/servidor/governanca/mti/precos/nao-e-uuid/").status_code == 404
    assert (
        c.get(reverse("governance:mti_price", args=["0" * 8 + "-0000-0000-0000-" + "0" * 12])).status_code
        == 404
    )
