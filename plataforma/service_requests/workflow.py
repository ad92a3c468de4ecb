"""A service's workflow as data (the shape of eGov DIGIT's workflow service): named states, each
in one of a few fixed categories the platform understands, and actions that move a request from
some states to another, each allowed to some roles. The agency configures it; requests keep the
exact (immutable) workflow version they started with.

Default (issue #4): Recebida → Em análise → Pendente do solicitante (question with a deadline) →
Concluída (deferida) or Indeferida (justification required); Cancelada by the requester while not
concluded; Aguardando pagamento first when the service charges a fee.
"""

from __future__ import annotations

from typing import Literal

from django.db import models
from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel, ConfigDict, Field, model_validator


class Status(models.TextChoices):
    """What a state means to the platform (lists, deadlines, panel), whatever its label."""

    AWAITING_PAYMENT = "aguardando_pagamento", _("Aguardando pagamento")
    IN_PROGRESS = "em_andamento", _("Em andamento")
    PENDING_REQUESTER = "pendente", _("Pendente do solicitante")
    APPROVED = "deferida", _("Concluída (deferida)")
    REJECTED = "indeferida", _("Indeferida")
    CANCELLED = "cancelada", _("Cancelada")


OPEN_STATUSES = (Status.AWAITING_PAYMENT, Status.IN_PROGRESS, Status.PENDING_REQUESTER)
CONCLUDED_STATUSES = (Status.APPROVED, Status.REJECTED)
FINAL_STATUSES = (Status.APPROVED, Status.REJECTED, Status.CANCELLED)

# Who may take an action. "solicitante" is the person who made the request (or, for a company's
# request, a person acting for that company); the servant roles are identity.AgencyRole roles in
# the request's agency; "sistema" is the platform itself (payments, deadlines).
Role = Literal["solicitante", "atendente", "analista", "gestor", "sistema"]
ROLE_LABELS = {
    "solicitante": "Solicitante",
    "atendente": "Atendente",
    "analista": "Analista",
    "gestor": "Gestor",
    "sistema": "Sistema",
}
SERVANT_ROLES = ("atendente", "analista", "gestor")

Key = Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class StateDef(_Strict):
    key: str = Key
    label: str = Field(min_length=1, max_length=80)
    status: Status
    description: str = Field(default="", max_length=500, description="O que o solicitante lê nesta etapa")
    rate: bool = Field(default=False, description="O solicitante pode avaliar ao chegar nesta etapa")


class ActionDef(_Strict):
    key: str = Key
    label: str = Field(min_length=1, max_length=80)
    from_states: list[str] = Field(min_length=1, max_length=30)
    to_state: str
    roles: list[Role] = Field(min_length=1)
    requires_note: bool = False
    note_label: str = Field(default="Observação", max_length=120)
    asks_question: bool = Field(
        default=False, description="A observação é uma pergunta ao solicitante, com prazo para resposta"
    )
    answer_days: int = Field(default=10, ge=1, le=90, description="Prazo de resposta, em dias úteis")
    allows_attachments: bool = False
    notify_requester: bool = True


class WorkflowDefinition(_Strict):
    states: list[StateDef] = Field(min_length=2, max_length=30)
    actions: list[ActionDef] = Field(min_length=1, max_length=60)
    initial_state: str
    payment_state: str | None = Field(default=None, description="Estado enquanto se espera o pagamento")
    paid_action: str | None = Field(
        default=None, description="Ação do sistema quando o pagamento é confirmado"
    )
    expired_action: str | None = Field(default=None, description="Ação do sistema quando a cobrança expira")

    @model_validator(mode="after")
    def _check(self) -> WorkflowDefinition:
        keys = [s.key for s in self.states]
        if len(set(keys)) != len(keys):
            raise ValueError("cada etapa precisa de um código diferente")
        action_keys = [a.key for a in self.actions]
        if len(set(action_keys)) != len(action_keys):
            raise ValueError("cada ação precisa de um código diferente")
        known = set(keys)
        if self.initial_state not in known:
            raise ValueError("a etapa inicial não existe")
        if self.state(self.initial_state).status != Status.IN_PROGRESS:
            raise ValueError("a etapa inicial precisa ser uma etapa em andamento")
        for action in self.actions:
            if "sistema" in action.roles and len(action.roles) > 1:
                raise ValueError(
                    f"a ação “{action.label}” é do sistema: não pode ser também de pessoas "
                    "(marque só “Sistema”)"
                )
            missing = [s for s in [*action.from_states, action.to_state] if s not in known]
            if missing:
                raise ValueError(f"a ação “{action.label}” usa etapas que não existem: {', '.join(missing)}")
            if action.asks_question and self.state(action.to_state).status != Status.PENDING_REQUESTER:
                raise ValueError(
                    f"a ação “{action.label}” pergunta ao solicitante e deve levar a uma etapa pendente"
                )
            for origin in action.from_states:
                if self.state(origin).status in FINAL_STATUSES:
                    raise ValueError(f"a ação “{action.label}” parte de uma etapa final")
        if self.payment_state is not None:
            if (
                self.payment_state not in known
                or self.state(self.payment_state).status != Status.AWAITING_PAYMENT
            ):
                raise ValueError("a etapa de pagamento precisa ser uma etapa 'aguardando pagamento'")
            for name, key in (("paid_action", self.paid_action), ("expired_action", self.expired_action)):
                action = self.action(key) if key else None
                if (
                    action is None
                    or "sistema" not in action.roles
                    or self.payment_state not in action.from_states
                ):
                    raise ValueError(f"{name}: informe uma ação do sistema que parta da etapa de pagamento")
        for state in self.states:
            # Waiting for the requester needs a way for them to answer (cancelling is no answer).
            if state.status == Status.PENDING_REQUESTER and not any(
                state.key in a.from_states
                and "solicitante" in a.roles
                and self.state(a.to_state).status not in FINAL_STATUSES
                for a in self.actions
            ):
                raise ValueError(f"a etapa “{state.label}” espera o solicitante, mas ele não tem ação nela")
        return self

    def state(self, key: str) -> StateDef:
        for state in self.states:
            if state.key == key:
                return state
        raise KeyError(key)

    def action(self, key: str) -> ActionDef | None:
        return next((a for a in self.actions if a.key == key), None)

    def actions_from(self, state_key: str, roles: set[str]) -> list[ActionDef]:
        return [a for a in self.actions if state_key in a.from_states and roles.intersection(a.roles)]


