"""Rules of the client registry (ADR 0012): what a relying party may be registered with.

RFC 6749 §3.1.2 and RFC 9700 §4.1.3: redirect URIs are absolute, without fragments, and matched
exactly (no wildcards); https only, except http on the loopback address during development
(RFC 8252 §7.3). Public clients cannot keep a secret, so they must use PKCE (always required here)
and cannot use client_credentials.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.utils.translation import gettext as _
from oauth2_provider.settings import oauth2_settings

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
GRANT_CHOICES = ("authorization-code", "client-credentials")


def known_scopes() -> list[str]:
    return list(oauth2_settings.SCOPES)


def loopback_http_allowed() -> bool:
    return (
        bool(oauth2_settings.ALLOW_LOCALHOST_LOOPBACK)
        and "http" in oauth2_settings.ALLOWED_REDIRECT_URI_SCHEMES
    )


def allowed_redirect_schemes() -> list[str]:
    return ["https", "http"] if loopback_http_allowed() else ["https"]


def uri_error(uri: str) -> str | None:
    """Why `uri` cannot be registered as a redirect URI, or None when it can."""
    if len(uri) > 500:
        return _("O endereço %(uri)s é longo demais (máximo 500 caracteres).") % {"uri": uri[:60] + "…"}
    try:
        parts = urlsplit(uri)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return _("O endereço %(uri)s não é válido.") % {"uri": uri}
    if "#" in uri:
        return _("O endereço %(uri)s não pode ter fragmento (#).") % {"uri": uri}
    if "*" in uri:
        return _("O endereço %(uri)s não pode ter curingas (*): o endereço precisa ser exato.") % {"uri": uri}
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        return _("O endereço %(uri)s não pode ter usuário ou senha.") % {"uri": uri}
    if not parts.hostname:
        return _("O endereço %(uri)s precisa ser absoluto (https://…).") % {"uri": uri}
    if parts.scheme == "https":
        return None
    if parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS and loopback_http_allowed():
        return None
    if parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS:
        return _("http://%(host)s só é aceito no ambiente de desenvolvimento.") % {"host": parts.hostname}
    return _("O endereço %(uri)s precisa usar https.") % {"uri": uri}


def validate_client(client) -> dict[str, list[str]]:
    """Every problem of a client registration, keyed by field (empty when it is valid)."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    redirect_uris = client.redirect_uris.split()
    for uri in redirect_uris:
        if problem := uri_error(uri):
            add("redirect_uris", problem)
    for uri in client.post_logout_redirect_uris.split():
        if problem := uri_error(uri):
            add("post_logout_redirect_uris", problem)
    if client.authorization_grant_type not in GRANT_CHOICES:
        add(
            "authorization_grant_type",
            _("Use o fluxo de código de autorização ou o de credenciais do cliente."),
        )
    if client.authorization_grant_type == "authorization-code" and not redirect_uris:
        add("redirect_uris", _("Informe ao menos um endereço de retorno."))
    if client.client_type == client.CLIENT_PUBLIC and client.authorization_grant_type == "client-credentials":
        add(
            "client_type",
            _("Um aplicativo público não guarda segredo e não pode usar credenciais do cliente."),
        )
    scopes = client.allowed_scopes.split()
    unknown = sorted(set(scopes) - set(known_scopes()))
    if unknown:
        add("allowed_scopes", _("Escopos desconhecidos: %(scopes)s.") % {"scopes": ", ".join(unknown)})
    if not scopes:
        add("allowed_scopes", _("Informe ao menos um escopo."))
    if client.authorization_grant_type == "client-credentials" and "openid" in scopes:
        add("allowed_scopes", _("Credenciais do cliente não identificam pessoas: retire o escopo openid."))
    if client.subject_type == client.SubjectType.PAIRWISE and not client.sector_identifier.strip():
        add("sector_identifier", _("Identificadores por setor exigem o nome do setor."))
    if client.algorithm not in (client.RS256, client.ES256) and "openid" in scopes:
        add("algorithm", _("Aplicativos com o escopo openid precisam de RS256 ou ES256."))
    return errors
