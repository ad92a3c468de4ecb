"""The ouvidoria's view of one manifestação, and the area's view of one forwarding. Every access
by a servant to an identified manifestação is audited with the author as data subject (they see
it in "Minha conta" → access history); the identity itself only on an explicit, audited reveal."""

from __future__ import annotations

import uuid

from plataforma.common.audit import audit_record
from plataforma.common.models import AuditEvent
from plataforma.common.protocols import protocol_normalise

from ..access import area_agency_ids, can_handle, can_work_forwarding
from ..models import (
    AdoptedMeasure,
    Forwarding,
    Manifestation,
    ManifestationAnswer,
    ManifestationEvent,
    ManifestationIdentity,
)

AREA_PER_PAGE = 50


def _access_audit(*, user, manifestation: Manifestation, action: str, changes: dict | None = None) -> None:
    if manifestation.is_anonymous:
        return
    audit_record(
        actor=user,
        action=action,
        target=manifestation,
        kind=AuditEvent.Kind.ACCESS,
        changes=changes or {},
        subject_user_id=manifestation.requester_id,
    )


def manifestation_for_ombudsman(*, user, protocol: str, audited: bool = True) -> Manifestation | None:
    """The manifestação for the ouvidoria handling it (or the Ouvidoria-Geral); None (→ 404) for
    everyone else. Opening it is an access to the author's data when it is identified."""
    normalised = protocol_normalise(protocol or "")
    if normalised is None:
        return None
    found = (
        Manifestation.objects.select_related("agency", "service", "subject", "registered_by")
        .filter(protocol=normalised)
        .first()
    )
    if found is None or not can_handle(user, found):
        return None
    if audited:
        _access_audit(user=user, manifestation=found, action="ombudsman.manifestation.view")
    return found


def identity_reveal(*, user, manifestation: Manifestation) -> ManifestationIdentity | None:
    """Who lodged it, for the ouvidoria handling it only; every reveal is audited (Lei 13.460 art.
    10 §7; Lei 14.129 art. 40 §1). None for anonymous manifestações and for anyone else."""
    if manifestation.is_anonymous or not can_handle(user, manifestation):
        return None
    identity = ManifestationIdentity.objects.filter(manifestation=manifestation).first()
    if identity is not None:
        _access_audit(user=user, manifestation=manifestation, action="ombudsman.identity.reveal")
    return identity


def staff_timeline(manifestation: Manifestation) -> list[ManifestationEvent]:
    return list(
        ManifestationEvent.objects.filter(manifestation=manifestation)
        .select_related("actor")
        .order_by("created_at", "id")[:500]
    )


def forwardings_of(manifestation: Manifestation) -> list[Forwarding]:
    return list(
        Forwarding.objects.filter(manifestation=manifestation)
        .select_related("agency")
        .order_by("sent_at")[:50]
    )


def open_forwarding(manifestation: Manifestation) -> Forwarding | None:
    return Forwarding.objects.filter(manifestation=manifestation, status=Forwarding.Status.OPEN).first()


def answers_of(manifestation: Manifestation) -> list[ManifestationAnswer]:
    return list(ManifestationAnswer.objects.filter(manifestation=manifestation).order_by("cycle")[:20])


def measures_of(manifestation: Manifestation) -> list[AdoptedMeasure]:
    return list(AdoptedMeasure.objects.filter(manifestation=manifestation).order_by("created_at")[:100])


# --- the responsible area ---------------------------------------------------------------------


def area_forwardings(*, user, status: str = Forwarding.Status.OPEN) -> list[Forwarding]:
    """The requests sent to the areas of the agencies where the person is analyst or gestor,
    soonest deadline first (index ombudsman_fwd_area_idx). Only the extract's columns."""
    agencies = area_agency_ids(user)
    if not agencies:
        return []
    qs = (
        Forwarding.objects.filter(agency_id__in=agencies, status=status)
        .exclude(manifestation__requester_id=user.pk)
        .select_related("agency", "manifestation")
        .only(
            "id",
            "area",
            "status",
            "sent_at",
            "due_at",
            "extended_at",
            "answered_at",
            "agency__acronym",
            "agency__name",
            "manifestation__id",
            "manifestation__protocol",
            "manifestation__kind",
            "manifestation__requester_id",
        )
    )
    order = ("due_at", "id") if status == Forwarding.Status.OPEN else ("-sent_at", "-id")
    return list(qs.order_by(*order)[:AREA_PER_PAGE])


def forwarding_for_area(*, user, forwarding_id: str) -> Forwarding | None:
    """One forwarding for the area (None → 404 for anyone else). Opening it is audited as an
    access to the author's data when the manifestação is identified."""
    try:
        ident = uuid.UUID(str(forwarding_id))
    except ValueError:
        return None
    found = (
        Forwarding.objects.select_related(
            "agency", "manifestation", "manifestation__service", "manifestation__subject"
        )
        .defer("manifestation__description", "manifestation__title", "manifestation__facts_location")
        .filter(pk=ident)
        .first()
    )
    if found is None or not can_work_forwarding(user, found):
        return None
    _access_audit(
        user=user,
        manifestation=found.manifestation,
        action="ombudsman.forwarding.view",
        changes={"forwarding": str(found.pk), "identity_shared": found.share_identity},
    )
    return found


def shared_identity(*, user, forwarding: Forwarding) -> ManifestationIdentity | None:
    """The author's identity for the area, only while the author consents (withdrawing consent hides
    it again, at once) and the ouvidoria shared it with this forwarding."""
    if not forwarding.share_identity or not can_work_forwarding(user, forwarding):
        return None
    consent = Manifestation.objects.filter(pk=forwarding.manifestation_id).values_list(
        "identity_consent_at", flat=True
    )
    if consent.first() is None:
        return None
    return ManifestationIdentity.objects.filter(manifestation_id=forwarding.manifestation_id).first()
