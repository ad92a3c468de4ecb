"""The editorial workflow of a service and its versions: create, draft, edit, submit for review,
return to draft, discard, publish and unpublish. Versions move through ServiceVersion.State
only by the guarded transitions here; publishing mirrors the content into the service's
list and search columns."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from plataforma.common.audit import audit_record
from plataforma.common.text import fold

from ..content import ServiceContent
from ..models import Agency, Audience, Category, Service, ServiceUnit, ServiceVersion
from ..permissions import check_can_edit_agency
from .validation import _check_units, validate_content

State = ServiceVersion.State


def _unique_slug(name: str) -> str:
    base = slugify(name)[:200] or "servico"
    slug, n = base, 2
    while Service.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def _lock_service(service: Service) -> Service:
    return Service.objects.select_for_update().get(pk=service.pk)


def _record_review(service: Service, *, actor, at) -> None:
    """Stamp `service` as reviewed by `actor` at `at` and clear its overdue flag; the caller saves.
    Publishing a version and confirming a review both count as a review (art. 7 §4)."""
    service.last_reviewed_at = at
    service.last_reviewed_by = actor
    service.review_overdue_since = None


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
    _record_review(service, actor=actor, at=now)
    _apply_published(service, version, content)
    audit_record(
        actor=actor,
        action="catalog.version.publish",
        target=version,
        changes={"number": version.number, "superseded": previous.number if previous else None},
    )
    return version


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
