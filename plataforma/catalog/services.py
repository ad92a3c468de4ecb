"""Writes to the catalogue. Every function takes the acting user, checks permission, validates,
then acts inside one transaction and writes an audit row (HackSoft / Zulip habit).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_
from django.utils.translation import ngettext
from pydantic import ValidationError as PydanticValidationError

from plataforma.common.audit import audit_record
from plataforma.common.documents import only_digits
from plataforma.common.text import fold
from plataforma.identity.models import AgencyRole
from plataforma.identity.selectors import emails_of_role_holders

from .content import ServiceContent
from .models import Agency, Audience, Category, Service, ServiceFeedback, ServiceUnit, ServiceVersion
from .permissions import check_can_edit_agency

State = ServiceVersion.State


# Pydantic's own messages are English; these are what a person sees instead (by error type).
_PYDANTIC_MESSAGES: dict[str, str] = {
    "missing": N_("Preencha este campo."),
    "string_type": N_("Informe um texto."),
    "string_too_long": N_("Use no máximo %(max_length)s caracteres."),
    "too_short": N_("Informe pelo menos %(min_length)s item."),
    "too_long": N_("Informe no máximo %(max_length)s itens."),
    "list_type": N_("Informe uma lista de itens."),
    "literal_error": N_("Escolha uma das opções oferecidas."),
    "enum": N_("Escolha uma das opções oferecidas."),
    "url_parsing": N_("Informe um endereço válido, começando por https://."),
    "url_scheme": N_("O endereço deve começar por http:// ou https://."),
    "url_type": N_("Informe um endereço válido, começando por https://."),
    "url_too_long": N_("O endereço é longo demais."),
    "int_parsing": N_("Informe um número inteiro."),
    "int_type": N_("Informe um número inteiro."),
    "int_from_float": N_("Informe um número inteiro."),
    "greater_than_equal": N_("Informe um número maior ou igual a %(ge)s."),
    "greater_than": N_("Informe um número maior que %(gt)s."),
    "less_than_equal": N_("Informe um número menor ou igual a %(le)s."),
    "less_than": N_("Informe um número menor que %(lt)s."),
    "decimal_parsing": N_("Informe um valor em reais, por exemplo 25,50."),
    "decimal_type": N_("Informe um valor em reais, por exemplo 25,50."),
    "decimal_max_digits": N_("O valor pode ter no máximo %(max_digits)s dígitos."),
    "decimal_max_places": N_("Use no máximo %(decimal_places)s casas decimais."),
    "decimal_whole_digits": N_("O valor é grande demais."),
    "bool_parsing": N_("Marque ou desmarque a opção."),
    "bool_type": N_("Marque ou desmarque a opção."),
    "extra_forbidden": N_("Este campo não faz parte do conteúdo de um serviço."),
    "model_type": N_("Formato inválido."),
    "dict_type": N_("Formato inválido."),
}

# Errors that the content model raises about the whole document but that belong to one field.
_ROOT_ERROR_FIELDS: dict[str, str] = {
    "serviço digital precisa do endereço onde é solicitado": "digital_url",
    "serviço gratuito não pode ter custos com valor; desmarque 'gratuito'": "is_free",
}


def _pydantic_message(err: dict[str, Any]) -> str:
    """One pydantic error as a Portuguese sentence."""
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "value_error":
        text = str(ctx.get("error", err["msg"])).removeprefix("Value error, ").strip()
        text = text[:1].upper() + text[1:]
        return text if text.endswith(".") else text + "."
    if kind == "string_too_short":
        if ctx.get("min_length", 1) <= 1 or err.get("input") == "":
            return _("Preencha este campo.")
        return _("Use pelo menos %(min_length)s caracteres.") % ctx
    if kind == "too_short" and ctx.get("min_length", 1) > 1:
        return _("Informe pelo menos %(min_length)s itens.") % ctx
    template = _PYDANTIC_MESSAGES.get(kind)
    if template is None:
        return _("Valor inválido.")
    try:
        return _(template) % ctx
    except (KeyError, TypeError, ValueError):
        return _("Valor inválido.")


def validate_content(data: dict[str, Any]) -> ServiceContent:
    """Validate a content document; raise Django's ValidationError with messages in Portuguese.

    Error keys are dotted paths into the document ("name", "steps.0.title",
    "steps.1.costs.0.value"); errors about the whole document use "__all__".
    """
    try:
        content = ServiceContent.model_validate(data)
    except PydanticValidationError as exc:
        errors: dict[str, list[str]] = {}
        for err in exc.errors():
            message = _pydantic_message(err)
            field = ".".join(str(p) for p in err["loc"]) or "__all__"
            if field == "__all__":
                raw = str((err.get("ctx") or {}).get("error", "")).strip()
                field = _ROOT_ERROR_FIELDS.get(raw, "__all__")
            bucket = errors.setdefault(field, [])
            if message not in bucket:
                bucket.append(message)
        raise ValidationError(errors) from exc
    known = set(Category.objects.filter(slug__in=content.categories).values_list("slug", flat=True))
    unknown = [c for c in content.categories if c not in known]
    if unknown:
        raise ValidationError({"categories": [_("Área de interesse desconhecida: %s") % ", ".join(unknown)]})
    return content


def _check_units(agency: Agency, content: ServiceContent) -> None:
    if not content.unit_ids:
        return
    found = {
        str(pk)
        for pk in ServiceUnit.objects.filter(agency=agency, pk__in=content.unit_ids).values_list(
            "pk", flat=True
        )
    }
    if found != set(content.unit_ids):
        raise ValidationError({"unit_ids": [_("Unidade de atendimento desconhecida ou de outro órgão.")]})


def _unique_slug(name: str) -> str:
    base = slugify(name)[:200] or "servico"
    slug, n = base, 2
    while Service.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def _lock_service(service: Service) -> Service:
    return Service.objects.select_for_update().get(pk=service.pk)


@transaction.atomic
def service_create(
    *, actor, agency: Agency, content: dict[str, Any], change_summary: str = ""
) -> ServiceVersion:
    """Create a service of `agency` with its first draft version. Nothing is public yet."""
    check_can_edit_agency(actor, agency.pk)
    parsed = validate_content(content)
    _check_units(agency, parsed)
    service = Service.objects.create(agency=agency, slug=_unique_slug(parsed.name), name=parsed.name)
    version = ServiceVersion.objects.create(
        service=service,
        number=1,
        content=parsed.model_dump(mode="json"),
        created_by=actor,
        change_summary=change_summary or _("Criação do serviço"),
    )
    audit_record(actor=actor, action="catalog.service.create", target=service, changes={"version": 1})
    return version


@transaction.atomic
def service_draft_start(*, actor, service: Service) -> ServiceVersion:
    """Return the service's working version (draft or in review), creating a new draft from the
    published content when there is none."""
    check_can_edit_agency(actor, service.agency_id)
    service = _lock_service(service)
    working = service.versions.filter(state__in=[State.DRAFT, State.IN_REVIEW]).first()
    if working:
        return working
    last = service.versions.order_by("-number").first()
    base = service.published_version or last
    version = ServiceVersion.objects.create(
        service=service,
        number=(last.number if last else 0) + 1,
        content=base.content if base else {},
        created_by=actor,
    )
    audit_record(
        actor=actor, action="catalog.version.draft", target=version, changes={"number": version.number}
    )
    return version


@transaction.atomic
def version_update(
    *, actor, version: ServiceVersion, content: dict[str, Any], change_summary: str = ""
) -> ServiceVersion:
    check_can_edit_agency(actor, version.service.agency_id)
    version = ServiceVersion.objects.select_for_update().select_related("service__agency").get(pk=version.pk)
    if version.state != State.DRAFT:
        raise ValidationError(_("Só é possível alterar uma versão em rascunho."))
    parsed = validate_content(content)
    _check_units(version.service.agency, parsed)
    version.content = parsed.model_dump(mode="json")
    version.change_summary = change_summary[:300]
    version.save(update_fields=["content", "change_summary", "updated_at"])
    audit_record(
        actor=actor, action="catalog.version.update", target=version, changes={"number": version.number}
    )
    return version


def _transition(*, actor, version: ServiceVersion, allowed_from: set[str], action: str) -> ServiceVersion:
    check_can_edit_agency(actor, version.service.agency_id)
    version = ServiceVersion.objects.select_for_update().select_related("service__agency").get(pk=version.pk)
    if version.state not in allowed_from:
        raise ValidationError(
            _("Esta versão está na situação “%(state)s” e não pode passar por esta ação.")
            % {"state": version.get_state_display()}
        )
    return version


@transaction.atomic
def version_submit(*, actor, version: ServiceVersion) -> ServiceVersion:
    """Send a draft for review by the agency's editors."""
    version = _transition(actor=actor, version=version, allowed_from={State.DRAFT}, action="submit")
    validate_content(version.content)
    version.state = State.IN_REVIEW
    version.submitted_at = timezone.now()
    version.submitted_by = actor
    version.save(update_fields=["state", "submitted_at", "submitted_by", "updated_at"])
    audit_record(
        actor=actor, action="catalog.version.submit", target=version, changes={"state": version.state}
    )
    return version


