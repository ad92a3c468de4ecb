"""Writes about X-VIA services: their OpenAPI description and endpoints, global groups and the
access rights to services (deny by default: only what a right allows is published)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..access import require_member, require_operator
from ..models import AccessRight, Endpoint, GlobalGroup, GlobalGroupMember, Service, Subsystem
from ..openapi import parse_openapi
from ..validation import validate_endpoint_path, validate_method, validate_right_path
from .common import changed
from .registry import save_checked


def _set_endpoints(service: Service, endpoints: list[tuple[str, str, str]]) -> None:
    service.endpoints.all().delete()
    Endpoint.objects.bulk_create(
        [Endpoint(service=service, method=m, path=p, summary=s) for m, p, s in dict.fromkeys(endpoints)]
    )


def _parsed(openapi: str | bytes):
    """parse_openapi with its refusal on the form's `openapi` field."""
    try:
        return parse_openapi(openapi)
    except ValidationError as exc:
        raise ValidationError({"openapi": exc.error_list}) from None


@transaction.atomic
def service_create(
    *,
    actor,
    subsystem: Subsystem,
    code: str,
    title: str,
    description: str = "",
    personal_data: bool = False,
    openapi: str | bytes | None = None,
) -> Service:
    """Register a service of a subsystem; with an OpenAPI description, its endpoints come from
    the description's paths."""
    require_member(actor, subsystem.member)
    parsed = _parsed(openapi) if openapi else None
    service = Service(
        subsystem=subsystem,
        code=code.strip(),
        title=title.strip(),
        description=description.strip(),
        personal_data=personal_data,
        openapi_text=parsed.text if parsed else "",
        openapi_sha256=parsed.sha256 if parsed else "",
    )
    save_checked(service)
    if parsed:
        _set_endpoints(service, parsed.endpoints)
    changed(
        actor=actor,
        action="service.create",
        target=service,
        changes={
            "code": service.code,
            "personal_data": personal_data,
            "openapi_sha256": service.openapi_sha256,
        },
    )
    return service


@transaction.atomic
def service_update(*, actor, service: Service, title: str, description: str, personal_data: bool) -> Service:
    require_member(actor, service.subsystem.member)
    service.title, service.description, service.personal_data = (
        title.strip(),
        description.strip(),
        personal_data,
    )
    save_checked(service)
    changed(actor=actor, action="service.update", target=service, changes={"personal_data": personal_data})
    return service


@transaction.atomic
def service_openapi_set(*, actor, service: Service, openapi: str | bytes) -> Service:
    """Replace the OpenAPI description; the endpoints are derived again from its paths."""
    require_member(actor, service.subsystem.member)
    parsed = _parsed(openapi)
    service.openapi_text, service.openapi_sha256 = parsed.text, parsed.sha256
    save_checked(service)
    _set_endpoints(service, parsed.endpoints)
    changed(
        actor=actor,
        action="service.openapi_set",
        target=service,
        changes={"openapi_sha256": parsed.sha256, "endpoints": len(parsed.endpoints)},
    )
    return service


@transaction.atomic
def endpoint_add(*, actor, service: Service, method: str, path: str, summary: str = "") -> Endpoint:
    require_member(actor, service.subsystem.member)
    endpoint = Endpoint(
        service=service,
        method=validate_method(method, allow_any=False),
        path=validate_endpoint_path(path.strip()),
        summary=summary.strip()[:300],
    )
    save_checked(endpoint)
    changed(
        actor=actor,
        action="endpoint.add",
        target=service,
        changes={"method": endpoint.method, "path": endpoint.path},
    )
    return endpoint


@transaction.atomic
def endpoint_remove(*, actor, endpoint: Endpoint) -> None:
    service = endpoint.service
    require_member(actor, service.subsystem.member)
    method, path = endpoint.method, endpoint.path
    endpoint.delete()
    changed(actor=actor, action="endpoint.remove", target=service, changes={"method": method, "path": path})


@transaction.atomic
def group_create(*, actor, code: str, description: str) -> GlobalGroup:
    require_operator(actor)
    group = GlobalGroup(code=code.strip(), description=description.strip())
    save_checked(group)
    changed(actor=actor, action="group.create", target=group, changes={"code": group.code})
    return group


@transaction.atomic
def group_member_add(*, actor, group: GlobalGroup, subsystem: Subsystem) -> GlobalGroupMember:
    require_operator(actor)
    link = GlobalGroupMember(group=group, subsystem=subsystem)
    save_checked(link)
    changed(actor=actor, action="group.member_add", target=group, changes={"subsystem": subsystem.xroad_id})
    return link


@transaction.atomic
def group_member_remove(*, actor, link: GlobalGroupMember) -> None:
    require_operator(actor)
    group, subsystem_id = link.group, link.subsystem.xroad_id
    link.delete()
    changed(actor=actor, action="group.member_remove", target=group, changes={"subsystem": subsystem_id})


@transaction.atomic
def access_right_grant(
    *,
    actor,
    service: Service,
    subject_subsystem: Subsystem | None = None,
    subject_group: GlobalGroup | None = None,
    method: str = "*",
    path: str = "**",
) -> AccessRight:
    """Allow a client subsystem, or every subsystem of a global group, to call the service's
    operations matching `method` and `path`. Only the provider's administrators grant."""
    require_member(actor, service.subsystem.member)
    if (subject_subsystem is None) == (subject_group is None):
        raise ValidationError(_("Escolha um subsistema cliente ou um grupo global (apenas um)."))
    right = AccessRight(
        service=service,
        subject_subsystem=subject_subsystem,
        subject_group=subject_group,
        method=validate_method(method, allow_any=True),
        path=validate_right_path(path),
        granted_by=actor if actor is not None and actor.is_authenticated else None,
    )
    save_checked(right)
    changed(
        actor=actor,
        action="access_right.grant",
        target=service,
        changes={"subject": right.subject_id, "method": right.method, "path": right.path},
    )
    return right


@transaction.atomic
def access_right_revoke(*, actor, right: AccessRight) -> None:
    service = right.service
    require_member(actor, service.subsystem.member)
    details = {"subject": right.subject_id, "method": right.method, "path": right.path}
    right.delete()
    changed(actor=actor, action="access_right.revoke", target=service, changes=details)
