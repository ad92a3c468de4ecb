"""Writes of the OpenID Connect provider: consents and token revocation."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from oauth2_provider.models import get_access_token_model, get_refresh_token_model

from plataforma.identity.auth_flow import record_event
from plataforma.identity.models import SecurityEvent

from .models import Consent, OIDCClient, TokenContext

AccessToken = get_access_token_model()
RefreshToken = get_refresh_token_model()


def consent_grant(*, user, client: OIDCClient, scopes, request=None) -> Consent:
    """Remember that `user` allowed `client` the `scopes` (added to what was allowed before).
    The first consent goes to the person's security log (APP_AUTHORIZED)."""
    scopes = list(dict.fromkeys(scopes))
    with transaction.atomic():
        consent = (
            Consent.objects.select_for_update()
            .filter(user=user, client=client, revoked_at__isnull=True)
            .first()
        )
        if consent is None:
            consent = Consent.objects.create(user=user, client=client, scopes=scopes)
            record_event(user, SecurityEvent.Kind.APP_AUTHORIZED, request, client=client.name, scopes=scopes)
        elif not set(scopes) <= set(consent.scopes):
            consent.scopes = sorted(set(consent.scopes) | set(scopes))
            consent.save(update_fields=["scopes", "updated_at"])
    return consent


def _revoke_families(families) -> None:
    for family in set(families):
        if family:
            RefreshToken.revoke_family(family)


def client_tokens_revoke(*, user, client: OIDCClient) -> None:
    """Revoke every refresh and access token `client` holds for `user`."""
    with transaction.atomic():
        families = RefreshToken.objects.filter(
            user=user, application=client, revoked__isnull=True
        ).values_list("token_family", flat=True)
        _revoke_families(list(families))
        for refresh in RefreshToken.objects.filter(user=user, application=client, revoked__isnull=True):
            refresh.revoke()
        AccessToken.objects.filter(user=user, application=client).delete()


def client_access_revoke(*, user, client: OIDCClient, request=None) -> None:
    """The person removes an application's access: its consent and all its tokens go
    (LGPD art. 18 IX, revocation of consent); recorded as APP_REVOKED."""
    with transaction.atomic():
        Consent.objects.filter(user=user, client=client, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        client_tokens_revoke(user=user, client=client)
        record_event(user, SecurityEvent.Kind.APP_REVOKED, request, client=client.name)


def sign_in_session_tokens_revoke(*, sign_in_session) -> int:
    """Revoke the tokens issued under one sign-in session (it was ended or signed out)."""
    families = list(
        TokenContext.objects.filter(sign_in_session=sign_in_session).values_list("token_family", flat=True)
    )
    _revoke_families(families)
    return len(families)


# --- client registry (platform administrators) -------------------------------------------------

CLIENT_AUDIT_FIELDS = (
    "name",
    "client_type",
    "authorization_grant_type",
    "redirect_uris",
    "post_logout_redirect_uris",
    "allowed_scopes",
    "algorithm",
    "subject_type",
    "sector_identifier",
    "agency_id",
    "skip_authorization",
    "enabled",
)


def _new_secret() -> str:
    from oauth2_provider.generators import generate_client_secret

    return generate_client_secret()


def client_save(*, client: OIDCClient, actor, changed: list[str] | None = None) -> str | None:
    """Validate and save a client registration (create or edit). A new confidential client gets
    a generated secret, returned here in the clear (shown once) and stored only hashed."""
    creating = client.pk is None
    secret = None
    if creating:
        secret = _new_secret() if client.client_type == OIDCClient.CLIENT_CONFIDENTIAL else ""
        client.client_secret = secret
        client.hash_client_secret = True
    client.full_clean(exclude=["client_secret"])
    with transaction.atomic():
        client.save()
        from plataforma.common.audit import audit_record

        fields = CLIENT_AUDIT_FIELDS if creating else [f for f in (changed or []) if f in CLIENT_AUDIT_FIELDS]
        audit_record(
            actor=actor,
            action="identity.oidc.client_create" if creating else "identity.oidc.client_update",
            target=client,
            changes={field: str(getattr(client, field)) for field in fields},
        )
    return secret or None


def client_secret_rotate(*, client: OIDCClient, actor) -> str:
    """Give a confidential client a new secret. The old one stops working at once in this process
    and within MTLOGIN_OIDC["CLIENT_CACHE_SECONDS"] in the others (client_cache)."""
    if client.client_type != OIDCClient.CLIENT_CONFIDENTIAL:
        raise ValueError("public clients have no secret")
    secret = _new_secret()
    with transaction.atomic():
        client.client_secret = secret
        client.hash_client_secret = True
        client.save(update_fields=["client_secret", "hash_client_secret", "updated"])
        from plataforma.common.audit import audit_record

        audit_record(actor=actor, action="identity.oidc.client_secret_rotate", target=client, changes={})
    return secret
