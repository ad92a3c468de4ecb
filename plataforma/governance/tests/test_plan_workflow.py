"""The plan's workflow through its services: the Núcleo opens a cycle, the agencies nominate within
the cap, their own Carta and the deadline, the Núcleo decides and approves, and tracks appear."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.utils import timezone

from plataforma.common.models import AuditEvent

from ..models import Nomination, PlanCycle, Track
from ..services import plan as services
from ..services import plan_nominations as nominations
from .factories import (
    AgencyFactory,
    agency_service,
    gestor_of,
    mti_member,
    nominate,
    nucleo_member,
    open_cycle,
    pass_deadline,
    review_cycle,
)

pytestmark = pytest.mark.django_db
Status = Nomination.Status


@pytest.fixture
def world():
    agency = AgencyFactory(acronym="DETRAN-MT", slug="detran-mt")
    gestor = gestor_of(agency)
    member = nucleo_member()
    cycle = open_cycle(member)
    services_ = [agency_service(agency) for _ in range(6)]
    return {"agency": agency, "gestor": gestor, "nucleo": member, "cycle": cycle, "services": services_}


def _errors(exc: pytest.ExceptionInfo) -> dict:
    return exc.value.message_dict if hasattr(exc.value, "error_dict") else {"__all__": exc.value.messages}


def test_opening_a_cycle_sets_the_default_deadline_and_cap_and_is_audited():
    member = nucleo_member()
    with override_settings(GOVERNANCE_NOMINATION_DAYS=7):
        before = timezone.now()
        cycle = services.cycle_open(actor=member, year=2027, guidance="Priorize serviços muito usados.")
    assert cycle.status == PlanCycle.Status.OPEN
    assert cycle.max_per_agency == 5
    assert before + timedelta(days=7) <= cycle.nomination_deadline <= timezone.now() + timedelta(days=7)
    assert cycle.opened_by == member
    assert AuditEvent.objects.filter(action="governance.cycle.open", target_id=str(cycle.pk)).exists()


def test_a_year_has_one_cycle_and_bad_settings_are_refused_field_by_field():
    member = nucleo_member()
    open_cycle(member, year=2026)
    with pytest.raises(ValidationError) as exc:
        services.cycle_open(actor=member, year=2026)
    assert "year" in _errors(exc)
    with pytest.raises(ValidationError) as exc:
        services.cycle_open(
            actor=member,
            year=1999,
            nomination_deadline=timezone.now() - timedelta(days=1),
            max_per_agency=0,
            guidance="x" * 3001,
        )
    assert set(_errors(exc)) == {"year", "nomination_deadline", "max_per_agency", "guidance"}
    assert PlanCycle.objects.count() == 1


def test_only_the_nucleo_opens_cycles():
    agency = AgencyFactory()
    for outsider in (gestor_of(agency), mti_member()):
        with pytest.raises(PermissionDenied):
            services.cycle_open(actor=outsider, year=2030)
    assert not PlanCycle.objects.exists()


def test_the_deadline_can_change_until_it_passes_but_not_below_the_ranks_in_use(world):
    cycle, member = world["cycle"], world["nucleo"]
    nominate(cycle, world["gestor"], world["services"][0], rank=4)
    new_deadline = timezone.now() + timedelta(days=3)
    cycle = services.cycle_update(
        actor=member, cycle=cycle, nomination_deadline=new_deadline, max_per_agency=4, guidance="Nova"
    )
    assert cycle.nomination_deadline == new_deadline and cycle.max_per_agency == 4
    with pytest.raises(ValidationError) as exc:
        services.cycle_update(
            actor=member, cycle=cycle, nomination_deadline=new_deadline, max_per_agency=3, guidance=""
        )
    assert "max_per_agency" in _errors(exc)
    pass_deadline(cycle)
    with pytest.raises(ValidationError, match="prazo para indicações já terminou"):
        services.cycle_update(
            actor=member, cycle=cycle, nomination_deadline=new_deadline, max_per_agency=5, guidance=""
        )
    cycle.refresh_from_db()
    assert cycle.max_per_agency == 4


def test_a_gestor_nominates_up_to_the_cap_and_the_sixth_is_refused(world):
    cycle, gestor, svc = world["cycle"], world["gestor"], world["services"]
    for rank in range(1, 6):
        nominate(cycle, gestor, svc[rank - 1], rank=rank)
    with pytest.raises(ValidationError, match="máximo deste plano"):
        nominate(cycle, gestor, svc[5], rank=5)
    assert Nomination.objects.filter(cycle=cycle).count() == 5
    assert AuditEvent.objects.filter(action="governance.nomination.create").count() == 5


def test_ranks_are_unique_within_range_and_a_service_is_nominated_once(world):
    cycle, gestor, svc = world["cycle"], world["gestor"], world["services"]
    nominate(cycle, gestor, svc[0], rank=1)
    with pytest.raises(ValidationError) as exc:
        nominate(cycle, gestor, svc[1], rank=1)
    assert "rank" in _errors(exc)
    for bad in (0, 6, -1):
        with pytest.raises(ValidationError) as exc:
            nominate(cycle, gestor, svc[1], rank=bad)
        assert "rank" in _errors(exc)
    with pytest.raises(ValidationError) as exc:
        nominate(cycle, gestor, svc[0], rank=2)
    assert "service" in _errors(exc)
    with pytest.raises(ValidationError) as exc:
        nominate(cycle, gestor, svc[1], rank=2, justification="   ")
    assert "justification" in _errors(exc)
    with pytest.raises(ValidationError) as exc:
        nominate(cycle, gestor, svc[1], rank=2, justification="x" * 3001)
    assert "justification" in _errors(exc)
    assert Nomination.objects.count() == 1


def test_another_agencys_service_or_an_unpublished_one_is_refused(world):
    cycle, gestor = world["cycle"], world["gestor"]
    other = AgencyFactory()
    foreign = agency_service(other)
    with pytest.raises(ValidationError) as exc:
        nominations.nomination_create(
            actor=gestor, cycle=cycle, agency=world["agency"], service=foreign, rank=1, justification="x"
        )
    assert "service" in _errors(exc)
    # nor may the gestor nominate in the name of the other agency
    with pytest.raises(PermissionDenied):
        nominate(cycle, gestor, foreign, rank=1)
    draft = world["services"][0]
    type(draft).objects.filter(pk=draft.pk).update(is_published=False, published_version=None)
    with pytest.raises(ValidationError):
        nominate(cycle, gestor, draft, rank=1)
    assert not Nomination.objects.exists()


def test_after_the_deadline_nothing_is_nominated_changed_or_withdrawn(world):
    cycle, gestor, svc = world["cycle"], world["gestor"], world["services"]
    nomination = nominate(cycle, gestor, svc[0], rank=1)
    pass_deadline(cycle)
    with pytest.raises(ValidationError, match="terminou em"):
        nominate(cycle, gestor, svc[1], rank=2)
    with pytest.raises(ValidationError, match="terminou em"):
        nominations.nomination_update(actor=gestor, nomination=nomination, rank=2, justification="Outra")
    with pytest.raises(ValidationError, match="terminou em"):
        nominations.nomination_withdraw(actor=gestor, nomination=nomination)
    nomination.refresh_from_db()
    assert (nomination.rank, nomination.status) == (1, Status.NOMINATED)
    assert Nomination.objects.count() == 1


def test_withdrawing_frees_the_rank_and_the_service(world):
    cycle, gestor, svc = world["cycle"], world["gestor"], world["services"]
    for rank in range(1, 6):
        nominate(cycle, gestor, svc[rank - 1], rank=rank)
    third = Nomination.objects.get(cycle=cycle, rank=3)
    nominations.nomination_withdraw(actor=gestor, nomination=third)
    sixth = nominate(cycle, gestor, svc[5], rank=3)
    assert sixth.rank == 3
    again = nominations.nomination_withdraw(actor=gestor, nomination=sixth)
    assert again.status == Status.WITHDRAWN
    back = nominate(cycle, gestor, svc[2], rank=3)  # the withdrawn service may come back
    assert back.status == Status.NOMINATED
    with pytest.raises(ValidationError):
        nominations.nomination_withdraw(actor=gestor, nomination=third)  # already withdrawn


def test_editing_a_nomination_checks_the_rank(world):
    cycle, gestor, svc = world["cycle"], world["gestor"], world["services"]
    first = nominate(cycle, gestor, svc[0], rank=1)
    nominate(cycle, gestor, svc[1], rank=2)
    with pytest.raises(ValidationError) as exc:
        nominations.nomination_update(actor=gestor, nomination=first, rank=2, justification="Nova")
    assert "rank" in _errors(exc)
    updated = nominations.nomination_update(actor=gestor, nomination=first, rank=5, justification="Nova")
    assert (updated.rank, updated.justification) == (5, "Nova")
    other_gestor = gestor_of(AgencyFactory())
    with pytest.raises(PermissionDenied):
        nominations.nomination_update(actor=other_gestor, nomination=first, rank=4, justification="Invadido")
    with pytest.raises(PermissionDenied):
        nominations.nomination_update(actor=world["nucleo"], nomination=first, rank=4, justification="Núcleo")
    first.refresh_from_db()
    assert (first.rank, first.justification) == (5, "Nova")


def test_decisions_wait_for_the_review_and_a_decline_needs_a_reason(world):
    cycle, gestor, member, svc = world["cycle"], world["gestor"], world["nucleo"], world["services"]
    a = nominate(cycle, gestor, svc[0], rank=1)
    b = nominate(cycle, gestor, svc[1], rank=2)
    with pytest.raises(ValidationError, match="depois que o Núcleo encerra"):
        services.nomination_decide(actor=member, nomination=a, approve=True, note="")
    cycle = review_cycle(cycle, member)
    assert cycle.status == PlanCycle.Status.REVIEW
    with pytest.raises(ValidationError) as exc:
        services.nomination_decide(actor=member, nomination=b, approve=False, note="  ")
    assert "note" in _errors(exc)
    with pytest.raises(PermissionDenied):
        services.nomination_decide(actor=gestor, nomination=a, approve=True, note="")
    with pytest.raises(PermissionDenied):
        services.nomination_decide(actor=mti_member(), nomination=a, approve=True, note="")
    b.refresh_from_db()
    assert b.status == Status.NOMINATED and b.decided_at is None
    decided = services.nomination_decide(
        actor=member, nomination=b, approve=False, note="Já é quase digital."
    )
    assert decided.status == Status.DECLINED and decided.decided_by == member and decided.decided_at


def test_the_plan_is_approved_only_when_every_nomination_is_decided_and_tracks_follow(world):
    cycle, gestor, member, svc = world["cycle"], world["gestor"], world["nucleo"], world["services"]
    a = nominate(cycle, gestor, svc[0], rank=1)
    b = nominate(cycle, gestor, svc[1], rank=2)
    c = nominate(cycle, gestor, svc[2], rank=3)
    nominations.nomination_withdraw(actor=gestor, nomination=c)
    with pytest.raises(ValidationError):  # still open
        services.cycle_approve(actor=member, cycle=cycle, note="Aprovado")
    cycle = review_cycle(cycle, member)
    services.nomination_decide(actor=member, nomination=a, approve=True, note="")
    with pytest.raises(ValidationError, match="1 indicação"):
        services.cycle_approve(actor=member, cycle=cycle, note="Aprovado")
    assert not Track.objects.exists()
    services.nomination_decide(actor=member, nomination=b, approve=False, note="Fora do escopo.")
    with pytest.raises(ValidationError) as exc:
        services.cycle_approve(actor=member, cycle=cycle, note="")
    assert "note" in _errors(exc)
    with pytest.raises(PermissionDenied):
        services.cycle_approve(actor=gestor, cycle=cycle, note="Aprovado")
    cycle = services.cycle_approve(actor=member, cycle=cycle, note="Reunião de 10/03.")
    assert cycle.status == PlanCycle.Status.APPROVED
    assert cycle.approved_by == member and cycle.approved_at and cycle.approval_note == "Reunião de 10/03."
    tracks = list(Track.objects.all())
    assert [t.nomination_id for t in tracks] == [a.pk]
    assert tracks[0].stage == Track.Stage.DIAGNOSIS
    assert gestor.notifications.filter(title__contains="aprovado").count() == 1
    with pytest.raises(ValidationError):  # once approved, frozen
        services.nomination_decide(actor=member, nomination=a, approve=False, note="Mudei de ideia")
    with pytest.raises(ValidationError):
        services.cycle_approve(actor=member, cycle=cycle, note="De novo")
    assert Track.objects.count() == 1


def test_closing_early_is_allowed_and_recorded(world):
    cycle = services.cycle_close_nominations(actor=world["nucleo"], cycle=world["cycle"])
    event = AuditEvent.objects.get(action="governance.cycle.close_nominations")
    assert cycle.status == PlanCycle.Status.REVIEW and event.changes["early"] is True
    with pytest.raises(ValidationError):
        nominate(cycle, world["gestor"], world["services"][0])
    with pytest.raises(ValidationError):
        services.cycle_close_nominations(actor=world["nucleo"], cycle=cycle)


def test_a_gestor_of_two_agencies_nominates_for_each_within_each_cap():
    detran, sefaz = AgencyFactory(), AgencyFactory()
    gestor = gestor_of(detran, sefaz)
    cycle = open_cycle(max_per_agency=1)
    nominate(cycle, gestor, agency_service(detran), rank=1)
    nominate(cycle, gestor, agency_service(sefaz), rank=1)
    with pytest.raises(ValidationError, match="máximo"):
        nominate(cycle, gestor, agency_service(sefaz), rank=1)
    assert Nomination.objects.filter(cycle=cycle).count() == 2
