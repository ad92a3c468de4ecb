"""Adversarial review: every named governance route, with real ids of the victim agency's records
(each in the state where the action would succeed), from the side of every role that must not get
in, by GET and by POST. None may answer 500, succeed (200, or a redirect other than to the login
page) or change anything."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from plataforma.common.models import AuditEvent

from .review_world import build, governance_routes, route_kwargs

pytestmark = pytest.mark.django_db

ROLES = (
    "anonymous",
    "citizen",
    "gestor",
    "other_gestor",
    "revoked_gestor",
    "nucleo",
    "nucleo_outside",
    "revoked_nucleo",
    "mti",
    "mti_outside",
    "revoked_mti",
)
PUBLIC = "public"
ANY_ROLE = {"gestor", "other_gestor", "nucleo", "mti"}
NUCLEO_OR_ANY_GESTOR = {"gestor", "other_gestor", "nucleo"}
VICTIM_GESTOR = {"gestor"}
VICTIM_OR_NUCLEO = {"gestor", "nucleo"}
NUCLEO = {"nucleo"}
MTI = {"mti"}
NUCLEO_OR_MTI = {"nucleo", "mti"}

ALLOWED: dict[str, set[str] | str] = {
    "pub_home": PUBLIC,
    "pub_plan": PUBLIC,
    "pub_open_data": PUBLIC,
    "pub_dataset": PUBLIC,
    "exc_public_list": PUBLIC,
    "exc_public_detail": PUBLIC,
    "mti_public_catalogue": PUBLIC,
    "mti_public_service": PUBLIC,
    "mti_public_justifications": PUBLIC,
    "mti_public_justification": PUBLIC,
    "mti_public_guides": PUBLIC,
    "mti_public_guide": PUBLIC,
    "staff_home": ANY_ROLE,
    "nucleo_dashboard": NUCLEO,
    # plan
    "plan_home": NUCLEO_OR_ANY_GESTOR,
    "plan_cycle": NUCLEO_OR_ANY_GESTOR,
    "plan_tracks": NUCLEO_OR_ANY_GESTOR,
    "plan_cycle_new": NUCLEO,
    "plan_cycle_edit": NUCLEO,
    "plan_cycle_close": NUCLEO,
    "plan_cycle_approve": NUCLEO,
    "plan_nomination_decide": NUCLEO,
    "plan_track_budget": NUCLEO,
    "plan_nomination_new": VICTIM_GESTOR,
    "plan_nomination_edit": VICTIM_GESTOR,
    "plan_nomination_withdraw": VICTIM_GESTOR,
    "plan_track": VICTIM_OR_NUCLEO,
    "plan_track_edit": VICTIM_GESTOR,
    "plan_milestone_new": VICTIM_GESTOR,
    "plan_milestone_edit": VICTIM_GESTOR,
    "plan_milestone_done": VICTIM_GESTOR,
    "plan_risk_new": VICTIM_GESTOR,
    "plan_risk_edit": VICTIM_GESTOR,
    "plan_update_new": VICTIM_GESTOR,
    # exceptions
    "exc_home": NUCLEO_OR_ANY_GESTOR,
    "exc_new": NUCLEO_OR_ANY_GESTOR,
    "exc_detail": VICTIM_OR_NUCLEO,
    "exc_edit": VICTIM_GESTOR,
    "exc_withdraw": VICTIM_GESTOR,
    "exc_submit": VICTIM_GESTOR,
    "exc_action_add": VICTIM_GESTOR,
    "exc_action_edit": VICTIM_GESTOR,
    "exc_action_remove": VICTIM_GESTOR,
    "exc_action_done": VICTIM_GESTOR,
    "exc_decide": NUCLEO,
    "exc_review": NUCLEO,
    # MTI
    "mti_home": NUCLEO_OR_MTI,
    "mti_service": NUCLEO_OR_MTI,
    "mti_price": NUCLEO_OR_MTI,
    "mti_justification": NUCLEO_OR_MTI,
    "mti_service_new": MTI,
    "mti_service_edit": MTI,
    "mti_price_new": MTI,
    "mti_price_edit": MTI,
    "mti_price_submit": MTI,
    "mti_price_discard": MTI,
    "mti_reference_new": MTI,
    "mti_reference_remove": MTI,
    "mti_justification_new": MTI,
    "mti_justification_edit": MTI,
    "mti_justification_submit": MTI,
    "mti_justification_discard": MTI,
    "mti_guide_new": MTI,
    "mti_guide_edit": MTI,
    "mti_guide": MTI,
    "mti_guide_publish": MTI,
    "mti_guide_unpublish": MTI,
    "mti_price_decide": NUCLEO,
    "mti_justification_decide": NUCLEO,
}

# A payload that would pass most forms, so that a view validating before authorising is caught.
PAYLOAD = {
    "decision": "aprovar",
    "reasons": "Fundamentos.",
    "note": "Nota.",
    "justification": "Justificativa.",
    "title": "Título",
    "description": "Descrição",
    "due_on": "2030-01-01",
    "done_on": "2026-01-01",
    "probability": "medio",
    "impact": "alto",
    "status": "aberto",
    "text": "Relato",
    "stage": "redesenho",
    "budget_requested": "1000,00",
    "budget_granted": "1000,00",
    "rank": "2",
    "price": "100,00",
    "valid_from": "2030-01-01",
}


def _snapshot() -> dict:
    models = apps.get_app_config("governance").get_models()
    state = {m.__name__: sorted(map(repr, m.objects.values_list())) for m in models}
    state["audit"] = AuditEvent.objects.count()
    return state


def test_every_route_is_listed():
    names = {name for name, _params in governance_routes()}
    assert names == set(ALLOWED), f"routes without an access rule: {names ^ set(ALLOWED)}"


def test_no_role_that_must_not_get_in_gets_in():
    world = build()
    failures = []
    before = _snapshot()
    for name, params in governance_routes():
        url = reverse(f"governance:{name}", kwargs=route_kwargs(world, name, params))
        allowed = ALLOWED[name]
        for role in ROLES:
            if allowed != PUBLIC and role in allowed:
                continue  # the rightful users are tested in each part's own tests
            client = Client(raise_request_exception=False)
            if role != "anonymous":
                client.force_login(world.users[role])
            for method in ("get", "post"):
                response = getattr(client, method)(url, PAYLOAD if method == "post" else None)
                code = response.status_code
                if code >= 500:
                    failures.append(f"{method.upper()} {name} as {role}: {code}")
                    continue
                if allowed == PUBLIC:
                    continue
                login = code == 302 and response["Location"].startswith(reverse("identity:login"))
                if role == "anonymous" and not (login or code == 405):
                    failures.append(f"{method.upper()} {name} anonymous: {code} (expected login)")
                elif role != "anonymous" and code not in (403, 404, 405):
                    failures.append(f"{method.upper()} {name} as {role}: {code}")
    assert not failures, "\n".join(failures)
    assert _snapshot() == before, "a request that must be refused changed something"
