"""Reads of the OpenID Connect provider."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q
from django.utils import timezone
from oauth2_provider.models import get_access_token_model, get_refresh_token_model

from .models import Consent, OIDCClient

AccessToken = get_access_token_model()
RefreshToken = get_refresh_token_model()


@dataclass(frozen=True)
class ConnectedApplication:
    client: OIDCClient
    scopes: list[str]
    granted_at: datetime


def live_consent(*, user, client) -> Consent | None:
    return Consent.objects.filter(user=user, client=client, revoked_at__isnull=True).first()


def connected_applications(user) -> list[ConnectedApplication]:
    """Applications that can act for `user`: a live consent, or live tokens (in-house
    applications registered to skip the consent screen)."""
    found: dict[int, ConnectedApplication] = {}
    for consent in Consent.objects.filter(user=user, revoked_at__isnull=True).select_related("client"):
        found[consent.client_id] = ConnectedApplication(
            consent.client, list(consent.scopes), consent.granted_at
        )
    live = Q(expires__gt=timezone.now())
    for token in (
        AccessToken.objects.filter(live, user=user)
        .exclude(application_id__in=found.keys())
        .select_related("application")
        .order_by("created")
    ):
        if token.application_id not in found and token.application is not None:
            found[token.application_id] = ConnectedApplication(
                token.application, token.scope.split(), token.created
            )
    for refresh in (
        RefreshToken.objects.filter(user=user, revoked__isnull=True)
        .exclude(application_id__in=found.keys())
        .select_related("application", "access_token")
        .order_by("created")
    ):
        if refresh.application_id not in found:
            scopes = refresh.access_token.scope.split() if refresh.access_token else []
            found[refresh.application_id] = ConnectedApplication(refresh.application, scopes, refresh.created)
    return sorted(found.values(), key=lambda item: item.granted_at, reverse=True)
