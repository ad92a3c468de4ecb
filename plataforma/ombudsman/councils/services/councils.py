"""Creating a council and setting its rules: the services it follows, the mandate length, the
requirements, and its representativeness categories with their quotas (Lei 13.460 arts. 18-19).

Who: the agency's gestor or ouvidor (access.check_staff). Errors are ValidationErrors keyed by the
form's field names, in Portuguese; nothing is written when one is raised. Categories do not change
while a call is open or in selection: its applicants applied to the quotas it announced.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from plataforma.catalog.models import Agency, Service
from plataforma.common.audit import audit_record

from ..models import (
    MANDATE_MONTHS_MAX,
    MANDATE_MONTHS_MIN,
    SEATS_MAX,
    CallState,
    CategoryKind,
    Council,
    CouncilCategory,
)
from .access import check_staff

MAX_CATEGORIES = 20
MAX_SERVICES = 200


@dataclass(frozen=True)
class CouncilRules:
    name: str
    description: str
    mandate_months: int
    requirements: str


@dataclass(frozen=True)
class SuggestedCategory:
    code: str
    name: str
    description: str
    seats: int
    substitutes: int


# The categories offered when a council is created (ADR 0031): the types of user the Carta's
# audiences and the legal priorities name. The agency changes them or adds regional ones.
SUGGESTED_CATEGORIES = (
    SuggestedCategory("cidadaos", "Cidadãos", "Pessoas que usam os serviços do órgão.", 3, 3),
    SuggestedCategory(
        "empresas", "Empresas e entidades", "Quem representa empresa, associação ou entidade usuária.", 1, 1
    ),
    SuggestedCategory(
        "pessoas-com-deficiencia",
        "Pessoas com deficiência",
        "Pessoas com deficiência usuárias dos serviços.",
        1,
        1,
    ),
    SuggestedCategory("pessoas-idosas", "Pessoas idosas", "Pessoas com 60 anos ou mais.", 1, 1),
)


def _check_rules(rules: CouncilRules) -> CouncilRules:
    errors = {}
    name = " ".join((rules.name or "").split())
    if not name:
        errors["name"] = _("Dê um nome ao conselho.")
    elif len(name) > 200:
        errors["name"] = _("Use no máximo 200 caracteres.")
    if not MANDATE_MONTHS_MIN <= int(rules.mandate_months or 0) <= MANDATE_MONTHS_MAX:
        errors["mandate_months"] = _("O mandato dura de %(a)s a %(b)s meses.") % {
            "a": MANDATE_MONTHS_MIN,
            "b": MANDATE_MONTHS_MAX,
        }
    if len(rules.description or "") > 4000:
        errors["description"] = _("Use no máximo 4.000 caracteres.")
    if len(rules.requirements or "") > 4000:
        errors["requirements"] = _("Use no máximo 4.000 caracteres.")
    if errors:
        raise ValidationError(errors)
    return CouncilRules(
        name=name,
        description=(rules.description or "").strip(),
        mandate_months=int(rules.mandate_months),
        requirements=(rules.requirements or "").strip(),
    )


def _check_services(agency: Agency, services: list[Service]) -> list[Service]:
    if len(services) > MAX_SERVICES:
        raise ValidationError({"services": _("Escolha no máximo %(n)s serviços.") % {"n": MAX_SERVICES}})
    if any(s.agency_id != agency.pk for s in services):
        raise ValidationError({"services": _("Escolha apenas serviços da Carta deste órgão.")})
    return services


def _unique_slug(agency: Agency, name: str) -> str:
    base = slugify(name)
    if len(base) > 70:
        base = base[:70].rsplit("-", 1)[0]
    base = base.strip("-") or f"conselho-{agency.slug}"
    slug, n = base, 2
    while Council.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def council_create(
    *, actor, agency: Agency, rules: CouncilRules, services: list[Service], with_suggested: bool = True
) -> Council:
    """Create a council of the agency, optionally with the suggested categories."""
    check_staff(actor, agency.pk)
    rules = _check_rules(rules)
    services = _check_services(agency, services)
    if Council.objects.filter(agency=agency, name=rules.name).exists():
        raise ValidationError({"name": _("O órgão já tem um conselho com este nome.")})
    with transaction.atomic():
        try:
            with transaction.atomic():
                council = Council.objects.create(
                    agency=agency,
                    name=rules.name,
                    slug=_unique_slug(agency, rules.name),
                    description=rules.description,
                    mandate_months=rules.mandate_months,
                    requirements=rules.requirements,
                    created_by=actor,
                )
        except IntegrityError as exc:
            raise ValidationError({"name": _("O órgão já tem um conselho com este nome.")}) from exc
        council.services.set(services)
        if with_suggested:
            CouncilCategory.objects.bulk_create(
                [
                    CouncilCategory(
                        council=council,
                        code=s.code,
                        name=s.name,
                        description=s.description,
                        seats=s.seats,
                        substitutes=s.substitutes,
                        position=n,
                    )
                    for n, s in enumerate(SUGGESTED_CATEGORIES)
                ]
            )
        audit_record(
            actor=actor,
            action="councils.council.create",
            target=council,
            changes={"agency": str(agency.pk), "services": len(services), "suggested": with_suggested},
        )
    return council


def council_update(
    *, actor, council: Council, rules: CouncilRules, services: list[Service], is_active: bool
) -> Council:
    check_staff(actor, council.agency_id)
    rules = _check_rules(rules)
    services = _check_services(council.agency, services)
    if Council.objects.filter(agency_id=council.agency_id, name=rules.name).exclude(pk=council.pk).exists():
        raise ValidationError({"name": _("O órgão já tem um conselho com este nome.")})
    with transaction.atomic():
        locked = Council.objects.select_for_update().get(pk=council.pk)
        changed = [
            f
            for f in ("name", "description", "mandate_months", "requirements")
            if getattr(locked, f) != getattr(rules, f)
        ]
        for field in changed:
            setattr(locked, field, getattr(rules, field))
        if locked.is_active != is_active:
            locked.is_active = is_active
            changed.append("is_active")
        locked.save()
        before = set(locked.services.values_list("pk", flat=True))
        if before != {s.pk for s in services}:
            locked.services.set(services)
            changed.append("services")
        audit_record(
            actor=actor, action="councils.council.update", target=locked, changes={"fields": changed}
        )
    return locked


# --- categories ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CategoryData:
    name: str
    kind: str
    description: str
    seats: int
    substitutes: int
    municipalities: list[str]  # IBGE codes; only for a regional category
    position: int = 0


def _check_no_running_call(council: Council) -> None:
    if council.calls.filter(state__in=(CallState.OPEN, CallState.SELECTION)).exists():
        raise ValidationError(
            _(
                "As categorias não mudam enquanto há um chamamento com inscrições abertas ou em seleção: "
                "as pessoas se inscreveram nas vagas anunciadas."
            )
        )


def _check_category(data: CategoryData) -> CategoryData:
    errors = {}
    name = " ".join((data.name or "").split())
    if not name:
        errors["name"] = _("Dê um nome à categoria.")
    elif len(name) > 120:
        errors["name"] = _("Use no máximo 120 caracteres.")
    if data.kind not in CategoryKind.values:
        errors["kind"] = _("Escolha o tipo da categoria.")
    if not 1 <= data.seats <= SEATS_MAX:
        errors["seats"] = _("A categoria tem de 1 a %(n)s vagas de titular.") % {"n": SEATS_MAX}
    if not 0 <= data.substitutes <= SEATS_MAX:
        errors["substitutes"] = _("A categoria tem de 0 a %(n)s vagas de suplente.") % {"n": SEATS_MAX}
    if data.kind == CategoryKind.REGION and not data.municipalities:
        errors["municipalities"] = _("Informe os municípios da região.")
    if len(data.description or "") > 500:
        errors["description"] = _("Use no máximo 500 caracteres.")
    if errors:
        raise ValidationError(errors)
    municipalities = list(data.municipalities) if data.kind == CategoryKind.REGION else []
    return CategoryData(
        name=name,
        kind=data.kind,
        description=(data.description or "").strip(),
        seats=data.seats,
        substitutes=data.substitutes,
        municipalities=municipalities,
        position=max(0, min(int(data.position or 0), 999)),
    )


def category_save(
    *, actor, council: Council, data: CategoryData, category: CouncilCategory | None = None
) -> CouncilCategory:
    """Create a category (category=None) or change one of the council's."""
    check_staff(actor, council.agency_id)
    if category is not None and category.council_id != council.pk:
        raise ValidationError(_("Esta categoria é de outro conselho."))
    data = _check_category(data)
    with transaction.atomic():
        Council.objects.select_for_update().get(pk=council.pk)  # serialises category changes
        _check_no_running_call(council)
        siblings = CouncilCategory.objects.filter(council=council)
        if category is not None:
            siblings = siblings.exclude(pk=category.pk)
        if siblings.filter(name=data.name).exists():
            raise ValidationError({"name": _("O conselho já tem uma categoria com este nome.")})
        if category is None:
            if siblings.count() >= MAX_CATEGORIES:
                raise ValidationError(
                    _("Um conselho tem no máximo %(n)s categorias.") % {"n": MAX_CATEGORIES}
                )
            base = slugify(data.name)[:36] or "categoria"
            code, n = base, 2
            while siblings.filter(code=code).exists():
                code = f"{base}-{n}"
                n += 1
            category = CouncilCategory(council=council, code=code)
            action = "councils.category.create"
        else:
            action = "councils.category.update"
        for field in ("name", "kind", "description", "seats", "substitutes", "municipalities", "position"):
            setattr(category, field, getattr(data, field))
        category.save()
        audit_record(
            actor=actor,
            action=action,
            target=category,
            changes={"seats": data.seats, "substitutes": data.substitutes, "kind": data.kind},
        )
    return category


def category_delete(*, actor, category: CouncilCategory) -> None:
    """Remove a category nobody applied to yet."""
    council = category.council
    check_staff(actor, council.agency_id)
    with transaction.atomic():
        Council.objects.select_for_update().get(pk=council.pk)
        _check_no_running_call(council)
        if category.applications.exists() or category.memberships.exists():
            raise ValidationError(
                _(
                    "Esta categoria já recebeu inscrições e fica no histórico do conselho. "
                    "Você pode mudar as vagas."
                )
            )
        audit_record(
            actor=actor, action="councils.category.delete", target=category, changes={"code": category.code}
        )
        category.delete()