_OPEN = ["recebida", "em_analise", "pendente"]

DEFAULT_WORKFLOW = WorkflowDefinition(
    states=[
        StateDef(
            key="aguardando_pagamento",
            label="Aguardando pagamento",
            status=Status.AWAITING_PAYMENT,
            description="Pague a taxa pelo PIX para que o órgão comece a analisar o seu pedido.",
        ),
        StateDef(
            key="recebida",
            label="Recebida",
            status=Status.IN_PROGRESS,
            description="O órgão recebeu o seu pedido e vai começar a análise.",
        ),
        StateDef(
            key="em_analise",
            label="Em análise",
            status=Status.IN_PROGRESS,
            description="Uma pessoa do órgão está analisando o seu pedido.",
        ),
        StateDef(
            key="pendente",
            label="Pendente do solicitante",
            status=Status.PENDING_REQUESTER,
            description="O órgão precisa de uma resposta sua para continuar. Responda dentro do prazo.",
        ),
        StateDef(
            key="deferida",
            label="Concluída (deferida)",
            status=Status.APPROVED,
            description="O seu pedido foi atendido.",
            rate=True,
        ),
        StateDef(
            key="indeferida",
            label="Indeferida",
            status=Status.REJECTED,
            description="O seu pedido não pôde ser atendido. Leia a justificativa.",
            rate=True,
        ),
        StateDef(
            key="cancelada", label="Cancelada", status=Status.CANCELLED, description="O pedido foi cancelado."
        ),
    ],
    actions=[
        ActionDef(
            key="iniciar_analise",
            label="Iniciar análise",
            from_states=["recebida"],
            to_state="em_analise",
            roles=["atendente", "analista", "gestor"],
        ),
        ActionDef(
            key="solicitar_informacoes",
            label="Pedir informações ao solicitante",
            from_states=["em_analise"],
            to_state="pendente",
            roles=["analista", "gestor"],
            requires_note=True,
            note_label="Pergunta ao solicitante",
            asks_question=True,
            allows_attachments=True,
        ),
        ActionDef(
            key="responder",
            label="Responder",
            from_states=["pendente"],
            to_state="em_analise",
            roles=["solicitante"],
            requires_note=True,
            note_label="Sua resposta",
            allows_attachments=True,
        ),
        ActionDef(
            key="deferir",
            label="Concluir (deferir)",
            from_states=["em_analise"],
            to_state="deferida",
            roles=["analista", "gestor"],
            note_label="Mensagem ao solicitante",
            allows_attachments=True,
        ),
        ActionDef(
            key="indeferir",
            label="Indeferir",
            from_states=["em_analise"],
            to_state="indeferida",
            roles=["analista", "gestor"],
            requires_note=True,
            note_label="Justificativa",
            allows_attachments=True,
        ),
        ActionDef(
            key="cancelar",
            label="Cancelar pedido",
            from_states=["aguardando_pagamento", *_OPEN],
            to_state="cancelada",
            roles=["solicitante"],
            note_label="Motivo (opcional)",
        ),
        ActionDef(
            key="pagamento_confirmado",
            label="Pagamento confirmado",
            from_states=["aguardando_pagamento"],
            to_state="recebida",
            roles=["sistema"],
        ),
        ActionDef(
            key="pagamento_expirado",
            label="Cobrança vencida sem pagamento",
            from_states=["aguardando_pagamento"],
            to_state="cancelada",
            roles=["sistema"],
        ),
    ],
    initial_state="recebida",
    payment_state="aguardando_pagamento",
    paid_action="pagamento_confirmado",
    expired_action="pagamento_expirado",
)