@transaction.atomic
def version_return(*, actor, version: ServiceVersion, note: str) -> ServiceVersion:
    """Send a version in review back to draft with the reviewer's note."""
    if not note.strip():
        raise ValidationError({"note": [_("Explique o que precisa ser corrigido.")]})
    version = _transition(actor=actor, version=version, allowed_from={State.IN_REVIEW}, action="return")
    version.state = State.DRAFT
    version.review_note = note.strip()[:1000]
    version.save(update_fields=["state", "review_note", "updated_at"])
    audit_record(
        actor=actor, action="catalog.version.return", target=version, changes={"state": version.state}
    )
    return version


@transaction.atomic
def version_discard(*, actor, version: ServiceVersion) -> ServiceVersion:
    version = _transition(
        actor=actor, version=version, allowed_from={State.DRAFT, State.IN_REVIEW}, action="discard"
    )
    version.state = State.DISCARDED
    version.save(update_fields=["state", "updated_at"])
    audit_record(
        actor=actor, action="catalog.version.discard", target=version, changes={"state": version.state}
    )
    return version


def search_fields_for(content: ServiceContent, agency: Agency) -> dict[str, str]:
    title = " ".join([content.name, content.acronym])
    terms = " ".join([*content.popular_names, *content.keywords, agency.acronym])
    body = " ".join(
        [
            content.description,
            *(r.type + " " + r.requirements for r in content.requesters),
            *(s.title + " " + s.description + " " + " ".join(s.documents) for s in content.steps),
        ]
    )
    return {"search_title": fold(title), "search_terms": fold(terms), "search_body": fold(body)}


