"""MT Login's settings (issue #3; ADRs 0012-0016), read from the environment: accounts, second
factor, levels and certificates, companies and servants, and the OpenID Connect provider.

Called once by plataforma/settings.py, which passes what they depend on; every name in upper case
becomes a Django setting there.
"""

from django.utils.translation import gettext_lazy as _


def mtlogin_settings(env, *, production: bool, site_url: str) -> dict:
    PRODUCTION, SITE_URL = production, site_url  # the names the settings below were written with
    # --- MT Login: accounts (sign-up, e-mail, passwords, brute force) ----------------------------
    # Brute-force protection (ADR 0013): progressive delays per account, temporary lockouts per
    # account and per client address. Counters live in the shared cache (Redis in production).
    MTLOGIN_BRUTEFORCE = {
        "DELAY_AFTER": env.int("MTLOGIN_BF_DELAY_AFTER", default=3),  # failures before delays start
        "DELAY_CAP": env.int("MTLOGIN_BF_DELAY_CAP", default=300),  # seconds, longest delay
        "ACCOUNT_LOCK_AFTER": env.int("MTLOGIN_BF_ACCOUNT_LOCK_AFTER", default=10),
        "ACCOUNT_LOCK_SECONDS": env.int("MTLOGIN_BF_ACCOUNT_LOCK_SECONDS", default=15 * 60),
        "ADDRESS_LOCK_AFTER": env.int("MTLOGIN_BF_ADDRESS_LOCK_AFTER", default=50),
        "ADDRESS_WINDOW": env.int("MTLOGIN_BF_ADDRESS_WINDOW", default=15 * 60),
        "ADDRESS_LOCK_SECONDS": env.int("MTLOGIN_BF_ADDRESS_LOCK_SECONDS", default=15 * 60),
        "MEMORY": env.int("MTLOGIN_BF_MEMORY", default=24 * 3600),  # seconds an account's failures are kept
        # At most one "account locked" e-mail per account in this many seconds (security review L2).
        "LOCK_NOTICE_INTERVAL": env.int("MTLOGIN_BF_LOCK_NOTICE_INTERVAL", default=3600),
    }
    # Rate limits of the account forms: (count, seconds).
    MTLOGIN_SIGN_UP_LIMIT_PER_IP = (env.int("MTLOGIN_SIGN_UP_PER_IP", default=10), 3600)
    MTLOGIN_RESET_LIMIT_PER_IP = (env.int("MTLOGIN_RESET_PER_IP", default=20), 3600)
    MTLOGIN_RESET_LIMIT_PER_ACCOUNT = (env.int("MTLOGIN_RESET_PER_ACCOUNT", default=3), 3600)
    MTLOGIN_RESEND_LIMIT_PER_IP = (env.int("MTLOGIN_RESEND_PER_IP", default=20), 3600)
    MTLOGIN_RESEND_LIMIT_PER_ACCOUNT = (env.int("MTLOGIN_RESEND_PER_ACCOUNT", default=3), 3600)
    MTLOGIN_PASSWORD_CHANGE_LIMIT = (env.int("MTLOGIN_PASSWORD_CHANGE_PER_ACCOUNT", default=10), 3600)
    # A sign-up with a CPF that already has an account e-mails its owner, at most once per this many
    # seconds (security review L3: the page does not say the CPF is taken).
    MTLOGIN_SIGN_UP_NOTICE_INTERVAL = env.int("MTLOGIN_SIGN_UP_NOTICE_INTERVAL", default=3600)
    # E-mail confirmation links last 48 hours; password reset links two hours.
    MTLOGIN_EMAIL_LINK_MAX_AGE = env.int("MTLOGIN_EMAIL_LINK_MAX_AGE", default=48 * 3600)
    PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=2 * 3600)

    # --- MT Login: second factor (TOTP, WebAuthn) ------------------------------------------------
    # ADR 0014. WebAuthn's relying party ID is the site's host name and the accepted origins are
    # exact (W3C WebAuthn L2 §5.1.3, §7.1). Browsers refuse an IP address as RP ID: to try security
    # keys in development, open the site at http://localhost:8000 with SITE_URL set to that address.
    MTLOGIN_WEBAUTHN_RP_ID = env.str(
        "MTLOGIN_WEBAUTHN_RP_ID", default=env.url("SITE_URL", default=SITE_URL).hostname or "localhost"
    )
    MTLOGIN_WEBAUTHN_RP_NAME = env.str("MTLOGIN_WEBAUTHN_RP_NAME", default="MT Login")
    MTLOGIN_WEBAUTHN_ORIGINS = env.list("MTLOGIN_WEBAUTHN_ORIGINS", default=[SITE_URL.rstrip("/")])
    MTLOGIN_TOTP_ISSUER = env.str("MTLOGIN_TOTP_ISSUER", default="MT Login")
    # Wrong second-factor codes: per pending sign-in (then the person starts again), and per account
    # across sign-ins, as (count, seconds).
    MTLOGIN_MFA_MAX_WRONG_CODES = env.int("MTLOGIN_MFA_MAX_WRONG_CODES", default=5)
    MTLOGIN_MFA_LIMIT_PER_ACCOUNT = (env.int("MTLOGIN_MFA_PER_ACCOUNT", default=20), 3600)
    # Daily cap (security review L1): this many wrong second-factor answers within the window (from
    # the first of them) lock the account's second step until the window passes; the owner is told.
    MTLOGIN_MFA_DAILY_WRONG_LIMIT = (
        env.int("MTLOGIN_MFA_DAILY_WRONG_CODES", default=10),
        env.int("MTLOGIN_MFA_DAILY_WRONG_WINDOW", default=24 * 3600),
    )
    # Password re-entry before removing a factor or regenerating recovery codes (and before adding
    # a factor or changing the e-mail, unless the sign-in is recent): one budget per account.
    MTLOGIN_MFA_REAUTH_LIMIT = (env.int("MTLOGIN_MFA_REAUTH_PER_ACCOUNT", default=10), 900)
    # Adding a factor needs a sign-in or a password confirmation at most this many seconds old.
    MTLOGIN_MFA_RECENT_AUTH_MAX_AGE = env.int("MTLOGIN_MFA_RECENT_AUTH_MAX_AGE", default=600)

    # --- MT Login: levels and ICP-Brasil certificates ----------------------------------------------
    # ADR 0015, docs/operations/mt-login-certificates.md. Trust anchors: PEM files or directories
    # (ICP-Brasil roots in production; the development CA of `manage.py mtlogin_test_ca` locally).
    MTLOGIN_CERT_TRUST_ANCHORS = env.list("MTLOGIN_CERT_TRUST_ANCHORS", default=[])
    MTLOGIN_CERT_INTERMEDIATES = env.list("MTLOGIN_CERT_INTERMEDIATES", default=[])
    MTLOGIN_CERT_CRLS = env.list("MTLOGIN_CERT_CRLS", default=[])
    # The TLS-terminating proxy puts the client certificate (URL-encoded PEM) in this header; it is
    # believed only when the request comes from one of these addresses.
    MTLOGIN_CLIENT_CERT_HEADER = env.str("MTLOGIN_CLIENT_CERT_HEADER", default="HTTP_X_SSL_CLIENT_CERT")
    MTLOGIN_CLIENT_CERT_TRUSTED_PROXIES = env.list(
        "MTLOGIN_CLIENT_CERT_TRUSTED_PROXIES", default=["127.0.0.1", "::1"]
    )
    # Absolute address of the certificate page on the host name that asks browsers for a certificate
    # (empty: the same host as the rest of the portal).
    MTLOGIN_CERT_ENTRY_URL = env.str("MTLOGIN_CERT_ENTRY_URL", default="")
    # External validations (prata): JSON list of {"class", "name", "label", "url", "token_env", ...}.
    MTLOGIN_EXTERNAL_VALIDATORS = env.json("MTLOGIN_EXTERNAL_VALIDATORS", default=[])

    # --- MT Login: companies and servants ----------------------------------------------------------
    # Tie requests may create a company with the razão social the person types: at most this many a
    # day per person. CPF look-ups by representatives and agency gestores (grant forms) tell whether
    # a CPF has an account: at most this many an hour per person.
    # ADR 0016. Both as (count, seconds).
    MTLOGIN_TIE_REQUEST_LIMIT = (env.int("MTLOGIN_TIE_REQUESTS_PER_DAY", default=20), 24 * 3600)
    MTLOGIN_CPF_LOOKUP_LIMIT = (env.int("MTLOGIN_CPF_LOOKUPS_PER_HOUR", default=60), 3600)

    # --- MT Login: OpenID Connect provider (django-oauth-toolkit) ---------------------------------
    # ADR 0012. The issuer is SITE_URL, so discovery lives at SITE_URL/.well-known/openid-configuration
    # and the protocol endpoints under /o/. Signing keys live in the database (oidc.SigningKey).
    OIDC_SCOPES = {
        "openid": _("Identificar você com a sua conta MT Login"),
        "profile": _("Seu nome e nome social"),
        "email": _("Seu endereço de e-mail e se ele foi confirmado"),
        "phone": _("Seu número de celular"),
        "cpf": _("Seu CPF"),
        "empresas": _("As empresas (CNPJ) às quais você está vinculado e o seu papel em cada uma"),
        "servidor": _("Os órgãos em que você atua como servidor e os seus papéis"),
        "nivel": _("O nível da sua conta (bronze, prata ou ouro)"),
        "solicitacoes": _("Ver e fazer seus pedidos de serviços"),
        "agendamentos": _("Ver, marcar, remarcar e cancelar seus agendamentos"),
        "manifestacoes": _("Registrar, acompanhar, responder e avaliar suas manifestações na ouvidoria"),
    }
    OAUTH2_PROVIDER = {
        "OIDC_ENABLED": True,
        "OIDC_ISS_ENDPOINT": SITE_URL.rstrip("/"),
        "OAUTH2_VALIDATOR_CLASS": "plataforma.identity.oidc.validators.MTLoginValidator",
        "OAUTH2_SERVER_CLASS": "plataforma.identity.oidc.server.MTLoginServer",
        "SCOPES": OIDC_SCOPES,
        "DEFAULT_SCOPES": ["openid"],
        "PKCE_REQUIRED": True,  # for every client, confidential too, as gov.br does (S256 only)
        "AUTHORIZATION_CODE_EXPIRE_SECONDS": 60,
        "ACCESS_TOKEN_EXPIRE_SECONDS": env.int("OIDC_ACCESS_TOKEN_SECONDS", default=300),
        "ID_TOKEN_EXPIRE_SECONDS": env.int("OIDC_ID_TOKEN_SECONDS", default=300),
        # sliding: a refresh token dies this long after its last access token expired
        "REFRESH_TOKEN_EXPIRE_SECONDS": env.int("OIDC_REFRESH_TOKEN_SECONDS", default=12 * 3600),
        "ROTATE_REFRESH_TOKEN": True,
        "REFRESH_TOKEN_REUSE_PROTECTION": True,
        "REFRESH_TOKEN_GRACE_PERIOD_SECONDS": 0,
        "CLIENT_SECRET_HASHER": "mtlogin_secret_sha256",
        "ALLOWED_REDIRECT_URI_SCHEMES": ["https"] if PRODUCTION else ["https", "http"],
        "ALLOW_LOCALHOST_LOOPBACK": not PRODUCTION,  # RFC 8252 native apps, development only
        "ALLOW_URI_WILDCARDS": False,
        "OIDC_RESPONSE_TYPES_SUPPORTED": ["code"],
        "OIDC_SUBJECT_TYPES_SUPPORTED": ["public", "pairwise"],
        "OIDC_TOKEN_ENDPOINT_AUTH_METHODS_SUPPORTED": ["client_secret_basic", "client_secret_post", "none"],
        "OIDC_RP_INITIATED_LOGOUT_ENABLED": True,
        "OIDC_RP_INITIATED_LOGOUT_ALWAYS_PROMPT": False,
        "OIDC_RP_INITIATED_LOGOUT_STRICT_REDIRECT_URIS": True,
        "OIDC_RP_INITIATED_LOGOUT_ACCEPT_EXPIRED_TOKENS": True,
        "OIDC_JWKS_MAX_AGE_SECONDS": 300,
        "REQUEST_APPROVAL_PROMPT": "force",  # consent is remembered by oidc.Consent, not by live tokens
        "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
        "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
        "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
        "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
        "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
        "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,  # only SHA-256 checksums of tokens at rest
    }
    MTLOGIN_OIDC = {
        # pairwise subject identifiers: HMAC key (env in production; derived from SECRET_KEY otherwise)
        "PAIRWISE_SALT": env.str("MTLOGIN_PAIRWISE_SALT", default=""),
        # signing keys: how long a retired key stays in the JWKS, and the in-process key cache
        "KEY_OVERLAP_SECONDS": env.int("OIDC_KEY_OVERLAP_SECONDS", default=7 * 24 * 3600),
        "KEY_CACHE_SECONDS": env.int("OIDC_KEY_CACHE_SECONDS", default=30),
        # token, introspection, revocation and userinfo endpoints: requests per window, per client_id
        # and per address (the benchmark raises the token endpoint's through the environment)
        "TOKEN_RATE_PER_CLIENT": env.int("OIDC_TOKEN_RATE_PER_CLIENT", default=600),
        "TOKEN_RATE_PER_ADDRESS": env.int("OIDC_TOKEN_RATE_PER_ADDRESS", default=300),
        "INTROSPECT_RATE_PER_CLIENT": env.int("OIDC_INTROSPECT_RATE_PER_CLIENT", default=600),
        "INTROSPECT_RATE_PER_ADDRESS": env.int("OIDC_INTROSPECT_RATE_PER_ADDRESS", default=300),
        "REVOKE_RATE_PER_CLIENT": env.int("OIDC_REVOKE_RATE_PER_CLIENT", default=600),
        "REVOKE_RATE_PER_ADDRESS": env.int("OIDC_REVOKE_RATE_PER_ADDRESS", default=300),
        "USERINFO_RATE_PER_ADDRESS": env.int("OIDC_USERINFO_RATE_PER_ADDRESS", default=300),
        "TOKEN_RATE_WINDOW_SECONDS": env.int("OIDC_TOKEN_RATE_WINDOW_SECONDS", default=60),
        # authorization requests per address and window
        "AUTHORIZE_RATE_PER_ADDRESS": env.int("OIDC_AUTHORIZE_RATE_PER_ADDRESS", default=600),
        "MAX_PARAMETER_LENGTH": 2000,
    }

    return {
        name: value
        for name, value in locals().items()
        if name.isupper() and name not in ("PRODUCTION", "SITE_URL")
    }
