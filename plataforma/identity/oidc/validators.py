"""MT Login's oauthlib request validator: DOT's, plus what OpenID Connect and the issue ask for.

- scopes a client is not registered for are dropped, not refused (OIDC Core §3.1.2.1: the OP may
  ignore scopes); client_credentials never carries `openid` (no person behind it);
- only response_type=code (RFC 9700 §2.1.2: no implicit), PKCE S256 always (see server.py);
- an authorization code is single use: a replay is invalid_grant and revokes every token issued
  with it (RFC 6749 §4.1.2), tracked by AuthorizationContext;
- id_tokens are signed with the active key of the client's algorithm (RS256 or ES256) and name it
  in `kid`; acr/amr/auth_time/sid come from the person's sign-in session, and refreshed id_tokens
  keep them (TokenContext);
- claims and pairwise subjects come from claims.py.
"""

from __future__ import annotations

import hashlib
import json
import time
import uuid
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from jwcrypto import jws, jwt
from jwcrypto.common import JWException
from oauth2_provider.models import get_access_token_model, get_grant_model, get_refresh_token_model
from oauth2_provider.oauth2_validators import OAuth2Validator
from oauth2_provider.settings import oauth2_settings

from . import client_cache, keys
from .claims import acr_value, password_level, session_id_for, user_claims
from .models import AuthorizationContext, TokenContext

AccessToken = get_access_token_model()
Grant = get_grant_model()
RefreshToken = get_refresh_token_model()

USERINFO_ONLY_SCOPES = {"empresas", "servidor"}


def code_hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def revoke_authorization(context: AuthorizationContext) -> None:
    """Revoke everything issued with one authorization code (replay detected)."""
    family = context.token_family or (
        AuthorizationContext.objects.filter(pk=context.pk).values_list("token_family", flat=True).first()
    )
    if family:
        RefreshToken.revoke_family(family)


