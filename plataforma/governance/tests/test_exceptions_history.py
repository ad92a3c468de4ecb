"""Every decision of the Núcleo is kept with its reasons (ExceptionDecision): an extension does
not erase the approval's reasons, the pages show the whole history, the daily move to review is
not a decision, and the migration fills in a row for requests decided before the rows existed."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from ..models import ExceptionDecision, ExceptionRequest
from ..services import exceptions_decisions as decisions
from .factories_exceptions import approved, days, declined, draft, expire, in_review, make_world

pytestmark = pytest.mark.django_db
Kind = ExceptionDecision.Kind
Status = ExceptionRequest.Status

APPROVAL = "Conector previsto para o ano."  # the factories' approval reasons
EXTENSION = "O conector atrasou; novo prazo com etapa adicional."


@pytest.fixture
def w():
    return make_world()


def _extended(w) -> ExceptionRequest:
    return decisions.exception_review(
        actor=w.nucleo2,
        request=in_review(w),
        decision="prorrogar",
        reasons=EXTENSION,
        valid_until=days(90),
    )


def test_approval_then_extension_keeps_both_decisions_with_their_reasons(w):
    exc = _extended(w)
    rows = list(exc.decisions.all())
    assert [(r.kind, r.reasons) for r in rows] == [(Kind.APPROVED, APPROVAL), (Kind.EXTENDED, EXTENSION)]
    assert rows[0].decided_by == w.nucleo and rows[1].decided_by == w.nucleo2
    assert rows[1].valid_until == days(90)
    assert rows[1].decided_at == exc.decided_at
    assert exc.decision_reasons == EXTENSION  # the request still holds the latest reasons


def test_both_reasons_are_on_the_public_and_staff_pages_without_names_in_public(client, w):
    exc = _extended(w)
    public = client.get(reverse("governance:exc_public_detail", args=[exc.number])).content.decode()
    assert APPROVAL in public and EXTENSION in public
    assert "exceção aprovada" in public and "exceção prorrogada" in public
    assert "plano vencido: exceção em revisão pelo Núcleo" in public  # the move to review stays
    assert "pedido enviado ao Núcleo" in public
    assert days(90).strftime("%d/%m/%Y") in public
    for person in (w.nucleo, w.nucleo2):
        assert person.display_name not in public
    client.force_login(w.gestor)
    staff = client.get(reverse("governance:exc_detail", args=[exc.pk])).content.decode()
    assert APPROVAL in staff and EXTENSION in staff
    assert "exceção aprovada" in staff and "exceção prorrogada" in staff


@pytest.mark.parametrize(("decision", "kind"), [("encerrar", Kind.CLOSED), ("revogar", Kind.REVOKED)])
def test_closing_or_revoking_adds_a_row_after_the_approval(w, decision, kind):
    exc = decisions.exception_review(
        actor=w.nucleo, request=in_review(w), decision=decision, reasons="Revisado."
    )
    rows = list(exc.decisions.all())
    assert [r.kind for r in rows] == [Kind.APPROVED, kind]
    assert rows[0].reasons == APPROVAL and rows[1].reasons == "Revisado."
    assert rows[1].valid_until is None


def test_a_decline_is_kept_but_stays_off_the_public_pages(client, w):
    exc = declined(w)
    row = exc.decisions.get()
    assert (row.kind, row.reasons, row.decided_by, row.valid_until) == (
        Kind.DECLINED,
        "A plataforma oficial já atende.",
        w.nucleo,
        None,
    )
    assert client.get(reverse("governance:exc_public_detail", args=[exc.number])).status_code == 404
    client.force_login(w.gestor)
    staff = client.get(reverse("governance:exc_detail", args=[exc.pk])).content.decode()
    assert "pedido recusado" in staff and "A plataforma oficial já atende." in staff


def test_a_refused_decision_writes_no_row(w):
    exc = in_review(w)
    with pytest.raises(ValidationError):
        decisions.exception_review(actor=w.nucleo, request=exc, decision="revogar", reasons=" ")
    assert [r.kind for r in exc.decisions.all()] == [Kind.APPROVED]


def test_the_daily_move_to_review_is_not_a_decision(w):
    exc = expire(approved(w))
    assert decisions.exceptions_flag_expired() == 1
    exc.refresh_from_db()
    assert exc.status == Status.REVIEW
    assert [r.kind for r in exc.decisions.all()] == [Kind.APPROVED]


def _backfill():
    module = importlib.import_module("plataforma.governance.migrations.0002_exception_decisions")
    return module.backfill_decisions(django_apps, None)


def test_the_migration_fills_in_the_latest_decision_of_requests_decided_before(w):
    approved_one = approved(w, service=w.service)
    declined_one = declined(w, service=w.service2)
    in_draft = draft(w, service=w.sefaz_service)
    ExceptionDecision.objects.all().delete()  # as before the rows existed
    ExceptionRequest.objects.filter(pk=declined_one.pk).update(decision_reasons="")
    _backfill()
    row = approved_one.decisions.get()
    assert (row.kind, row.reasons, row.valid_until, row.decided_by, row.decided_at) == (
        Kind.APPROVED,
        APPROVAL,
        approved_one.valid_until,
        w.nucleo,
        approved_one.decided_at,
    )
    row = declined_one.decisions.get()
    assert (row.kind, row.reasons, row.valid_until) == (Kind.DECLINED, "Fundamentos não registrados.", None)
    assert not in_draft.decisions.exists()
    _backfill()  # a second run adds nothing
    assert ExceptionDecision.objects.count() == 2


def test_the_migration_leaves_requests_that_already_have_rows_alone(w):
    exc = _extended(w)
    _backfill()
    assert [r.kind for r in exc.decisions.all()] == [Kind.APPROVED, Kind.EXTENDED]
