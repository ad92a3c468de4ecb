"""Service units: the places of in-person attendance of an agency, which a service's content
refers to by id."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from plataforma.common.audit import audit_record
from plataforma.common.documents import only_digits

from ..models import Agency, ServiceUnit
from ..permissions import check_can_edit_agency

UNIT_FIELDS = (
    "name",
    "street",
    "number",
    "complement",
    "district",
    "city",
    "state",
    "postal_code",
    "opening_hours",
    "phone",
    "email",
    "accessibility",
)


@transaction.atomic
def unit_create(*, actor, agency: Agency, data: dict[str, Any]) -> ServiceUnit:
    """Create a service unit (a place of in-person attendance) of `agency`."""
    check_can_edit_agency(actor, agency.pk)
    unit = ServiceUnit(agency=agency)
    _unit_fill(unit, data)
    _unit_save(unit)
    audit_record(actor=actor, action="catalog.unit.create", target=unit, changes={"agency": str(agency.pk)})
    return unit


@transaction.atomic
def unit_update(*, actor, unit: ServiceUnit, data: dict[str, Any]) -> ServiceUnit:
    """Change a service unit's address, hours or contacts. Its agency never changes."""
    check_can_edit_agency(actor, unit.agency_id)
    unit = ServiceUnit.objects.select_for_update().get(pk=unit.pk)
    before = {f: getattr(unit, f) for f in UNIT_FIELDS}
    _unit_fill(unit, data)
    changed = sorted(f for f in UNIT_FIELDS if getattr(unit, f) != before[f])
    if changed:
        _unit_save(unit)
        audit_record(actor=actor, action="catalog.unit.update", target=unit, changes={"fields": changed})
    return unit


def _unit_fill(unit: ServiceUnit, data: dict[str, Any]) -> None:
    unknown = set(data) - set(UNIT_FIELDS)
    if unknown:
        raise ValidationError(_("Campos desconhecidos: %s") % ", ".join(sorted(unknown)))
    for field in UNIT_FIELDS:
        if field in data:
            value = data[field]
            value = "" if value is None else str(value).strip()
            if field == "postal_code":
                value = only_digits(value)
                if value and len(value) != 8:
                    raise ValidationError({"postal_code": [_("Informe um CEP com 8 dígitos.")]})
            if field == "state":
                value = value.upper()
            setattr(unit, field, value)
    unit.full_clean()


def _unit_save(unit: ServiceUnit) -> None:
    try:
        with transaction.atomic():
            unit.save()
    except IntegrityError:  # a concurrent request took the same name
        raise ValidationError(
            {"name": [_("Já existe uma unidade de atendimento com este nome neste órgão.")]}
        ) from None