class MTLoginValidator(OAuth2Validator):
    oidc_claim_scope = None  # claims.py decides what each scope releases

    # --- clients --------------------------------------------------------------------------
    def _load_application(self, client_id, request):
        if not request.client and isinstance(client_id, str) and 0 < len(client_id) <= 200:
            cached = client_cache.get(client_id)
            if cached is not None and cached.is_usable(request):
                request.client = cached
                return cached
        client = super()._load_application(client_id, request)
        if client is not None:
            client_cache.put(client_id, client)
        return client

    def _check_secret(self, provided_secret, stored_secret):
        if not provided_secret:  # a public client's empty secret never authenticates it
            return False
        return super()._check_secret(provided_secret, stored_secret)

    def validate_response_type(self, client_id, response_type, client, request, *args, **kwargs):
        return response_type == "code" and client.allows_grant_type(client.GRANT_AUTHORIZATION_CODE)

    def validate_scopes(self, client_id, scopes, client, request, *args, **kwargs):
        allowed = set(client.scope_list()) & set(oauth2_settings.SCOPES)
        if getattr(request, "grant_type", None) == "client_credentials":
            allowed.discard("openid")
        if isinstance(scopes, str):
            scopes = scopes.split()
        kept = [scope for scope in dict.fromkeys(scopes) if scope in allowed]
        if not kept and getattr(request, "grant_type", None) == "client_credentials" and not scopes:
            kept = [scope for scope in client.scope_list() if scope in allowed]
        request.scopes = kept
        return bool(kept)

    def get_default_scopes(self, client_id, request, *args, **kwargs):
        if getattr(request, "grant_type", None) == "client_credentials":
            return []
        return ["openid"]

    # --- prompt=none: the authorization view has already decided (session, consent, level) --
    def validate_silent_login(self, request):
        return True

    def validate_silent_authorization(self, request):
        return True

    # --- authorization codes --------------------------------------------------------------
    def save_authorization_code(self, client_id, code, request, *args, **kwargs):
        super().save_authorization_code(client_id, code, request, *args, **kwargs)
        AuthorizationContext.objects.create(
            code_hash=code_hash(code["code"]),
            client=request.client,
            user=request.user,
            sign_in_session_id=getattr(request, "mtlogin_sign_in_id", None),
            acr=getattr(request, "mtlogin_acr", "") or password_level(request.user),
            amr=list(getattr(request, "mtlogin_amr", None) or []),
            auth_time=getattr(request, "mtlogin_auth_time", None) or timezone.now(),
        )

    def validate_code(self, client_id, code, client, request, *args, **kwargs):
        hashed = code_hash(code)
        grant = Grant.objects.select_related("user").filter(code=code, application=client).first()
        context = (
            AuthorizationContext.objects.select_related("sign_in_session")
            .filter(code_hash=hashed, client=client)
            .first()
        )
        if context is None:
            return False
        if context.used_at is not None or grant is None:
            if context.used_at is not None:
                revoke_authorization(context)
            return False
        if grant.is_expired() or not grant.user.is_active:
            return False
        if grant.code_challenge and not getattr(request, "code_verifier", None):
            return False  # PKCE verification failed (RFC 7636 §4.6): invalid_grant, as Keycloak answers
        if context.sign_in_session is not None and context.sign_in_session.ended_at is not None:
            return False
        claimed = AuthorizationContext.objects.filter(pk=context.pk, used_at__isnull=True).update(
            used_at=timezone.now()
        )
        if not claimed:  # a concurrent redemption won: this one is a replay
            revoke_authorization(context)
            return False
        request.scopes = grant.scope.split(" ")
        request.user = grant.user
        if grant.nonce:
            request.nonce = grant.nonce
        if grant.claims:
            request.claims = json.loads(grant.claims)
        request.mtlogin_grant = grant
        request.mtlogin_auth_context = context
        return True

    def _cached_grant(self, code, request):
        grant = getattr(request, "mtlogin_grant", None)
        if grant is not None and grant.code == code:
            return grant
        return Grant.objects.get(code=code, application=request.client)

    def get_code_challenge(self, code, request):
        return self._cached_grant(code, request).code_challenge or None

    def get_code_challenge_method(self, code, request):
        return self._cached_grant(code, request).code_challenge_method or None

    def confirm_redirect_uri(self, client_id, code, redirect_uri, client, *args, **kwargs):
        request = kwargs.get("request") or (args[0] if args else None)
        grant = getattr(request, "mtlogin_grant", None)
        if grant is None or grant.code != code:
            grant = Grant.objects.get(code=code, application=client)
        return grant.redirect_uri_allowed(redirect_uri)

    # --- refresh tokens -------------------------------------------------------------------
    def validate_refresh_token(self, refresh_token, client, request, *args, **kwargs):
        """DOT's check (exists, not revoked nor expired, this client's), plus: a deactivated
        account gets no new tokens (issue #3: deactivating an account cuts its access)."""
        if not super().validate_refresh_token(refresh_token, client, request, *args, **kwargs):
            return False
        return bool(request.user is not None and request.user.is_active)

    # --- tokens ---------------------------------------------------------------------------
    def _create_refresh_token(self, request, refresh_token_code, access_token, previous_refresh_token):
        refresh_token = super()._create_refresh_token(
            request, refresh_token_code, access_token, previous_refresh_token
        )
        request.mtlogin_new_refresh_token = refresh_token
        return refresh_token

    def _create_access_token(self, expires, request, token, source_refresh_token=None):
        # the IDToken row was created by finalize_id_token: no need to verify and reload it
        id_token = getattr(request, "mtlogin_id_token", None) if token.get("id_token") else None
        access_token = AccessToken(
            user=request.user,
            scope=token["scope"],
            expires=expires,
            id_token=id_token,
            application=request.client,
            source_refresh_token=source_refresh_token,
            resource=getattr(request, "resource", []),
        )
        self._set_token_value(access_token, token["access_token"])
        access_token.save()
        return access_token

    def _save_bearer_token(self, token, request, *args, **kwargs):
        super()._save_bearer_token(token, request, *args, **kwargs)
        context = getattr(request, "mtlogin_auth_context", None)
        refresh_token = getattr(request, "mtlogin_new_refresh_token", None)
        if request.grant_type == "authorization_code" and context and refresh_token:
            TokenContext.objects.create(
                token_family=refresh_token.token_family,
                client=request.client,
                user=request.user,
                sign_in_session_id=context.sign_in_session_id,
                acr=context.acr,
                amr=context.amr,
                auth_time=context.auth_time,
            )
            AuthorizationContext.objects.filter(pk=context.pk).update(token_family=refresh_token.token_family)

    # --- id_token -------------------------------------------------------------------------
    def _sign_in_context(self, request) -> dict:
        context = getattr(request, "mtlogin_auth_context", None)
        if context is None:
            refresh = getattr(request, "refresh_token_instance", None)
            if refresh is not None and refresh.token_family:
                context = TokenContext.objects.filter(token_family=refresh.token_family).first()
        if context is None:
            last = request.user.last_login or timezone.now()
            return {"acr": password_level(request.user), "amr": ["pwd"], "auth_time": last, "sid": None}
        return {
            "acr": context.acr,
            "amr": list(context.amr),
            "auth_time": context.auth_time,
            "sid": (
                session_id_for(context.sign_in_session_id, request.client)
                if context.sign_in_session_id
                else None
            ),
        }

    def get_id_token_dictionary(self, token, token_handler, request):
        scopes = [scope for scope in request.scopes if scope not in USERINFO_ONLY_SCOPES]
        claims = user_claims(request.user, scopes, request.client)
        sign_in = self._sign_in_context(request)
        now = int(time.time())
        expires = now + oauth2_settings.ID_TOKEN_EXPIRE_SECONDS
        claims.update(
            iss=self.get_oidc_issuer_endpoint(request),
            exp=expires,
            auth_time=int(sign_in["auth_time"].timestamp()),
            acr=acr_value(sign_in["acr"]),
            amr=sign_in["amr"],
            jti=str(uuid.uuid4()),
        )
        if sign_in["sid"]:
            claims["sid"] = sign_in["sid"]
        return claims, timezone.now() + timedelta(seconds=oauth2_settings.ID_TOKEN_EXPIRE_SECONDS)

    def finalize_id_token(self, id_token, token, token_handler, request):
        claims, expiration_time = self.get_id_token_dictionary(token, token_handler, request)
        id_token.update(**claims)
        if "nonce" not in id_token and request.nonce:
            id_token["nonce"] = request.nonce
        key = keys.active_key(request.client.algorithm or request.client.RS256)
        header = {"typ": "JWT", "alg": key.algorithm, "kid": key.kid}
        signed = jwt.JWT(header=json.dumps(header), claims=json.dumps(id_token, default=str))
        signed.make_signed_token(key.private_jwk)
        with transaction.atomic():
            row = self._save_id_token(id_token["jti"], request, expiration_time)
        request.mtlogin_id_token = row
        request.access_token = row
        request.id_token = row
        return signed.serialize()

    def _get_key_for_token(self, token):
        """Any published key (next, active, retired within the overlap), chosen by `kid`: used
        for id_token_hint at logout and for id_tokens presented as bearer tokens."""
        unverified = jws.JWS()
        try:
            unverified.deserialize(token)
            header = unverified.jose_header
        except (JWException, ValueError, TypeError, KeyError):
            return None
        if not isinstance(header, dict):
            return None
        kid = header.get("kid")
        if not kid or header.get("alg") not in keys.ALGORITHMS:
            return None
        return keys.public_key_for_kid(kid)

    def validate_bearer_token(self, token, scopes, request):
        """DOT's check, plus: a disabled client's or a deactivated account's tokens stop working."""
        valid = super().validate_bearer_token(token, scopes, request)
        access = getattr(request, "access_token", None)
        if valid and access is not None:
            if access.application_id and not access.application.enabled:
                return False
            if access.user_id and not access.user.is_active:
                return False
        return valid

    # --- userinfo -------------------------------------------------------------------------
    def get_userinfo_claims(self, request):
        access_token = request.access_token
        return user_claims(request.user, access_token.scope.split(), access_token.application)

    def get_discovery_claims(self, request):
        from .claims import all_claims

        return all_claims()
