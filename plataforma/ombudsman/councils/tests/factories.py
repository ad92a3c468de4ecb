"""Test data for the councils: agencies, people of every role, a council with its categories, and
calls brought to each state through the real services. What happened "in the past" (a call's
window, a consultation's deadline) is made by moving the dates back after the services wrote the
records, as the demo does."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from plataforma.catalog.tests.factories import AgencyFactory
from plataforma.identity.models import AgencyRole, Level
from plataforma.identity.tests.factories import UserFactory

from ..models import Call, Consultation, Council
from ..services import applications as apply_services
from ..services import calls as call_services
from ..services import consultations as consult_services
from ..services import councils as council_services
from ..services import selection

CUIABA = "5103403"
SINOP = "5107909"

__all__ = ["CUIABA", "SINOP", "AgencyFactory"]


def person(**kwargs):
    kwargs.setdefault("email_verified_at", timezone.now())
    kwargs.setdefault("level", Level.BRONZE)
    return UserFactory(**kwargs)


def servant(agency, *roles: str, **kwargs):
    user = person(**kwargs)
    for role in roles:
        AgencyRole.objects.create(user=user, agency=agency, role=role)
    return user


def gestor_of(agency, **kwargs):
    return servant(agency, AgencyRole.Role.MANAGER, **kwargs)


def council_for(
    agency, actor, *, name="Conselho de Usuários de Teste", suggested=True, services=()
) -> Council:
    return council_services.council_create(
        actor=actor,
        agency=agency,
        rules=council_services.CouncilRules(name=name, description="", mandate_months=24, requirements=""),
        services=list(services),
        with_suggested=suggested,
    )


def call_data(*, opens_in=timedelta(minutes=-5), days=10, **overrides) -> call_services.CallData:
    now = timezone.now()
    opens_at = now + opens_in
    closes_at = opens_at + timedelta(days=days)
    data = {
        "notice": "Edital de teste.",
        "opens_at": opens_at,
        "closes_at": closes_at,
        "mandate_starts_on": timezone.localtime(closes_at).date() + timedelta(days=5),
        "draw_value_source": "1º prêmio da Loteria Federal de um sábado",
    }
    data.update(overrides)
    return call_services.CallData(**data)


def open_call(council, actor, **kwargs) -> Call:
    call = call_services.call_create(actor=actor, council=council, data=call_data(**kwargs))
    return call_services.call_publish(actor=actor, call=call)


def apply(person_, call, code="cidadaos", municipality=CUIABA, motivation=""):
    category = call.council.categories.get(code=code)
    return apply_services.application_submit(
        actor=person_,
        call=call,
        category=category,
        municipality_code=municipality,
        motivation=motivation,
        declares_no_conflict=True,
        declares_unpaid=True,
    )


def end_window(call, *, mandate_days_ago: int = 1) -> Call:
    """Move the call's window into the past (its mandates start `mandate_days_ago` days ago)."""
    now = timezone.now()
    Call.objects.filter(pk=call.pk).update(
        opens_at=now - timedelta(days=20),
        closes_at=now - timedelta(days=mandate_days_ago + 2),
        mandate_starts_on=timezone.localdate() - timedelta(days=mandate_days_ago),
    )
    call.refresh_from_db()
    return call


def closed_call(call, actor) -> Call:
    return call_services.call_close(actor=actor, call=end_window(call))


def decided_call(council, actor, applicants: dict[str, list], public_value="12345") -> Call:
    """A call whose result is published, with `applicants` {category code: [people]}."""
    call = open_call(council, actor)
    for code, people in applicants.items():
        for p in people:
            apply(p, call, code)
    call = closed_call(call, actor)
    return selection.call_publish_result(actor=actor, call=call, public_value=public_value)


def consultation_for(council, actor, *, asks_vote=False, days=3, subject="Assunto de teste") -> Consultation:
    return consult_services.consultation_create(
        actor=actor,
        council=council,
        data=consult_services.ConsultationData(
            subject=subject,
            question="O que o conselho acha?",
            service=None,
            asks_vote=asks_vote,
            deadline=timezone.now() + timedelta(days=days),
        ),
    )


def pass_deadline(consultation) -> Consultation:
    Consultation.objects.filter(pk=consultation.pk).update(deadline=timezone.now() - timedelta(hours=1))
    consultation.refresh_from_db()
    return consultation