def _apply_published(service: Service, version: ServiceVersion, content: ServiceContent) -> None:
    """Mirror the published version into the service's list/search columns and relations."""
    service.published_version = version
    service.is_published = True
    service.published_at = version.published_at
    service.name = content.name
    service.acronym = content.acronym
    service.summary = content.description.split("\n", 1)[0][:300]
    service.is_digital = content.is_digital
    service.is_free = content.is_free
    service.min_login_level = content.min_login_level
    for field, value in search_fields_for(content, service.agency).items():
        setattr(service, field, value)
    service.save()
    service.audiences.set(Audience.objects.filter(code__in=content.audiences))
    service.categories.set(Category.objects.filter(slug__in=content.categories))
    service.units.set(ServiceUnit.objects.filter(agency=service.agency, pk__in=content.unit_ids))


@transaction.atomic
def version_publish(*, actor, version: ServiceVersion) -> ServiceVersion:
    """Publish a version in review. The previous published version is kept as superseded;
    publishing counts as a review of the whole Carta entry (art. 7 §4)."""
    version = _transition(actor=actor, version=version, allowed_from={State.IN_REVIEW}, action="publish")
    service = _lock_service(version.service)
    content = validate_content(version.content)
    _check_units(service.agency, content)
    now = timezone.now()
    previous = service.published_version
    if previous:
        ServiceVersion.objects.filter(pk=previous.pk).update(state=State.SUPERSEDED, updated_at=now)
    version.state = State.PUBLISHED
    version.published_at = now
    version.published_by = actor
    version.review_note = ""
    version.save(update_fields=["state", "published_at", "published_by", "review_note", "updated_at"])
    service.last_reviewed_at = now
    service.last_reviewed_by = actor
    service.review_overdue_since = None
    _apply_published(service, version, content)
    audit_record(
        actor=actor,
        action="catalog.version.publish",
        target=version,
        changes={"number": version.number, "superseded": previous.number if previous else None},
    )
    return version


@transaction.atomic
def service_mark_reviewed(*, actor, service: Service) -> Service:
    """Confirm that the published content is still accurate without changing it (art. 7 §4)."""
    check_can_edit_agency(actor, service.agency_id)
    service = _lock_service(service)
    if not service.is_published:
        raise ValidationError(_("Só serviços publicados podem ser marcados como revisados."))
    service.last_reviewed_at = timezone.now()
    service.last_reviewed_by = actor
    service.review_overdue_since = None
    service.save(update_fields=["last_reviewed_at", "last_reviewed_by", "review_overdue_since", "updated_at"])
    audit_record(actor=actor, action="catalog.service.review", target=service)
    return service


