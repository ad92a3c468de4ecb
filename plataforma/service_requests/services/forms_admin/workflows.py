"""Workflows: immutable versions, validated by WorkflowDefinition; managers only."""

from __future__ import annotations

import re
from typing import Any

import pydantic
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plataforma.catalog.models import Agency
from plataforma.common.audit import audit_record

from ...formspec import KEY_PATTERN
from ...models import RequestForm, Workflow
from ...workflow import DEFAULT_WORKFLOW, WorkflowDefinition
from .errors import pydantic_errors
from .permissions import check_can_edit_workflows

DEFAULT_COPY_KEY = "padrao"


def describe_workflow_location(definition: dict[str, Any]):
    """Turns ("actions", 2, "to_state") into "Ação “Deferir”, etapa de destino"."""
    names = {
        "states": _("Etapa"),
        "actions": _("Ação"),
        "label": _("nome"),
        "key": _("código"),
        "status": _("categoria"),
        "from_states": _("etapas de origem"),
        "to_state": _("etapa de destino"),
        "roles": _("papéis"),
        "note_label": _("nome da observação"),
        "answer_days": _("prazo de resposta"),
        "description": _("descrição"),
    }

    def describe(loc: tuple) -> str:
        parts = []
        if len(loc) >= 2 and loc[0] in ("states", "actions") and isinstance(loc[1], int):
            rows = definition.get(loc[0]) or []
            row = rows[loc[1]] if loc[1] < len(rows) and isinstance(rows[loc[1]], dict) else {}
            parts.append(f"{names[loc[0]]} “{row.get('label') or loc[1] + 1}”")
            loc = loc[2:]
        parts.extend(names.get(str(p), str(p)) for p in loc if not isinstance(p, int))
        return ", ".join(parts)

    return describe


@transaction.atomic
def workflow_save(*, actor, agency: Agency, key: str, name: str, definition: dict[str, Any]) -> Workflow:
    """Save the agency's workflow `key` as a new immutable version; the agency's forms that
    used an earlier version of it move to the new one."""
    check_can_edit_workflows(actor, agency.pk)
    name = (name or "").strip()
    errors: dict[str, list[str]] = {}
    if not name or len(name) > 120:
        errors["name"] = [_("Dê um nome ao fluxo (até 120 caracteres).")]
    if not re.fullmatch(KEY_PATTERN, key or ""):
        errors["key"] = [_("Use só letras minúsculas sem acento, números e “_”, começando por uma letra.")]
    if errors:
        raise ValidationError(errors)
    try:
        spec = WorkflowDefinition.model_validate(definition)
    except pydantic.ValidationError as exc:
        raise pydantic_errors(exc, describe=describe_workflow_location(definition)) from None
    previous = (
        Workflow.objects.select_for_update().filter(agency=agency, key=key).order_by("-version").first()
    )
    try:
        with transaction.atomic():
            workflow = Workflow.objects.create(
                agency=agency,
                key=key,
                version=(previous.version + 1) if previous else 1,
                name=name,
                definition=spec.model_dump(mode="json"),
                created_by=actor,
            )
    except IntegrityError:
        raise ValidationError(
            _("Outra pessoa salvou este fluxo ao mesmo tempo. Confira e salve de novo.")
        ) from None
    users = RequestForm.objects.select_for_update().filter(workflow__agency=agency, workflow__key=key)
    if spec.payment_state is None and users.filter(fee_amount__isnull=False).exists():
        raise ValidationError(
            _(
                "Um serviço com taxa usa este fluxo: mantenha uma etapa de pagamento "
                "ou tire a taxa do serviço."
            )
        )
    moved = users.update(workflow=workflow, updated_at=timezone.now())
    audit_record(
        actor=actor,
        action="service_requests.workflow.save",
        target=workflow,
        changes={"key": key, "version": workflow.version, "forms_moved": moved},
    )
    return workflow


def workflow_copy_default(*, actor, agency: Agency) -> Workflow:
    """The agency's own copy of the platform's default workflow, to adapt (returns the existing
    copy when there is one)."""
    check_can_edit_workflows(actor, agency.pk)
    existing = Workflow.objects.filter(agency=agency, key=DEFAULT_COPY_KEY).order_by("-version").first()
    if existing is not None:
        return existing
    return workflow_save(
        actor=actor,
        agency=agency,
        key=DEFAULT_COPY_KEY,
        name=_("Fluxo do órgão (cópia do padrão)"),
        definition=DEFAULT_WORKFLOW.model_dump(mode="json"),
    )
