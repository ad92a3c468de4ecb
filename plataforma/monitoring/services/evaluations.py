"""Rating a request (Lei 13.460 art. 23; Lei 14.129 art. 21 V; the gov.br evaluation model):
a score 1-5, optional scores for the seven gov.br dimensions, a comment; anonymous allowed; one
rating per request and step."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plataforma.common.audit import audit_record
from plataforma.common.context import ActingContext, acting_context, current_context
from plataforma.service_requests.models import ServiceRequest
from plataforma.service_requests.services.access import is_requester

from ..digest import request_digest
from ..dimensions import DIMENSION_KEYS, SCORES, dimension_column
from ..disclosure import anonymous_timestamp
from ..models import MAX_COMMENT, Evaluation
from ..selectors.evaluations import rating_steps_open


@dataclass(frozen=True)
class EvaluationInput:
    score: int
    dimensions: dict[str, int | None] = field(default_factory=dict)
    comment: str = ""
    anonymous: bool = False


class AlreadyRated(ValidationError):
    """This request was already rated at this step."""


def _check_score(value, *, field_name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value not in SCORES:
        raise ValidationError({field_name: _("Escolha uma nota de 1 a 5.")})
    return value


def evaluation_submit(
    *,
    actor,
    request: ServiceRequest,
    step: str,
    score: int,
    dimensions: dict[str, int | None] | None = None,
    comment: str = "",
    anonymous: bool = False,
    acting_company=None,
) -> Evaluation:
    """Record the requester's rating of `request` at `step`.

    Only the requester's side (the person who asked, or someone acting for the requesting
    company) may rate, and only a step open for rating (`rating_steps_open`). A second rating
    of the same step is refused here and, under a race, by the UNIQUE (request_digest, step)
    constraint. An anonymous rating keeps no user, and no rating keeps the request: only its
    HMAC digest (digest.py). An anonymous rating keeps only the month it was made (its
    timestamps are the month's first instant, ADR 0023): its time cannot be matched against the
    time the request was concluded. The audit row of an anonymous rating names nobody and no
    address; no audit row holds the score (the audit trail is readable by staff).
    """
    if not is_requester(user=actor, request=request, acting_company=acting_company):
        raise PermissionDenied(_("Só quem fez o pedido pode avaliá-lo."))
    score = _check_score(score, field_name="score")
    values: dict[str, int | None] = {}
    for key, value in (dimensions or {}).items():
        if key not in DIMENSION_KEYS:
            raise ValidationError(_("Dimensão de avaliação desconhecida."))
        values[key] = None if value is None else _check_score(value, field_name=key)
    comment = (comment or "").strip()
    if len(comment) > MAX_COMMENT:
        raise ValidationError(
            {"comment": _("Use no máximo %(n)d caracteres no comentário.") % {"n": MAX_COMMENT}}
        )
    open_steps = dict(rating_steps_open(request=request))
    if step not in open_steps:
        from ..selectors.evaluations import rating_steps

        if step in dict(rating_steps(request=request)):
            raise AlreadyRated(_("Você já avaliou esta etapa do pedido. Cada etapa é avaliada uma vez."))
        raise ValidationError({"step": _("Esta etapa do pedido não está aberta para avaliação.")})
    recorded_at = timezone.now()
    if anonymous:
        recorded_at = anonymous_timestamp(recorded_at)
    evaluation = Evaluation(
        created_at=recorded_at,
        updated_at=recorded_at,
        service_id=request.service_id,
        agency_id=request.agency_id,
        step=step,
        score=score,
        comment=comment,
        anonymous=bool(anonymous),
        user=None if anonymous else actor,
        request_digest=request_digest(request.pk),
        **{dimension_column(key): value for key, value in values.items()},
    )
    try:
        with transaction.atomic():
            evaluation.save(force_insert=True)
            _audit(evaluation=evaluation, actor=actor, anonymous=bool(anonymous))
    except IntegrityError as exc:
        if Evaluation.objects.filter(request_digest=evaluation.request_digest, step=step).exists():
            raise AlreadyRated(
                _("Você já avaliou esta etapa do pedido. Cada etapa é avaliada uma vez.")
            ) from exc
        raise
    return evaluation


def _audit(*, evaluation: Evaluation, actor, anonymous: bool) -> None:
    # The score stays out of the trail: read beside the published figures, individual scores
    # would let a reader subtract them from a group of ratings (ADR 0023).
    changes = {"step": evaluation.step, "anonymous": anonymous}
    if not anonymous:
        audit_record(actor=actor, action="monitoring.evaluation.submit", target=evaluation, changes=changes)
        return
    # An anonymous rating: no actor, no address, no company, a fresh request id — nothing that
    # joins it to the person's other audit rows.
    blank = ActingContext(channel=current_context().channel)
    with acting_context(blank):
        audit_record(actor=None, action="monitoring.evaluation.submit", target=evaluation, changes=changes)
