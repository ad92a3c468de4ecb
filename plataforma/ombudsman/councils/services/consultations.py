"""The agency consults its council; members with an active mandate give their opinion (and vote,
when asked) until the deadline; then the opinions are public and the agency answers with the
measures it adopted (Lei 13.460 art. 18 sole paragraph I-V: the council follows and evaluates the
services, proposes improvements and helps define guidelines; it is consultative)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from plataforma.catalog.models import Service
from plataforma.common.audit import audit_record

from ..models import Consultation, ConsultationState, Council, Membership, Opinion, Vote
from .access import check_staff
from .notify import notify

MIN_NOTICE = timedelta(hours=24)
MAX_NOTICE = timedelta(days=180)
TEXT_MAX = 4000


def active_memberships(council: Council, day=None):
    """Mandates of the council in force on `day` (today by default)."""
    day = day or timezone.localdate()
    return Membership.objects.filter(council=council, starts_on__lte=day, ends_on__gte=day).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=day)
    )


def active_membership_of(person, council: Council) -> Membership | None:
    if person is None or not getattr(person, "is_authenticated", False):
        return None
    return active_memberships(council).filter(person=person).first()


@dataclass(frozen=True)
class ConsultationData:
    subject: str
    question: str
    service: Service | None
    asks_vote: bool
    deadline: datetime


def _check(council: Council, data: ConsultationData) -> ConsultationData:
    errors: dict[str, str] = {}
    subject = " ".join((data.subject or "").split())
    question = (data.question or "").replace("\r\n", "\n").strip()
    if not subject:
        errors["subject"] = _("Informe o assunto da consulta.")
    elif len(subject) > 200:
        errors["subject"] = _("Use no máximo 200 caracteres.")
    if not question:
        errors["question"] = _("Escreva a pergunta ao conselho.")
    elif len(question) > TEXT_MAX:
        errors["question"] = _("Use no máximo 4.000 caracteres.")
    if data.service is not None:
        listed = set(council.services.values_list("pk", flat=True))
        if data.service.agency_id != council.agency_id or (listed and data.service.pk not in listed):
            errors["service"] = _("Escolha um dos serviços que este conselho acompanha.")
    now = timezone.now()
    if data.deadline is None or timezone.is_naive(data.deadline):
        errors["deadline"] = _("Informe a data e a hora do prazo.")
    elif data.deadline - now < MIN_NOTICE:
        errors["deadline"] = _("Dê aos membros pelo menos 24 horas para responder.")
    elif data.deadline - now > MAX_NOTICE:
        errors["deadline"] = _("O prazo é de no máximo 180 dias.")
    if errors:
        raise ValidationError(errors)
    return ConsultationData(subject, question, data.service, bool(data.asks_vote), data.deadline)


def consultation_create(*, actor, council: Council, data: ConsultationData) -> Consultation:
    check_staff(actor, council.agency_id)
    data = _check(council, data)
    with transaction.atomic():
        locked = Council.objects.select_for_update().get(pk=council.pk)
        if not locked.is_active:
            raise ValidationError(_("Este conselho está desativado."))
        members = list(active_memberships(locked).select_related("person"))
        if not members:
            raise ValidationError(_("O conselho ainda não tem membros com mandato em vigor para consultar."))
        consultation = Consultation.objects.create(
            council=locked,
            subject=data.subject,
            question=data.question,
            service=data.service,
            asks_vote=data.asks_vote,
            deadline=data.deadline,
            created_by=actor,
        )
        audit_record(
            actor=actor,
            action="councils.consultation.create",
            target=consultation,
            changes={"asks_vote": data.asks_vote, "members": len(members)},
        )
        url = reverse("councils:opinion", args=[consultation.pk])
        deadline = timezone.localtime(data.deadline).strftime("%d/%m/%Y às %H:%M")
        for membership in members:
            notify(
                user=membership.person,
                title=_("Nova consulta ao %(council)s") % {"council": locked.name},
                body=_("O órgão pede o parecer do conselho sobre “%(subject)s”, até %(deadline)s.")
                % {"subject": data.subject, "deadline": deadline},
                url=url,
            )
    return consultation


def opinion_submit(*, actor, consultation: Consultation, text: str, vote: str = "") -> Opinion:
    """Give or change the member's opinion, until the deadline."""
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied
    text = (text or "").replace("\r\n", "\n").strip()
    vote = vote or ""
    errors: dict[str, str] = {}
    if not text:
        errors["text"] = _("Escreva o seu parecer.")
    elif len(text) > TEXT_MAX:
        errors["text"] = _("Use no máximo 4.000 caracteres.")
    if consultation.asks_vote and vote not in Vote.values:
        errors["vote"] = _("Escolha o seu voto: a favor, contra ou abstenção.")
    if not consultation.asks_vote and vote:
        errors["vote"] = _("Esta consulta não pede voto.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = Consultation.objects.select_for_update().select_related("council").get(pk=consultation.pk)
        if locked.state != ConsultationState.OPEN:
            raise ValidationError(_("Esta consulta foi cancelada."))
        if timezone.now() >= locked.deadline:
            raise ValidationError(_("O prazo para os pareceres desta consulta terminou."))
        membership = active_membership_of(actor, locked.council)
        if membership is None:
            raise PermissionDenied(
                _("Só membros com mandato em vigor dão parecer nas consultas do conselho.")
            )
        opinion = Opinion.objects.filter(consultation=locked, membership__person=actor).first()
        created = opinion is None
        if created:
            try:
                with transaction.atomic():
                    opinion = Opinion.objects.create(
                        consultation=locked, membership=membership, text=text, vote=vote
                    )
            except IntegrityError as exc:
                raise ValidationError(
                    _("O seu parecer já foi registrado; abra a consulta de novo para mudá-lo.")
                ) from exc
        else:
            opinion.text = text
            opinion.vote = vote
            opinion.save(update_fields=["text", "vote", "updated_at"])
        audit_record(
            actor=actor,
            action="councils.opinion.submit" if created else "councils.opinion.update",
            target=opinion,
            changes={"vote": vote},
            subject_user_id=actor.pk,
        )
    return opinion


def consultation_respond(*, actor, consultation: Consultation, response: str) -> Consultation:
    """The agency's answer: what it did with the council's opinions. Only after the deadline (the
    opinions are then public); it may be completed later, each change audited."""
    check_staff(actor, consultation.council.agency_id)
    response = (response or "").replace("\r\n", "\n").strip()
    if not response:
        raise ValidationError({"response": _("Escreva a resposta do órgão e as medidas adotadas.")})
    if len(response) > TEXT_MAX:
        raise ValidationError({"response": _("Use no máximo 4.000 caracteres.")})
    with transaction.atomic():
        locked = Consultation.objects.select_for_update().select_related("council").get(pk=consultation.pk)
        if locked.state != ConsultationState.OPEN:
            raise ValidationError(_("Esta consulta foi cancelada."))
        if timezone.now() < locked.deadline:
            raise ValidationError(_("A resposta do órgão é publicada depois do prazo dos pareceres."))
        first = locked.responded_at is None
        locked.response = response
        locked.responded_at = timezone.now()
        locked.responded_by = actor
        locked.save(update_fields=["response", "responded_at", "responded_by", "updated_at"])
        audit_record(
            actor=actor,
            action="councils.consultation.respond" if first else "councils.consultation.respond_update",
            target=locked,
        )
        if first:
            url = reverse("councils:consultation", args=[locked.council.slug, locked.pk])
            for opinion in locked.opinions.select_related("membership__person"):
                notify(
                    user=opinion.membership.person,
                    title=_("O órgão respondeu à consulta “%(subject)s”") % {"subject": locked.subject},
                    body=_(
                        "A resposta do órgão e as medidas adotadas estão publicadas "
                        "com os pareceres do conselho."
                    ),
                    url=url,
                )
    return locked


def consultation_cancel(*, actor, consultation: Consultation, reason: str) -> Consultation:
    """Cancel before the deadline (after it, the opinions are public and stay so)."""
    check_staff(actor, consultation.council.agency_id)
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": _("Explique o motivo do cancelamento.")})
    if len(reason) > 1000:
        raise ValidationError({"reason": _("Use no máximo 1.000 caracteres.")})
    with transaction.atomic():
        locked = Consultation.objects.select_for_update().select_related("council").get(pk=consultation.pk)
        if locked.state != ConsultationState.OPEN:
            raise ValidationError(_("Esta consulta já foi cancelada."))
        if timezone.now() >= locked.deadline:
            raise ValidationError(
                _("O prazo terminou e os pareceres já são públicos: a consulta não pode ser cancelada.")
            )
        locked.state = ConsultationState.CANCELLED
        locked.cancel_reason = reason
        locked.save(update_fields=["state", "cancel_reason", "updated_at"])
        audit_record(actor=actor, action="councils.consultation.cancel", target=locked)
        for membership in active_memberships(locked.council).select_related("person"):
            notify(
                user=membership.person,
                title=_("Consulta cancelada: %(subject)s") % {"subject": locked.subject},
                body=_("O órgão cancelou a consulta. Motivo: %(reason)s") % {"reason": reason},
                url=reverse("councils:mine"),
            )
    return locked