@transaction.atomic
def service_unpublish(*, actor, service: Service) -> Service:
    """Take a service off the public Carta (for example, when it is discontinued).
    Its versions stay in the record."""
    check_can_edit_agency(actor, service.agency_id)
    service = _lock_service(service)
    if not service.is_published:
        raise ValidationError(_("Este serviço não está publicado."))
    ServiceVersion.objects.filter(pk=service.published_version_id).update(state=State.SUPERSEDED)
    service.is_published = False
    service.published_version = None
    service.save(update_fields=["is_published", "published_version", "updated_at"])
    audit_record(actor=actor, action="catalog.service.unpublish", target=service)
    return service


def _overdue_candidates(*, limit):
    """Published services whose last review is older than `limit` and that are not flagged yet."""
    return Service.objects.filter(is_published=True, review_overdue_since__isnull=True).filter(
        Q(last_reviewed_at__lt=limit) | Q(last_reviewed_at__isnull=True, published_at__lt=limit)
    )


def flag_overdue_reviews(*, now=None, period=None) -> int:
    """Flag published services not reviewed within CATALOG_REVIEW_PERIOD (art. 7 §4; daily job).

    Newly flagged services show as "revisão atrasada" on their agency's dashboard, get an audit
    row, and each affected agency's editors receive one e-mail listing them, sent after commit.
    Returns how many services were newly flagged.
    """
    now = now or timezone.now()
    limit = now - (period or settings.CATALOG_REVIEW_PERIOD)
    with transaction.atomic():
        flagged = list(
            _overdue_candidates(limit=limit)
            .select_for_update()
            .select_related("agency")
            .order_by("agency__acronym", "name")
        )
        by_agency: dict[Any, list[Service]] = {}
        for chunk_start in range(0, len(flagged), 500):
            chunk = flagged[chunk_start : chunk_start + 500]
            Service.objects.filter(pk__in=[s.pk for s in chunk]).update(review_overdue_since=now)
        for service in flagged:
            service.review_overdue_since = now
            by_agency.setdefault(service.agency, []).append(service)
            audit_record(
                actor=None,
                action="catalog.service.review_overdue",
                target=service,
                changes={
                    "last_reviewed_at": service.last_reviewed_at.isoformat()
                    if service.last_reviewed_at
                    else None
                },
            )
        for agency, agency_services in by_agency.items():
            names = [s.name for s in agency_services]
            transaction.on_commit(
                lambda agency=agency, names=names: _notify_overdue_reviews(agency=agency, service_names=names)
            )
    return len(flagged)


def _agency_editor_emails(agency: Agency) -> list[str]:
    return emails_of_role_holders(agency_id=agency.pk, role=AgencyRole.Role.CARTA_EDITOR)


def _notify_overdue_reviews(*, agency: Agency, service_names: list[str]) -> int:
    """One e-mail to the agency's editors listing its services whose review is overdue."""
    recipients = _agency_editor_emails(agency)
    if not recipients:
        return 0
    base_url = settings.SITE_URL.rstrip("/")
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "agency": agency,
            "service_names": service_names,
            "count": len(service_names),
            "period_days": settings.CATALOG_REVIEW_PERIOD.days,
            "dashboard_url": base_url
            + reverse("catalog_editor:dashboard")
            + "?"
            + urlencode({"orgao": agency.slug, "atrasados": "1"}),
        }
        subject = ngettext(
            "Carta de Serviços (%(acronym)s): %(count)d serviço com revisão atrasada",
            "Carta de Serviços (%(acronym)s): %(count)d serviços com revisão atrasada",
            len(service_names),
        ) % {"acronym": agency.acronym, "count": len(service_names)}
        body = render_to_string("catalog/editor/email/overdue_reviews.txt", context)
    return EmailMessage(subject=subject, body=body, to=recipients).send()


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


def feedback_record(*, service: Service, helpful: bool, comment: str = "") -> ServiceFeedback:
    """Count one 'Esta informação foi útil?' answer. Anonymous by design."""
    if not service.is_published:
        raise ValidationError(_("Serviço não encontrado."))
    comment = comment.strip()
    if len(comment) > 1000:
        raise ValidationError({"comment": [_("O comentário pode ter no máximo 1000 caracteres.")]})
    return ServiceFeedback.objects.create(service=service, helpful=helpful, comment=comment)
