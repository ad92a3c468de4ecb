"""Reads for the administration pages, always scoped to what the person may manage: an object
outside that scope is simply not found (the views answer 404)."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from plataforma.common.models import AuditEvent

from ..access import administered_agency_ids, is_operator
from ..models import (
    AccessRight,
    CertificateAuthority,
    GlobalGroup,
    IssuedCertificate,
    Member,
    PublishedConfiguration,
    SecurityServer,
    Service,
    Subsystem,
)

LIMIT = 500


def managed_members(user) -> QuerySet[Member]:
    members = Member.objects.select_related("member_class", "agency").annotate(
        n_subsystems=Count("subsystems", distinct=True)
    )
    if is_operator(user):
        return members.order_by("name")
    return members.filter(agency_id__in=administered_agency_ids(user)).order_by("name")


def managed_member(user, pk) -> Member | None:
    return managed_members(user).filter(pk=pk).first()


def member_overview(member: Member) -> dict:
    subsystems = list(member.subsystems.order_by("code"))
    return {
        "subsystems": subsystems,
        "services": list(
            Service.objects.filter(subsystem__member=member)
            .select_related("subsystem")
            .order_by("subsystem__code", "code")
        ),
        "servers": list(member.security_servers.order_by("code")),
        "sign_certificates": list(
            IssuedCertificate.objects.filter(member=member, kind="sign").select_related("ca")[:LIMIT]
        ),
    }


def managed_service(user, pk) -> Service | None:
    service = (
        Service.objects.select_related("subsystem__member__member_class", "subsystem__member__agency")
        .filter(pk=pk)
        .first()
    )
    if service is None:
        return None
    return service if managed_member(user, service.subsystem.member_id) else None


def managed_server(user, pk) -> SecurityServer | None:
    server = SecurityServer.objects.select_related("owner__member_class").filter(pk=pk).first()
    if server is None:
        return None
    return server if managed_member(user, server.owner_id) else None


def managed_certificate(user, pk) -> IssuedCertificate | None:
    cert = IssuedCertificate.objects.select_related("member", "security_server", "ca").filter(pk=pk).first()
    if cert is None:
        return None
    return cert if managed_member(user, cert.member_id) else None


def rights_of(service: Service) -> list[AccessRight]:
    return list(
        service.access_rights.select_related(
            "subject_subsystem__member__member_class", "subject_group"
        ).order_by("method", "path")[:LIMIT]
    )


def subject_choices() -> list[tuple[str, str]]:
    """Every subsystem and global group that can be granted a right ("s:<id>" / "g:<id>")."""
    subsystems = Subsystem.objects.select_related("member__member_class").order_by("member__name", "code")[
        :LIMIT
    ]
    groups = GlobalGroup.objects.order_by("code")[:LIMIT]
    return [(f"s:{s.pk}", f"{s.member.name} — {s.xroad_id}") for s in subsystems] + [
        (f"g:{g.pk}", f"Grupo global {g.xroad_id} — {g.description}") for g in groups
    ]


def server_certificates(server: SecurityServer) -> list[IssuedCertificate]:
    return list(server.certificates.select_related("ca")[:LIMIT])


def groups() -> QuerySet[GlobalGroup]:
    return GlobalGroup.objects.prefetch_related("memberships__subsystem__member__member_class").order_by(
        "code"
    )


def authorities() -> QuerySet[CertificateAuthority]:
    return CertificateAuthority.objects.order_by("name")


def latest_configuration() -> PublishedConfiguration | None:
    return PublishedConfiguration.objects.order_by("-version").first()


def audit_events(limit: int = 200) -> list[AuditEvent]:
    """The latest X-VIA changes (every registry, PKI and access-right write is audited)."""
    return list(AuditEvent.objects.filter(action__startswith="xvia.").order_by("-occurred_at")[:limit])
