"""Global configuration (ADR 0033): the document built from the registry, signed with the
configuration-signing key, versioned and expiring. A new version is published when the registry
changed since the last one or when the last one is close to expiry (beat task, and on demand
when a gateway asks)."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from xvia.protocol.globalconf import ANCHOR_FORMAT, FORMAT, format_time, sign_configuration

from .. import conf
from ..models import (
    AccessRight,
    CertificateAuthority,
    ConfigurationSigningKey,
    GlobalGroup,
    IssuedCertificate,
    Member,
    MemberClass,
    PublishedConfiguration,
    RegistryRevision,
    SecurityServer,
    Service,
    TimeStampingAuthority,
)
from ..pki import keystore
from ..pki import x509 as px


class NotConfiguredError(RuntimeError):
    """No configuration-signing key yet (run `manage.py xvia_dev_setup` or `xvia_pki_init`)."""


def _trust(now: datetime) -> dict:
    revoked: dict = {}
    for ca_id, serial in (
        IssuedCertificate.objects.filter(revoked_at__isnull=False, ca__is_active=True)
        .order_by("serial_hex")
        .values_list("ca_id", "serial_hex")
    ):
        revoked.setdefault(ca_id, []).append(serial)
    cas = [
        {"name": ca.name, "certificate_pem": ca.certificate_pem, "revoked_serials": revoked.get(ca.pk, [])}
        for ca in CertificateAuthority.objects.filter(is_active=True).order_by("name", "certificate_sha256")
    ]
    tsas = [
        {"name": t.name, "url": t.url, "certificate_pem": t.certificate_pem}
        for t in TimeStampingAuthority.objects.filter(is_active=True).order_by("name", "certificate_sha256")
    ]
    return {"cas": cas, "tsas": tsas}


def build_payload(*, version: int, now: datetime) -> dict:
    """The ADR 0033 JSON, in a stable order, from the registry as it is now."""
    members = (
        Member.objects.select_related("member_class")
        .prefetch_related("subsystems")
        .order_by("member_class__code", "code")
    )
    servers = (
        SecurityServer.objects.select_related("owner__member_class")
        .prefetch_related(
            Prefetch(
                "certificates",
                queryset=IssuedCertificate.objects.filter(
                    kind="auth", revoked_at__isnull=True, not_after__gt=now, ca__is_active=True
                ).order_by("certificate_sha256"),
                to_attr="live_auth",
            ),
            "client_links__subsystem__member__member_class",
        )
        .order_by("owner__code", "code")
    )
    services = (
        Service.objects.select_related("subsystem__member__member_class")
        .prefetch_related("endpoints")
        .order_by("subsystem__member__code", "subsystem__code", "code")
    )
    groups = GlobalGroup.objects.prefetch_related("memberships__subsystem__member__member_class").order_by(
        "code"
    )
    rights = AccessRight.objects.select_related(
        "service__subsystem__member__member_class", "subject_subsystem__member__member_class", "subject_group"
    )
    right_rows = sorted(
        (
            {"service": r.service.xroad_id, "subject": r.subject_id, "method": r.method, "path": r.path}
            for r in rights
        ),
        key=lambda row: (row["service"], row["subject"], row["method"], row["path"]),
    )
    return {
        "format": FORMAT,
        "instance": conf.instance(),
        "version": version,
        "generated_at": format_time(now),
        "expires_at": format_time(now + conf.globalconf_validity()),
        "refresh_interval_seconds": conf.globalconf_refresh_interval(),
        "central": {"urls": conf.central_urls()},
        "trust": _trust(now),
        "member_classes": [
            {"code": c.code, "description": c.description} for c in MemberClass.objects.order_by("code")
        ],
        "members": [
            {
                "id": m.xroad_id,
                "name": m.name,
                "subsystems": [
                    {"id": s.xroad_id, "name": s.name, "message_log": s.message_log}
                    for s in sorted(m.subsystems.all(), key=lambda s: s.code)
                ],
            }
            for m in members
        ],
        "security_servers": [
            {
                "id": s.xroad_id,
                "owner": s.owner.xroad_id,
                "address": s.address,
                "auth_certificate_sha256": [c.certificate_sha256 for c in s.live_auth],
                "clients": sorted(link.subsystem.xroad_id for link in s.client_links.all()),
            }
            for s in servers
        ],
        "services": [
            {
                "id": s.xroad_id,
                "title": s.title,
                "personal_data": s.personal_data,
                "openapi_sha256": s.openapi_sha256 or None,
                "endpoints": [
                    {"method": e.method, "path": e.path}
                    for e in sorted(s.endpoints.all(), key=lambda e: (e.path, e.method))
                ],
            }
            for s in services
        ],
        "global_groups": [
            {
                "id": g.xroad_id,
                "description": g.description,
                "members": sorted(link.subsystem.xroad_id for link in g.memberships.all()),
            }
            for g in groups
        ],
        "access_rights": right_rows,
    }


def _current_revision() -> int:
    row = RegistryRevision.objects.filter(id=1).values_list("revision", flat=True).first()
    return row or 0


def _fresh(latest: PublishedConfiguration | None, revision: int, now: datetime) -> bool:
    return (
        latest is not None
        and latest.registry_revision == revision
        and latest.expires_at - now > conf.globalconf_renew_margin()
    )


def globalconf_publish(*, force: bool = False) -> PublishedConfiguration:
    """Return the current document, publishing a new version first when the registry changed or
    the last one nears expiry (or `force`). Safe to call concurrently: publishers serialise on
    the registry-revision row."""
    now = timezone.now()
    latest = PublishedConfiguration.objects.order_by("-version").first()
    if not force and _fresh(latest, _current_revision(), now):
        return latest
    with transaction.atomic():
        revision_row, _ = RegistryRevision.objects.get_or_create(id=1)
        revision_row = RegistryRevision.objects.select_for_update().get(id=1)
        latest = PublishedConfiguration.objects.order_by("-version").first()
        now = timezone.now()
        if not force and _fresh(latest, revision_row.revision, now):
            return latest
        signer = ConfigurationSigningKey.objects.filter(is_active=True).first()
        if signer is None:
            raise NotConfiguredError("no active configuration-signing key")
        version = (latest.version + 1) if latest else 1
        payload = build_payload(version=version, now=now)
        signed = sign_configuration(
            payload, keystore.load_key(signer.key_file), px.load_pem(signer.certificate_pem)
        )
        return PublishedConfiguration.objects.create(
            version=version,
            registry_revision=revision_row.revision,
            generated_at=now,
            expires_at=now + conf.globalconf_validity(),
            payload=payload,
            signed=signed.decode("ascii"),
            signing_key=signer,
        )


def anchor_document() -> dict:
    """The anchor administrators install out of band in each security server (ADR 0033)."""
    certificates = [
        k.certificate_pem
        for k in ConfigurationSigningKey.objects.filter(is_active=True).order_by("-created_at")
    ]
    if not certificates:
        raise NotConfiguredError("no active configuration-signing key")
    return {
        "format": ANCHOR_FORMAT,
        "instance": conf.instance(),
        "generated_at": format_time(timezone.now()),
        "sources": [
            {
                "url": f"{conf.central_urls()[0]}shared",
                "verification_certificates_pem": certificates,
            }
        ],
    }
