"""The workflow of a manifestação as an explicit state machine (Lei 13.460 art. 12; ADR 0030).

    recebida ──analisar──▶ em_analise ──encaminhar──▶ encaminhada ──área responde──▶ em_decisao
                              │  ▲                        │ cancelar                 │
                              │  └────────────────────────┘                          │
                              ├─pedir informações─▶ aguardando_usuario ─usuário responde─▶ em_analise
                              └──────────────responder (em_analise, em_decisao)──▶ concluida
    any open state ──arquivar──▶ arquivada;  recebida/em_analise/em_decisao ──redirecionar──▶ recebida
    concluida / arquivada ──reabrir (30 days, at most twice)──▶ em_analise

Services call `transition_check` before changing anything; the event labels below are what the
timeline shows.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import OPEN_STATUSES, Status

R, A, F, W, D, C, X = (
    Status.RECEIVED,
    Status.IN_ANALYSIS,
    Status.FORWARDED,
    Status.AWAITING_USER,
    Status.DECISION,
    Status.CONCLUDED,
    Status.ARCHIVED,
)

# action → (statuses it may start from, status it leads to; None keeps the status)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str | None]] = {
    "analysis_started": ((R,), A),
    "forwarded": ((A, D), F),
    "area_answered": ((F,), D),
    "forwarding_cancelled": ((F,), A),
    "info_requested": ((A, D), W),
    "user_replied": ((W,), A),
    "answered": ((A, D), C),
    "archived": (tuple(OPEN_STATUSES), X),
    "rerouted": ((R, A, D), R),
    "reopened": ((C, X), A),
    "extended": (tuple(OPEN_STATUSES), None),
    "classified": ((*tuple(OPEN_STATUSES), C, X), None),
    "forwarding_extended": ((F,), None),
    "measure_recorded": ((A, F, W, D, C, X), None),
    "rated": ((C, X), None),
}

EVENT_LABELS = {
    "lodged": _("Manifestação registrada"),
    "analysis_started": _("Em análise pela ouvidoria"),
    "forwarded": _("Encaminhada à área responsável"),
    "area_answered": _("A área responsável respondeu à ouvidoria"),
    "forwarding_cancelled": _("Encaminhamento à área cancelado"),
    "forwarding_extended": _("Prazo da área responsável prorrogado"),
    "info_requested": _("A ouvidoria pediu mais informações"),
    "user_replied": _("Informações enviadas pelo usuário"),
    "extended": _("Prazo de resposta prorrogado"),
    "answered": _("Resposta da ouvidoria"),
    "archived": _("Manifestação arquivada"),
    "rerouted": _("Encaminhada à ouvidoria de outro órgão"),
    "reopened": _("Manifestação reaberta pelo usuário"),
    "classified": _("Classificação revista pela ouvidoria"),
    "measure_recorded": _("Providência registrada"),
    "rated": _("Resposta avaliada pelo usuário"),
    "consent_given": _("Autorização para compartilhar a identidade"),
    "consent_withdrawn": _("Autorização para compartilhar a identidade retirada"),
}


class TransitionNotAllowed(ValidationError):
    """The action does not apply to the manifestação in its current status."""


def transition_allowed(status: str, action: str) -> bool:
    sources, _target = TRANSITIONS[action]
    return status in sources


def transition_check(manifestation, action: str) -> str:
    """The status the action leads to (the current one when it keeps it); raises
    TransitionNotAllowed with a message in Portuguese when it does not apply now."""
    sources, target = TRANSITIONS[action]
    if manifestation.status not in sources:
        raise TransitionNotAllowed(
            _("Esta ação não se aplica a uma manifestação na situação “%(status)s”.")
            % {"status": Status(manifestation.status).label}
        )
    return target or manifestation.status


def actions_available(status: str) -> list[str]:
    return [action for action, (sources, _t) in TRANSITIONS.items() if status in sources]
