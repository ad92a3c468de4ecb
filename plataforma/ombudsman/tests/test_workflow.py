"""The workflow as a guarded state machine (Lei 13.460 arts. 12 and 16; ADR 0030)."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from plataforma.common.authcodes import authenticated_document_verify
from plataforma.notifications.models import Notification

from .. import services
from ..deadlines import local_date
from ..models import AdoptedMeasure, AnswerRating, Forwarding, Manifestation, ManifestationAnswer, Status
from ..models.manifestations import ArchiveReason
from ..transitions import TransitionNotAllowed
from .factories import lodge, subject

pytestmark = pytest.mark.django_db


def received(world, **kwargs):
    return lodge(world.author, agency=world.agency, **kwargs).manifestation


def analysing(world, **kwargs):
    return services.manifestation_start_analysis(actor=world.ouvidor, manifestation=received(world, **kwargs))


def forward(world, m, **kwargs):
    kwargs.setdefault("area", "Diretoria de Habilitação")
    kwargs.setdefault("extract", m.description)
    kwargs.setdefault("question", "O que houve?")
    return services.manifestation_forward(actor=world.ouvidor, manifestation=m, **kwargs)


def test_the_full_path_received_analysis_area_decision_answer(world):
    m = analysing(world)
    assert m.status == Status.IN_ANALYSIS
    fwd = forward(world, m)
    m.refresh_from_db()
    assert m.status == Status.FORWARDED and fwd.status == Forwarding.Status.OPEN
    assert local_date(fwd.due_at) >= local_date(fwd.sent_at + timedelta(days=20))
    services.forwarding_answer(actor=world.analyst, forwarding=fwd, answer="Corrigimos o sistema.")
    m.refresh_from_db()
    assert m.status == Status.DECISION
    answer = services.manifestation_answer(
        actor=world.ouvidor, manifestation=m, text="Resolvido: o sistema foi corrigido."
    )
    m.refresh_from_db()
    assert m.status == Status.CONCLUDED and m.concluded_at and m.concluded_on_time is True
    assert answer.on_time and answer.cycle == 1 and answer.agency == world.agency
    assert authenticated_document_verify(code=answer.authentication_code).kind == "ombudsman.answer"
    assert Notification.objects.filter(user=world.author, title__contains="respondida").exists()


def test_answering_before_analysis_is_refused_and_nothing_changes(world):
    m = received(world)
    with pytest.raises(TransitionNotAllowed):
        services.manifestation_answer(actor=world.ouvidor, manifestation=m, text="Resposta")
    m.refresh_from_db()
    assert m.status == Status.RECEIVED and not ManifestationAnswer.objects.exists()


def test_the_answer_deadline_is_extended_once_with_a_justification_the_user_sees(world):
    m = analysing(world)
    due = m.answer_due_at
    m = services.manifestation_extend(
        actor=world.ouvidor, manifestation=m, reason="Aguardamos laudo técnico."
    )
    assert (m.answer_due_at - due).days >= 30 and m.answer_extension_reason == "Aguardamos laudo técnico."
    assert Notification.objects.filter(user=world.author, body__contains="Aguardamos laudo técnico.").exists()
    with pytest.raises(TransitionNotAllowed):
        services.manifestation_extend(actor=world.ouvidor, manifestation=m, reason="De novo")
    with pytest.raises(ValidationError):
        services.manifestation_extend(actor=world.ouvidor, manifestation=received(world), reason="  ")


def test_the_first_request_for_information_suspends_the_clock_and_later_ones_do_not(world):
    m = analysing(world)
    due = m.answer_due_at
    m = services.manifestation_request_info(actor=world.ouvidor, manifestation=m, question="Qual a placa?")
    assert m.status == Status.AWAITING_USER and m.clock_paused_at is not None and m.user_reply_due_at
    # the user replies 6 days later: the deadline moves by 6 days
    Manifestation.objects.filter(pk=m.pk).update(clock_paused_at=timezone.now() - timedelta(days=6))
    m.refresh_from_db()
    m = services.manifestation_reply(actor=world.author, manifestation=m, text="Placa QBX1A23.")
    assert m.status == Status.IN_ANALYSIS and m.clock_paused_at is None
    assert 5 <= (local_date(m.answer_due_at) - local_date(due)).days <= 8  # 6 days, then to a business day
    second_due = m.answer_due_at
    m = services.manifestation_request_info(actor=world.ouvidor, manifestation=m, question="E o Renavam?")
    assert m.clock_paused_at is None  # only the first request suspends
    m = services.manifestation_reply(actor=world.author, manifestation=m, text="123456789")
    assert m.answer_due_at == second_due


def test_only_the_author_replies(world):
    m = services.manifestation_request_info(actor=world.ouvidor, manifestation=analysing(world), question="?")
    for intruder in (world.other_citizen, world.ouvidor, None):
        with pytest.raises(PermissionDenied):
            services.manifestation_reply(actor=intruder, manifestation=m, text="intruso")
    m.refresh_from_db()
    assert m.status == Status.AWAITING_USER


def test_a_reply_when_nothing_was_asked_is_refused(world):
    with pytest.raises(TransitionNotAllowed):
        services.manifestation_reply(actor=world.author, manifestation=analysing(world), text="oi")


def test_rerouting_moves_it_to_the_other_agency_and_keeps_the_deadline(world):
    m = analysing(world, service=world.service)
    due = m.answer_due_at
    m = services.manifestation_reroute(
        actor=world.ouvidor, manifestation=m, agency=world.other_agency, reason="É da SEFAZ."
    )
    assert m.agency == world.other_agency and m.status == Status.RECEIVED and m.answer_due_at == due
    assert m.service is None  # the service belonged to the first agency
    with pytest.raises(PermissionDenied):  # DETRAN's ouvidoria no longer handles it
        services.manifestation_start_analysis(actor=world.ouvidor, manifestation=m)
    services.manifestation_start_analysis(actor=world.other_ouvidor, manifestation=m)


def test_the_general_ouvidoria_gives_an_agency_to_one_without(world):
    m = lodge(world.author).manifestation
    with pytest.raises(PermissionDenied):
        services.manifestation_reroute(actor=world.ouvidor, manifestation=m, agency=world.agency, reason="x")
    m = services.manifestation_reroute(
        actor=world.general, manifestation=m, agency=world.agency, reason="Competência do DETRAN-MT."
    )
    assert m.agency == world.agency


def test_forwarding_needs_an_agency_and_identity_sharing_needs_consent(world):
    no_agency = services.manifestation_start_analysis(
        actor=world.general, manifestation=lodge(world.author).manifestation
    )
    with pytest.raises(ValidationError):
        services.manifestation_forward(
            actor=world.general, manifestation=no_agency, area="A", extract="e", question="q"
        )
    m = analysing(world)
    with pytest.raises(ValidationError) as exc:
        forward(world, m, share_identity=True)
    assert "share_identity" in exc.value.message_dict
    assert not Forwarding.objects.exists()
    consented = analysing(world, identity_consent=True)
    assert forward(world, consented, share_identity=True).share_identity


def test_the_extract_is_pseudonymised_whatever_the_ouvidor_typed(world):
    m = analysing(world)
    fwd = forward(
        world, m, extract="Maria Aparecida Souza (CPF 529.982.247-25, maria@example.org) relata atraso."
    )
    assert "Maria" not in fwd.extract and "Souza" not in fwd.extract and "529.982" not in fwd.extract
    assert "example.org" not in fwd.extract and "relata atraso" in fwd.extract


def test_the_area_deadline_is_extended_once_and_only_by_the_area_or_the_ouvidoria(world):
    fwd = forward(world, analysing(world))
    due = fwd.due_at
    with pytest.raises(PermissionDenied):
        services.forwarding_extend(actor=world.attendant, forwarding=fwd, reason="x")
    fwd = services.forwarding_extend(actor=world.analyst, forwarding=fwd, reason="Depende de perícia.")
    assert (fwd.due_at - due).days >= 20
    with pytest.raises(TransitionNotAllowed):
        services.forwarding_extend(actor=world.ouvidor, forwarding=fwd, reason="De novo")


def test_a_forwarding_is_answered_once_and_only_by_the_agencys_area(world):
    fwd = forward(world, analysing(world))
    for intruder in (world.attendant, world.editor, world.other_ouvidor, world.author):
        with pytest.raises(PermissionDenied):
            services.forwarding_answer(actor=intruder, forwarding=fwd, answer="x")
    services.forwarding_answer(actor=world.manager, forwarding=fwd, answer="Resposta do gestor.")
    with pytest.raises(TransitionNotAllowed):
        services.forwarding_answer(actor=world.analyst, forwarding=fwd, answer="Outra")


def test_cancelling_a_forwarding_sends_it_back_to_analysis(world):
    m = analysing(world)
    fwd = forward(world, m)
    services.forwarding_cancel(actor=world.ouvidor, forwarding=fwd, reason="Área errada.")
    m.refresh_from_db()
    fwd.refresh_from_db()
    assert m.status == Status.IN_ANALYSIS and fwd.status == Forwarding.Status.CANCELLED
    forward(world, m, area="Outra área")  # a new one may be sent


def test_archiving_for_no_reply_only_after_the_users_deadline(world):
    m = services.manifestation_request_info(actor=world.ouvidor, manifestation=analysing(world), question="?")
    with pytest.raises(TransitionNotAllowed):
        services.manifestation_archive(
            actor=world.ouvidor, manifestation=m, reason=ArchiveReason.NO_REPLY, text="Sem resposta."
        )
    Manifestation.objects.filter(pk=m.pk).update(user_reply_due_at=timezone.now() - timedelta(minutes=1))
    m.refresh_from_db()
    answer = services.manifestation_archive(
        actor=world.ouvidor, manifestation=m, reason=ArchiveReason.NO_REPLY, text="Sem resposta."
    )
    m.refresh_from_db()
    assert (
        m.status == Status.ARCHIVED
        and m.archive_reason == ArchiveReason.NO_REPLY
        and m.clock_paused_at is None
    )
    assert answer.kind == ManifestationAnswer.Kind.ARCHIVE


def test_an_overdue_answer_is_recorded_as_late(world):
    m = analysing(world)
    Manifestation.objects.filter(pk=m.pk).update(answer_due_at=timezone.now() - timedelta(days=1))
    m.refresh_from_db()
    answer = services.manifestation_answer(actor=world.ouvidor, manifestation=m, text="Desculpe a demora.")
    assert answer.on_time is False
    m.refresh_from_db()
    assert m.concluded_on_time is False


def test_the_author_rates_each_answer_once(world):
    m = analysing(world)
    with pytest.raises(TransitionNotAllowed):
        services.manifestation_rate(actor=world.author, manifestation=m, resolved=True, satisfaction=5)
    services.manifestation_answer(actor=world.ouvidor, manifestation=m, text="Feito.")
    m.refresh_from_db()
    with pytest.raises(ValidationError):
        services.manifestation_rate(actor=world.author, manifestation=m, resolved=True, satisfaction=6)
    with pytest.raises(PermissionDenied):
        services.manifestation_rate(actor=world.other_citizen, manifestation=m, resolved=True, satisfaction=5)
    rating = services.manifestation_rate(
        actor=world.author, manifestation=m, resolved=False, satisfaction=2, comment="Não resolveu."
    )
    assert rating.cycle == 1
    with pytest.raises(TransitionNotAllowed):
        services.manifestation_rate(actor=world.author, manifestation=m, resolved=True, satisfaction=5)
    assert AnswerRating.objects.count() == 1


def test_reopening_starts_a_new_cycle_within_30_days_at_most_twice(world):
    m = analysing(world)
    services.manifestation_answer(actor=world.ouvidor, manifestation=m, text="Feito.")
    m.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.manifestation_reopen(actor=world.other_citizen, manifestation=m, reason="x")
    m = services.manifestation_reopen(actor=world.author, manifestation=m, reason="Não foi resolvido.")
    assert m.status == Status.IN_ANALYSIS and m.cycle == 2 and m.reopen_count == 1 and m.concluded_at is None
    assert m.answer_extended_at is None and m.answer_due_at > timezone.now() + timedelta(days=29)
    services.manifestation_extend(
        actor=world.ouvidor, manifestation=m, reason="Novo ciclo, nova prorrogação."
    )
    services.manifestation_answer(actor=world.ouvidor, manifestation=m, text="Agora sim.")
    m.refresh_from_db()
    services.manifestation_rate(
        actor=world.author, manifestation=m, resolved=True, satisfaction=4
    )  # the new answer
    m = services.manifestation_reopen(actor=world.author, manifestation=m, reason="De novo.")
    services.manifestation_answer(actor=world.ouvidor, manifestation=m, text="Terceira resposta.")
    m.refresh_from_db()
    with pytest.raises(TransitionNotAllowed):
        services.manifestation_reopen(actor=world.author, manifestation=m, reason="Terceira vez.")
    assert ManifestationAnswer.objects.filter(manifestation=m).count() == 3


def test_reopening_after_the_window_is_refused(world):
    m = analysing(world)
    services.manifestation_answer(actor=world.ouvidor, manifestation=m, text="Feito.")
    Manifestation.objects.filter(pk=m.pk).update(concluded_at=timezone.now() - timedelta(days=32))
    m.refresh_from_db()
    with pytest.raises(TransitionNotAllowed):
        services.manifestation_reopen(actor=world.author, manifestation=m, reason="Tarde demais.")
    m.refresh_from_db()
    assert m.status == Status.CONCLUDED


def test_classification_and_measures_for_the_report(world):
    m = analysing(world)
    services.manifestation_classify(
        actor=world.ouvidor, manifestation=m, kind="denuncia", subject=subject("atendimento")
    )
    m.refresh_from_db()
    assert m.kind == "denuncia" and m.subject.slug == "atendimento"
    with pytest.raises(TransitionNotAllowed):
        services.measure_record(
            actor=world.ouvidor, manifestation=received(world), kind="processo", description="x"
        )
    measure = services.measure_record(
        actor=world.ouvidor, manifestation=m, kind="processo", description="Fila única criada."
    )
    assert measure.agency == world.agency and AdoptedMeasure.objects.count() == 1


def test_servants_without_the_ouvidor_role_cannot_act(world):
    m = received(world)
    for intruder in (
        world.analyst,
        world.manager,
        world.attendant,
        world.editor,
        world.other_ouvidor,
        world.author,
    ):
        with pytest.raises(PermissionDenied):
            services.manifestation_start_analysis(actor=intruder, manifestation=m)
    m.refresh_from_db()
    assert m.status == Status.RECEIVED


def test_an_ouvidor_never_handles_their_own_manifestation(world):
    m = lodge(world.ouvidor, agency=world.agency).manifestation
    with pytest.raises(PermissionDenied):
        services.manifestation_start_analysis(actor=world.ouvidor, manifestation=m)


def test_the_general_ouvidoria_may_act_on_any_agency(world):
    m = lodge(world.author, agency=world.other_agency).manifestation
    assert (
        services.manifestation_start_analysis(actor=world.general, manifestation=m).status
        == Status.IN_ANALYSIS
    )


def test_the_database_refuses_inconsistent_rows(world):
    from django.db import IntegrityError, transaction

    m = received(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        Manifestation.objects.filter(pk=m.pk).update(status=Status.CONCLUDED)  # closed without concluded_at
    with pytest.raises(IntegrityError), transaction.atomic():
        Manifestation.objects.filter(pk=m.pk).update(is_anonymous=True)  # anonymous with a requester
    with pytest.raises(IntegrityError), transaction.atomic():
        Manifestation.objects.filter(pk=m.pk).update(answer_extended_at=timezone.now())  # no justification
