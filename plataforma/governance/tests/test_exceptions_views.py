"""The servants' pages of the exceptions: the whole flow through the pages, bad input answering 400
with field errors and nothing saved, and every role that must not get in kept out with nothing
changed (anonymous, citizen, MTI staff, the gestor of another agency, a gestor deciding their own
request, the Núcleo writing the agency's plan)."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from plataforma.common.models import AuditEvent

from ..models import ExceptionAction, ExceptionRequest
from ..services import exceptions as services
from ..tasks_exceptions import flag_expired_exceptions
from .factories_exceptions import approved, days, draft, expire, in_review, make_world, submitted

pytestmark = pytest.mark.django_db
Status = ExceptionRequest.Status


@pytest.fixture
def w():
    return make_world()


def url(name, *args):
    return reverse(f"governance:{name}", args=args)


def _snapshot():
    """Everything a refused request could have changed."""
    return (
        sorted(
            ExceptionRequest.objects.values_list(
                "pk", "status", "number", "valid_until", "decision_reasons", "platform_name", "updated_at"
            ),
            key=str,
        ),
        sorted(ExceptionAction.objects.values_list("pk", "description", "due_on", "done_on"), key=str),
        AuditEvent.objects.filter(action__startswith="governance.exception").count(),
    )


# --- The whole flow through the pages ----------------------------------------------------------


def test_the_whole_flow_through_the_pages(client, w):
    client.force_login(w.gestor)
    home = client.get(url("exc_home"))
    assert home.status_code == 200 and url("exc_new") in home.content.decode()
    response = client.post(
        url("exc_new"),
        {
            "service": w.service.pk,
            "platform_name": "Sistema próprio",
            "platform_url": "https://detran.example.org",
            "justification": "Integração com o RENAVAM.",
        },
    )
    exc = ExceptionRequest.objects.get()
    assert response.status_code == 302 and response.url == url("exc_detail", exc.pk)
    assert (
        client.post(
            url("exc_action_add", exc.pk), {"description": "Migrar", "due_on": days(20).isoformat()}
        ).status_code
        == 302
    )
    action = exc.actions.get()
    response = client.post(
        url("exc_action_edit", exc.pk, action.pk),
        {"description": "Migrar o cadastro", "due_on": days(25).strftime("%d/%m/%Y")},
    )
    assert response.status_code == 302
    response = client.post(
        url("exc_edit", exc.pk),
        {
            "service": w.service.pk,
            "platform_name": "Sistema novo",
            "platform_url": "",
            "justification": "Integração.",
        },
    )
    assert response.status_code == 302
    assert client.post(url("exc_submit", exc.pk)).status_code == 302
    exc.refresh_from_db()
    assert exc.status == Status.SUBMITTED and exc.platform_name == "Sistema novo" and exc.platform_url == ""

    client.force_login(w.nucleo)
    queue = client.get(url("exc_home")).content.decode()
    assert exc.number in queue
    page = client.get(url("exc_detail", exc.pk)).content.decode()
    assert url("exc_decide", exc.pk) in page
    response = client.post(
        url("exc_decide", exc.pk), {"decision": "aprovar", "valid_until": "", "reasons": "Plano viável."}
    )
    assert response.status_code == 302
    exc.refresh_from_db()
    assert exc.status == Status.APPROVED and exc.valid_until == days(25)

    client.force_login(w.gestor)
    assert (
        client.post(url("exc_action_done", exc.pk, action.pk), {"done_on": days(0).isoformat()}).status_code
        == 302
    )
    action.refresh_from_db()
    assert action.done_on == days(0)
    public = client.get(url("exc_public_list")).content.decode()
    assert exc.number in public and "1 de 1 ação concluída" in public

    expire(exc)
    assert flag_expired_exceptions() == 1
    client.force_login(w.nucleo)
    assert exc.number in client.get(url("exc_home")).content.decode()
    response = client.post(
        url("exc_review", exc.pk),
        {
            "decision": "prorrogar",
            "valid_until": days(90).isoformat(),
            "reasons": "Mais prazo.",
            "new_description": "Homologar",
            "new_due_on": days(80).isoformat(),
        },
    )
    assert response.status_code == 302
    exc.refresh_from_db()
    assert exc.status == Status.APPROVED and exc.valid_until == days(90) and exc.actions.count() == 2


def test_a_gestor_withdraws_a_draft_through_the_page(client, w):
    exc = draft(w)
    client.force_login(w.gestor)
    assert client.post(url("exc_withdraw", exc.pk)).status_code == 302
    assert not ExceptionRequest.objects.exists()
    assert client.post(url("exc_withdraw", exc.pk)).status_code == 404


def test_the_home_page_of_each_role(client, w):
    mine = submitted(w)
    other = submitted(w, service=w.sefaz_service)
    client.force_login(w.gestor)
    body = client.get(url("exc_home")).content.decode()
    assert mine.number in body and other.number not in body and "Para decidir" not in body
    client.force_login(w.nucleo)
    body = client.get(url("exc_home")).content.decode()
    assert mine.number in body and other.number in body
    assert client.get(url("exc_home"), {"situacao": "em_analise"}).status_code == 200
    for bad in ({"situacao": "rascunho"}, {"situacao": "xx"}, {"pagina": "-1"}):
        assert client.get(url("exc_home"), bad).status_code == 400


# --- Bad input: 400, field errors, nothing saved -------------------------------------------------


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"platform_name": "Sistema", "platform_url": "", "justification": ""}, "justification"),
        ({"platform_name": "", "platform_url": "", "justification": "Motivo."}, "platform_name"),
        (
            {"platform_name": "Sistema", "platform_url": "ftp://x.org", "justification": "Motivo."},
            "platform_url",
        ),
        (
            {"platform_name": "Sistema", "platform_url": "javascript:alert(1)", "justification": "Motivo."},
            "platform_url",
        ),
        ({"platform_name": "", "platform_url": "ftp://x.org", "justification": "M."}, "platform_url"),
    ],
)
def test_a_bad_request_form_answers_400_with_field_errors(client, w, data, field):
    client.force_login(w.gestor)
    response = client.post(url("exc_new"), {"service": w.service.pk, **data})
    assert response.status_code == 400
    assert f'href="#id_{field}"' in response.content.decode()  # the summary links to the field
    assert not ExceptionRequest.objects.exists()


def test_another_agencys_service_or_a_taken_one_is_a_field_error(client, w):
    draft(w)
    client.force_login(w.gestor)
    before = _snapshot()
    for service in (w.sefaz_service, w.service, "nao-e-um-id"):
        pk = getattr(service, "pk", service)
        response = client.post(
            url("exc_new"), {"service": pk, "platform_name": "S", "platform_url": "", "justification": "M."}
        )
        assert response.status_code == 400
        assert 'href="#id_service"' in response.content.decode()
    assert _snapshot() == before


def test_bad_plan_and_decision_input_answers_400_and_changes_nothing(client, w):
    exc = draft(w, actions=())
    client.force_login(w.gestor)
    before = _snapshot()
    for data in (
        {"description": "", "due_on": days(3).isoformat()},
        {"description": "A", "due_on": days(0).isoformat()},
        {"description": "A", "due_on": "31/02/2026"},
    ):
        assert client.post(url("exc_action_add", exc.pk), data).status_code == 400
    response = client.post(url("exc_submit", exc.pk))  # no action yet
    assert response.status_code == 400 and "ao menos uma ação" in response.content.decode()
    assert _snapshot() == before

    exc = submitted(w, service=w.service2)
    action = exc.actions.get()
    before = _snapshot()
    for data in ({"done_on": days(1).isoformat()}, {"done_on": "amanhã"}, {}):
        response = client.post(url("exc_action_done", exc.pk, action.pk), data)
        assert response.status_code == 400
        assert f'href="#id_done_on_{action.pk.hex[:12]}"' in response.content.decode()
    client.force_login(w.nucleo)
    for data in (
        {"decision": "aprovar", "reasons": ""},
        {"decision": "talvez", "reasons": "Sim."},
        {"decision": "aprovar", "reasons": "Sim.", "valid_until": days(-1).isoformat()},
        {"decision": "aprovar", "reasons": "Sim.", "valid_until": "2026-13-40"},
        {"decision": "recusar", "reasons": "x" * 4001},
    ):
        assert client.post(url("exc_decide", exc.pk), data).status_code == 400, data
    assert _snapshot() == before


def test_bad_review_input_answers_400_and_a_finished_decision_409(client, w):
    exc = in_review(w)
    client.force_login(w.nucleo)
    before = _snapshot()
    for data in (
        {"decision": "prorrogar", "reasons": "Mais prazo."},
        {"decision": "prorrogar", "reasons": "Mais prazo.", "valid_until": days(0).isoformat()},
        {
            "decision": "prorrogar",
            "reasons": "Mais.",
            "valid_until": days(9).isoformat(),
            "new_description": "Nova",
        },
        {
            "decision": "prorrogar",
            "reasons": "Mais.",
            "valid_until": days(9).isoformat(),
            "new_due_on": days(5).isoformat(),
        },
        {"decision": "encerrar", "reasons": ""},
        {"decision": "", "reasons": "Fim."},
    ):
        assert client.post(url("exc_review", exc.pk), data).status_code == 400, data
    assert _snapshot() == before
    assert (
        client.post(url("exc_review", exc.pk), {"decision": "encerrar", "reasons": "Migrado."}).status_code
        == 302
    )
    assert (
        client.post(url("exc_review", exc.pk), {"decision": "revogar", "reasons": "De novo."}).status_code
        == 409
    )
    decided = submitted(w, service=w.service2)
    client.post(url("exc_decide", decided.pk), {"decision": "recusar", "reasons": "Não."})
    assert (
        client.post(url("exc_decide", decided.pk), {"decision": "aprovar", "reasons": "Sim."}).status_code
        == 409
    )


def test_malformed_and_unknown_ids_answer_404(client, w):
    exc = draft(w)
    client.force_login(w.gestor)
    assert client.get(f"/servidor/governanca/excecoes/{'1' * 10}/").status_code == 404
    assert client.get(url("exc_detail", uuid.uuid4())).status_code == 404
    assert (
        client.post(
            url("exc_action_done", exc.pk, uuid.uuid4()), {"done_on": days(0).isoformat()}
        ).status_code
        == 404
    )


# --- Who must not get in --------------------------------------------------------------------------


def _all_urls(exc, action):
    """Every staff page with the data that would change something if accepted."""
    return [
        ("get", url("exc_home"), {}),
        ("get", url("exc_new"), {}),
        ("get", url("exc_detail", exc.pk), {}),
        (
            "post",
            url("exc_edit", exc.pk),
            {"service": exc.service_id, "platform_name": "X", "platform_url": "", "justification": "Y"},
        ),
        ("post", url("exc_withdraw", exc.pk), {}),
        ("post", url("exc_submit", exc.pk), {}),
        ("post", url("exc_action_add", exc.pk), {"description": "A", "due_on": days(9).isoformat()}),
        (
            "post",
            url("exc_action_edit", exc.pk, action.pk),
            {"description": "B", "due_on": days(9).isoformat()},
        ),
        ("post", url("exc_action_remove", exc.pk, action.pk), {}),
        ("post", url("exc_action_done", exc.pk, action.pk), {"done_on": days(0).isoformat()}),
        ("post", url("exc_decide", exc.pk), {"decision": "aprovar", "reasons": "Sim."}),
        ("post", url("exc_review", exc.pk), {"decision": "revogar", "reasons": "Fim."}),
    ]


def test_anonymous_people_are_sent_to_sign_in_and_nothing_changes(client, w):
    exc = submitted(w)
    login = reverse("identity:login")
    before = _snapshot()
    for method, target, data in _all_urls(exc, exc.actions.get()):
        response = getattr(client, method)(target, data)
        assert response.status_code == 302, target
        assert response.url.startswith(login + "?next="), target
    assert _snapshot() == before


@pytest.mark.parametrize("who", ["citizen", "mti_staff"])
def test_citizens_and_mti_staff_get_403_everywhere_and_nothing_changes(client, w, who):
    exc = in_review(w)
    mine = draft(w, service=w.service2)
    client.force_login(getattr(w, who))
    before = _snapshot()
    for target in (exc, mine):
        for method, address, data in _all_urls(target, target.actions.first()):
            assert getattr(client, method)(address, data).status_code == 403, address
    assert _snapshot() == before


def test_the_gestor_of_another_agency_gets_403_and_nothing_changes(client, w):
    drafted = draft(w)
    reviewing = in_review(w, service=w.service2)
    client.force_login(w.other_gestor)
    assert client.get(url("exc_home")).status_code == 200  # their own list
    before = _snapshot()
    for target in (drafted, reviewing):
        for method, address, data in _all_urls(target, target.actions.first())[2:]:
            assert getattr(client, method)(address, data).status_code == 403, address
    assert _snapshot() == before


def test_a_gestor_cannot_decide_or_review_their_own_request(client, w):
    analysing = submitted(w)
    reviewing = in_review(w, service=w.service2)
    client.force_login(w.gestor)
    before = _snapshot()
    assert (
        client.post(url("exc_decide", analysing.pk), {"decision": "aprovar", "reasons": "Sim."}).status_code
        == 403
    )
    assert client.post(url("exc_decide", analysing.pk), {"decision": "", "reasons": ""}).status_code == 403
    assert (
        client.post(
            url("exc_review", reviewing.pk),
            {"decision": "prorrogar", "reasons": "Sim.", "valid_until": days(30).isoformat()},
        ).status_code
        == 403
    )
    assert url("exc_decide", analysing.pk) not in client.get(url("exc_detail", analysing.pk)).content.decode()
    assert _snapshot() == before


def test_the_nucleo_neither_sees_drafts_nor_writes_the_agencys_plan(client, w):
    drafted = draft(w)
    analysing = submitted(w, service=w.service2)
    approved_exc = approved(w, service=w.sefaz_service)
    client.force_login(w.nucleo)
    before = _snapshot()
    assert client.get(url("exc_detail", drafted.pk)).status_code == 403
    for method, address, data in _all_urls(drafted, drafted.actions.get())[3:10]:
        assert getattr(client, method)(address, data).status_code == 403, address
    action = approved_exc.actions.get()
    assert (
        client.post(
            url("exc_action_done", approved_exc.pk, action.pk), {"done_on": days(0).isoformat()}
        ).status_code
        == 403
    )
    assert client.post(url("exc_submit", analysing.pk)).status_code == 403
    assert _snapshot() == before
    assert services.is_draft_number(ExceptionRequest.objects.get(pk=drafted.pk).number)
