"""Request forms: get/create, settings, drafts, fields, publishing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pydantic
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from plataforma.catalog.models import Service
from plataforma.common.audit import audit_record

from ...formspec import FieldSpec, FormSpec, slug_key
from ...models import RequestForm, RequestFormVersion, Workflow
from ...workflow import DEFAULT_WORKFLOW
from .errors import pydantic_errors
from .permissions import check_can_edit_forms

State = RequestFormVersion.State


def _lock_form(form: RequestForm) -> RequestForm:
    return RequestForm.objects.select_for_update().select_related("service").get(pk=form.pk)


def _lock_draft(version: RequestFormVersion) -> RequestFormVersion:
    locked = RequestFormVersion.objects.select_for_update().select_related("form__service").get(pk=version.pk)
    if locked.state != State.DRAFT:
        raise ValidationError(_("Só um rascunho pode ser alterado. Comece uma nova versão."))
    return locked


@transaction.atomic
def request_form_get_or_create(*, actor, service: Service) -> RequestForm:
    """The service's request form (created closed, without versions, the first time)."""
    check_can_edit_forms(actor, service.agency_id)
    form, created = RequestForm.objects.get_or_create(service=service)
    if created:
        audit_record(actor=actor, action="service_requests.form.create", target=form)
    return form


def _check_workflow(form: RequestForm, workflow: Workflow | None, fee: Decimal | None) -> None:
    if workflow is not None and workflow.agency_id not in (None, form.service.agency_id):
        raise ValidationError({"workflow": [_("Escolha um fluxo do seu órgão ou o fluxo padrão.")]})
    spec = workflow.spec if workflow is not None else DEFAULT_WORKFLOW
    if fee is not None and spec.payment_state is None:
        raise ValidationError(
            {"workflow": [_("Este fluxo não tem etapa de pagamento; escolha outro ou tire a taxa.")]}
        )


@transaction.atomic
def request_form_configure(
    *,
    actor,
    form: RequestForm,
    accepts_requests: bool,
    fee_amount: Decimal | None,
    fee_description: str,
    payment_days: int,
    rate_each_step: bool,
    workflow: Workflow | None,
) -> RequestForm:
    """Open or close the service to requests and set its fee (Lei 14.129 art. 21 VIII),
    evaluation (Lei 13.460 art. 23) and workflow."""
    check_can_edit_forms(actor, form.service.agency_id)
    form = _lock_form(form)
    errors: dict[str, list[str]] = {}
    fee_description = (fee_description or "").strip()
    if fee_amount is not None and fee_amount <= 0:
        errors["fee_amount"] = [_("Informe um valor maior que zero, ou deixe em branco se não há taxa.")]
    if fee_amount is not None and not fee_description:
        errors["fee_description"] = [_("Diga a que se refere a taxa, por exemplo “Taxa de transferência”.")]
    if len(fee_description) > 140:
        errors["fee_description"] = [_("Use no máximo 140 caracteres.")]
    if not 1 <= int(payment_days) <= 30:
        errors["payment_days"] = [_("Informe um prazo de 1 a 30 dias.")]
    if accepts_requests and form.current_version_id is None:
        errors["accepts_requests"] = [_("Publique o formulário antes de abrir o serviço para pedidos.")]
    if accepts_requests and not form.service.is_published:
        errors["accepts_requests"] = [_("O serviço precisa estar publicado na Carta para receber pedidos.")]
    if errors:
        raise ValidationError(errors)
    _check_workflow(form, workflow, fee_amount)
    wanted = {
        "accepts_requests": bool(accepts_requests),
        "fee_amount": fee_amount,
        "fee_description": fee_description if fee_amount is not None else "",
        "payment_days": int(payment_days),
        "rate_each_step": bool(rate_each_step),
        "workflow_id": workflow.pk if workflow is not None else None,
    }
    changed = {k: v for k, v in wanted.items() if getattr(form, k) != v}
    for name, value in wanted.items():
        setattr(form, name, value)
    form.updated_by = actor
    form.save()
    audit_record(
        actor=actor,
        action="service_requests.form.configure",
        target=form,
        changes={k: str(v) if v is not None else None for k, v in changed.items()},
    )
    return form


@transaction.atomic
def form_draft_start(*, actor, form: RequestForm) -> RequestFormVersion:
    """The form's draft: the existing one, or a new copy of the published version (empty for a
    form that was never published)."""
    check_can_edit_forms(actor, form.service.agency_id)
    form = _lock_form(form)
    draft = form.versions.filter(state=State.DRAFT).first()
    if draft is not None:
        return draft
    number = (form.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    current = form.current_version
    draft = RequestFormVersion.objects.create(
        form=form,
        number=number,
        state=State.DRAFT,
        spec=current.spec if current else {"fields": []},
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action="service_requests.form.draft_start",
        target=draft,
        changes={"number": number, "from": current.number if current else None},
    )
    return draft


def _fields(version: RequestFormVersion) -> list[dict[str, Any]]:
    return list((version.spec or {}).get("fields", []))


def _write_fields(version: RequestFormVersion, fields: list[dict[str, Any]]) -> None:
    try:
        spec = FormSpec.model_validate({"fields": fields})
    except pydantic.ValidationError as exc:
        raise pydantic_errors(exc, describe=lambda loc: "") from None
    version.spec = spec.model_dump(mode="json", exclude_defaults=True)
    version.save(update_fields=["spec", "updated_at"])
    version.__dict__.pop("_form_spec", None)


def _unique_key(label: str, taken: set[str]) -> str:
    base = slug_key(label)
    key, n = base, 2
    while key in taken:
        suffix = f"_{n}"
        key, n = f"{base[: 40 - len(suffix)]}{suffix}", n + 1
    return key


@transaction.atomic
def form_field_save(
    *, actor, version: RequestFormVersion, field: dict[str, Any], position: int | None = None
) -> FieldSpec:
    """Add a field to the draft (its key derived from the label, unique) or, when `field["key"]`
    names an existing field, change it in place (keys never change: answers of earlier
    requests keep their meaning). `position` (0-based) places the field; None keeps it (or
    appends a new one). Raises ValidationError with field-level messages in Portuguese."""
    version = _lock_draft(version)
    check_can_edit_forms(actor, version.form.service.agency_id)
    fields = _fields(version)
    existing = [f["key"] for f in fields]
    data = {k: v for k, v in field.items() if v not in (None, "", [])}
    key = data.get("key")
    if key and key in existing:
        index = existing.index(key)
        fields.pop(index)
        operation = "update"
    else:
        data["key"] = _unique_key(str(data.get("label") or ""), set(existing))
        index = len(fields)
        operation = "add"
    try:
        spec = FieldSpec.model_validate(data)
    except pydantic.ValidationError as exc:
        raise pydantic_errors(exc) from None
    if position is not None:
        index = max(0, min(int(position), len(fields)))
    fields.insert(
        index, spec.model_dump(mode="json", exclude_defaults=True) | {"key": spec.key, "type": spec.type}
    )
    _write_fields(version, fields)
    audit_record(
        actor=actor,
        action=f"service_requests.form.field_{operation}",
        target=version,
        changes={"key": spec.key, "type": spec.type, "position": index},
    )
    return spec


@transaction.atomic
def form_field_remove(*, actor, version: RequestFormVersion, key: str) -> None:
    version = _lock_draft(version)
    check_can_edit_forms(actor, version.form.service.agency_id)
    fields = _fields(version)
    remaining = [f for f in fields if f.get("key") != key]
    if len(remaining) == len(fields):
        raise ValidationError(_("Este campo não existe no rascunho."))
    _write_fields(version, remaining)
    audit_record(
        actor=actor, action="service_requests.form.field_remove", target=version, changes={"key": key}
    )


@transaction.atomic
def form_field_move(*, actor, version: RequestFormVersion, key: str, direction: str) -> None:
    """Move a field one place "up" or "down"; at either end nothing changes."""
    if direction not in ("up", "down"):
        raise ValidationError(_("Direção inválida."))
    version = _lock_draft(version)
    check_can_edit_forms(actor, version.form.service.agency_id)
    fields = _fields(version)
    keys = [f.get("key") for f in fields]
    if key not in keys:
        raise ValidationError(_("Este campo não existe no rascunho."))
    index = keys.index(key)
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(fields):
        fields[index], fields[target] = fields[target], fields[index]
        _write_fields(version, fields)
        audit_record(
            actor=actor,
            action="service_requests.form.field_move",
            target=version,
            changes={"key": key, "from": index, "to": target},
        )


@transaction.atomic
def form_version_publish(*, actor, version: RequestFormVersion) -> RequestFormVersion:
    """Publish the draft: it becomes the form's current version; the previous one is kept as
    superseded (requests made with it keep it)."""
    check_can_edit_forms(actor, version.form.service.agency_id)
    form = _lock_form(version.form)
    version = _lock_draft(version)
    spec = version.form_spec
    if not spec.fields:
        raise ValidationError(_("Inclua pelo menos um campo antes de publicar o formulário."))
    if not form.service.is_published:
        raise ValidationError(_("Publique o serviço na Carta antes de publicar o formulário de pedido."))
    now = timezone.now()
    previous = form.current_version
    if previous is not None:
        RequestFormVersion.objects.filter(pk=previous.pk).update(state=State.SUPERSEDED, updated_at=now)
    version.state = State.PUBLISHED
    version.published_at = now
    version.published_by = actor
    version.save(update_fields=["state", "published_at", "published_by", "updated_at"])
    form.current_version = version
    form.updated_by = actor
    form.save(update_fields=["current_version", "updated_by", "updated_at"])
    audit_record(
        actor=actor,
        action="service_requests.form.publish",
        target=version,
        changes={"number": version.number, "superseded": previous.number if previous else None},
    )
    return version


@transaction.atomic
def form_draft_discard(*, actor, version: RequestFormVersion) -> None:
    version = _lock_draft(version)
    check_can_edit_forms(actor, version.form.service.agency_id)
    form, number = version.form, version.number
    version.delete()
    audit_record(
        actor=actor, action="service_requests.form.draft_discard", target=form, changes={"number": number}
    )
