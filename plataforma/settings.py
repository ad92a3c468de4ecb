"""Settings for the whole platform, read from the environment only.

Defaults give the embedded setup (SQLite, in-process cache, console e-mail, Celery over a
filesystem queue under var/). Production sets DJANGO_ENV=production plus DATABASE_URL,
REDIS/CELERY URLs, SECRET_KEY and ALLOWED_HOSTS (docs/operations/production.md).
"""

import os
from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

DJANGO_ENV = env.str("DJANGO_ENV", default="development")
PRODUCTION = DJANGO_ENV == "production"

DEBUG = env.bool("DEBUG", default=not PRODUCTION)
if PRODUCTION:
    SECRET_KEY = env.str("SECRET_KEY")  # mandatory: no default in production
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
else:
    SECRET_KEY = env.str("SECRET_KEY", default="insecure-development-key-only-for-the-embedded-setup")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Public address of the portal, for links in e-mails sent by background tasks.
SITE_URL = env.str("SITE_URL") if PRODUCTION else env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "csp",
    "ninja",
    "plataforma.common",
    "oauth2_provider",
    "plataforma.identity",
    "plataforma.identity.mfa",
    "plataforma.identity.levels",
    "plataforma.identity.companies",
    "plataforma.identity.oidc",
    "plataforma.catalog",
    "plataforma.notifications",
    "plataforma.service_requests",
    "plataforma.service_requests.payments",
    "plataforma.monitoring",
    "plataforma.scheduling",
    "plataforma.ombudsman",
    "plataforma.ombudsman.councils",
    "plataforma.ombudsman.reports",
    "plataforma.portal",
    "xvia.central",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "plataforma.identity.middleware.SignInSessionMiddleware",
    "plataforma.identity.companies.middleware.ActingCompanyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "plataforma.common.middleware.RequestContextMiddleware",
]

ROOT_URLCONF = "plataforma.urls"
WSGI_APPLICATION = "plataforma.wsgi.application"
ASGI_APPLICATION = "plataforma.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "plataforma" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "plataforma.portal.context_processors.portal",
                "plataforma.identity.context_processors.account",
                "plataforma.notifications.context_processors.unread",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'plataforma.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DB_CONN_MAX_AGE", default=0))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(exist_ok=True)
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536;",
        }
    )
    # Tests on a file, not in memory: a live server thread (the OpenID interoperability tests)
    # closes its connection at the end, and an in-memory database would vanish with it.
    # One file per test process, so that two test runs in one checkout never share a database.
    DATABASES["default"].setdefault("TEST", {})["NAME"] = str(
        VAR_DIR / f"test-plataforma-{os.getpid()}.sqlite3"
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env.bool(
    "DB_SERVER_SIDE_BINDING", default=True
):
    # Server-side parameter binding lets psycopg prepare a statement it has run 5 times on a
    # connection: PostgreSQL then plans it once per connection instead of on every call (ADR 0024).
    # Needs persistent connections (DB_CONN_MAX_AGE) to pay off, and no transaction-mode pooler.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"server_side_binding": True, "prepare_threshold": 5}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------
# Production must name a shared cache (Redis): several web processes cannot share locmem.
CACHES = {
    "default": env.cache_url("CACHE_URL")
    if PRODUCTION
    else env.cache_url("CACHE_URL", default="locmemcache://plataforma")
}

# --- Identity -------------------------------------------------------------------------------
AUTH_USER_MODEL = "identity.User"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
PASSWORD_HASHERS = [
    "plataforma.identity.hashers.MTLoginArgon2Hasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "plataforma.identity.hashers.ClientSecretHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "plataforma.identity.validators.CommonBrazilianPasswordValidator"},
]
LOGIN_URL = "identity:login"
# Staff must have signed in with a second factor (or a certificate) to open /administracao/.
MTLOGIN_ADMIN_REQUIRE_MFA = env.bool("MTLOGIN_ADMIN_REQUIRE_MFA", default=PRODUCTION)
LOGIN_REDIRECT_URL = "identity:account"
LOGOUT_REDIRECT_URL = "portal:home"

# MT Login (issue #3). Secrets at rest (TOTP seeds, signing keys) are encrypted with these
# Fernet keys, newest first; without them a key is derived from SECRET_KEY (common.crypto).
FIELD_ENCRYPTION_KEYS = env.list("FIELD_ENCRYPTION_KEYS", default=[])
OAUTH2_PROVIDER_APPLICATION_MODEL = "oidc.OIDCClient"

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

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "pt-br"
LANGUAGES = [("pt-br", _("Português (Brasil)"))]
LOCALE_PATHS = [BASE_DIR / "plataforma" / "locale"]
TIME_ZONE = "America/Cuiaba"
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "plataforma" / "static",
    ("vendor/govbr-ds", BASE_DIR / "node_modules" / "@govbr-ds" / "core" / "dist"),
    ("vendor/fontawesome", BASE_DIR / "node_modules" / "@fortawesome" / "fontawesome-free"),
    ("vendor/raleway", BASE_DIR / "node_modules" / "@fontsource" / "raleway"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
MEDIA_URL = "/media/"  # never served directly: private files go through views that check access

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Governo de Mato Grosso <nao-responda@mt.gov.br>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background tasks (Celery) --------------------------------------------------------------
_broker_dir = VAR_DIR / "broker"
CELERY_BROKER_URL = (
    env.str("CELERY_BROKER_URL") if PRODUCTION else env.str("CELERY_BROKER_URL", default="filesystem://")
)
if CELERY_BROKER_URL.startswith("filesystem://"):
    # kombu does not create its folders: a bare runserver would fail on the first task sent.
    for _folder in ("queue", "processed", "control"):
        (_broker_dir / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    # Issue #4: overdue requests are escalated to the agency's gestores; requesters are reminded
    # of questions whose answer is due soon.
    "requests-escalate-overdue": {
        "task": "plataforma.service_requests.tasks.escalate_overdue_requests",
        "schedule": crontab(minute="*/15"),
    },
    "requests-remind-pending-answers": {
        "task": "plataforma.service_requests.tasks.remind_pending_answers",
        "schedule": crontab(hour=8, minute=0),
    },
    # Issue #4: PIX charges past their due time expire (the request is cancelled).
    "payments-expire-charges": {
        "task": "plataforma.service_requests.payments.tasks.charges_expire",
        "schedule": crontab(minute="*/5"),
    },
    # Issue #4: the public panel's pre-aggregated indicators (Lei 14.129 art. 22).
    # Issue #5: close what past days left open (no-shows, tickets left waiting), just after midnight.
    "scheduling-close-past-days": {
        "task": "plataforma.scheduling.tasks.close_past_days",
        "schedule": crontab(hour=0, minute=30),
    },
    "scheduling-send-reminders": {
        "task": "plataforma.scheduling.reminders.send_appointment_reminders",
        "schedule": crontab(minute="*/15"),
    },
    "scheduling-release-reserved-seats": {
        "task": "plataforma.scheduling.tasks.release_reserved_seats",
        "schedule": crontab(minute="*/15"),
    },
    "scheduling-extend-slots": {
        "task": "plataforma.scheduling.tasks.extend_slots",
        "schedule": crontab(hour=1, minute=0),
    },
    "ombudsman-notify-deadlines": {
        "task": "plataforma.ombudsman.tasks.notify_deadlines",
        "schedule": crontab(minute=10),
    },
    "monitoring-refresh-indicators": {
        "task": "plataforma.monitoring.tasks.refresh_indicators",
        "schedule": crontab(minute=5),
    },
    "catalog-flag-overdue-reviews": {
        "task": "plataforma.catalog.tasks.flag_overdue_reviews",
        "schedule": crontab(hour=6, minute=0),
    },
    # MT Login's signing keys: a new key is published ahead, the active one retired, old ones
    # dropped after the overlap (ADR 0012).
    "oidc-rotate-signing-keys": {
        "task": "plataforma.identity.oidc.tasks.rotate_signing_keys",
        "schedule": crontab(day_of_month=1, hour=3, minute=0),
    },
    "oidc-clear-expired-tokens": {
        "task": "plataforma.identity.oidc.tasks.clear_expired_tokens",
        "schedule": crontab(hour=4, minute=30),
    },
    # Issue #7: X-VIA's signed global configuration is re-published well before it expires.
    "xvia-publish-globalconf": {
        "task": "xvia.central.tasks.publish_global_configuration",
        "schedule": crontab(minute="*/5"),
    },
}

# --- X-VIA central (issue #7; defaults and the rest in xvia/central/conf.py, ADR 0036) --------
XVIA_INSTANCE = env.str("XVIA_INSTANCE", default="MT")
XVIA_KEY_DIR = env.path("XVIA_KEY_DIR", default=str(VAR_DIR / "xvia" / "keys"))
XVIA_GLOBALCONF_VALIDITY_SECONDS = env.int("XVIA_GLOBALCONF_VALIDITY_SECONDS", default=3600)
XVIA_DEV_CA_ENABLED = env.bool("XVIA_DEV_CA_ENABLED", default=not PRODUCTION)
# The portal as an X-VIA client (once-only prefill): its security server's IS-side address (empty:
# off; `make run` starts SS-MTI at 127.0.0.1:5513) and its subsystem (a code is looked up).
XVIA_PORTAL_SECURITY_SERVER = env.str("XVIA_PORTAL_SECURITY_SERVER", default="")
XVIA_PORTAL_CLIENT = env.str("XVIA_PORTAL_CLIENT", default="PORTAL")

# --- Catalogue ------------------------------------------------------------------------------
# Lei 13.460 art. 7 §4: the Carta is updated periodically; services not reviewed within this
# period are flagged to their agency.
CATALOG_REVIEW_PERIOD = timedelta(days=env.int("CATALOG_REVIEW_PERIOD_DAYS", default=365))

# --- Service requests (issue #4) ------------------------------------------------------------
# Citizens' files: a private folder outside the web root by default; any S3-compatible bucket
# with DOCUMENTS_STORAGE=s3 and the AWS_S3_* / AWS_STORAGE_BUCKET_NAME variables of
# django-storages (docs/operations/production.md). Never served by URL: views stream them.
if env.str("DOCUMENTS_STORAGE", default="filesystem") == "s3":
    STORAGES["documents"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default=None),
            "region_name": env.str("AWS_S3_REGION_NAME", default=None),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    STORAGES["documents"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": str(env.path("DOCUMENTS_ROOT", default=VAR_DIR / "documents")),
            "base_url": None,
        },
    }
REQUESTS_MAX_UPLOAD_MB = env.int("REQUESTS_MAX_UPLOAD_MB", default=20)
# What one person (or company) may keep in "Meus documentos" and in requests.
REQUESTS_DOCUMENTS_QUOTA_MB = env.int("REQUESTS_DOCUMENTS_QUOTA_MB", default=500)
# The apps' API (/api/v1/solicitacoes): calls per MT Login access token per minute.
SERVICE_REQUESTS_API_RATE = (env.int("SERVICE_REQUESTS_API_RATE", default=120), 60)

# --- Payments: PIX (Lei 14.129 art. 21 VIII; ADR 0020) ---------------------------------------
PAYMENTS_PROVIDERS = {"sandbox": "plataforma.service_requests.payments.providers.sandbox.SandboxProvider"}
PAYMENTS_DEFAULT_PROVIDER = env.str("PAYMENTS_DEFAULT_PROVIDER", default="sandbox")
PAYMENTS_PIX_KEY = env.str(
    "PAYMENTS_PIX_KEY", default="" if PRODUCTION else "00000000-0000-4000-8000-000000000000"
)
PAYMENTS_MERCHANT_NAME = env.str("PAYMENTS_MERCHANT_NAME", default="GOVERNO DE MATO GROSSO")
PAYMENTS_MERCHANT_CITY = env.str("PAYMENTS_MERCHANT_CITY", default="CUIABA")
PAYMENTS_SANDBOX_WEBHOOK_SECRET = env.str(
    "PAYMENTS_SANDBOX_WEBHOOK_SECRET", default="" if PRODUCTION else "dev-only-pix-sandbox-webhook-secret"
)

# --- Monitoring panel (issue #4) -------------------------------------------------------------
# Key of the HMAC that makes "one rating per request and step" enforceable without linking an
# anonymous rating to its request. Set once in production and never rotate (ADR 0021).
MONITORING_EVALUATION_KEY = env.str("MONITORING_EVALUATION_KEY", default="")
# The fewest ratings a published satisfaction figure may stand on (k, at least 2). A platform,
# agency or service with 1 to k-1 ratings in a month has its scores withheld, and so are the
# figures that would reveal them by subtraction (ADR 0023). Changing it makes the hourly job
# rebuild every period under the new value.
MONITORING_MIN_RATINGS = env.int("MONITORING_MIN_RATINGS", default=5)

# --- Scheduling (issue #5) ------------------------------------------------------------------------
# Remote attendance: the provider that creates a meeting room per appointment (ADR 0028). The
# default makes unguessable Jitsi room URLs on SCHEDULING_MEETING_BASE_URL: point it at the state's
# own Jitsi server in production (the public meet.jit.si has no lobby or password).
SCHEDULING_MEETING_PROVIDERS = {"jitsi": "plataforma.scheduling.meetings.JitsiProvider"}
SCHEDULING_MEETING_PROVIDER = env.str("SCHEDULING_MEETING_PROVIDER", default="jitsi")
SCHEDULING_MEETING_BASE_URL = env.str("SCHEDULING_MEETING_BASE_URL", default="https://meet.jit.si")
SCHEDULING_REMINDER_LEAD_HOURS = env.int("SCHEDULING_REMINDER_LEAD_HOURS", default=24)
# Priority seats still free this many hours before the slot are offered to everyone.
SCHEDULING_RESERVED_RELEASE_HOURS = env.int("SCHEDULING_RESERVED_RELEASE_HOURS", default=24)
SCHEDULING_API_RATE = (env.int("SCHEDULING_API_RATE", default=120), 60)  # calls per token per minute

# --- Postal codes: CEP → municipality ("nearest unit first", ADR 0028) -------------------------
# ViaCEP (the Correios' base) by default; "none" where web processes have no internet access
# (people then type the municipality). Answers are cached: 30 days found, 1 day not found.
CEP_PROVIDERS = {
    "viacep": "plataforma.common.cep.ViaCepProvider",
    "none": "plataforma.common.cep.NoCepProvider",
}
CEP_PROVIDER = env.str("CEP_PROVIDER", default="viacep")
CEP_VIACEP_URL = env.str("CEP_VIACEP_URL", default="https://viacep.com.br/ws/")

# --- Ouvidoria (Lei 13.460/2017; ADRs 0029-0032) ------------------------------------------------
# The agency whose ouvidores form the Ouvidoria-Geral do Estado (they see every agency's
# manifestações and triage those lodged without one). In Mato Grosso it sits in the CGE.
OMBUDSMAN_GENERAL_AGENCY = env.str("OMBUDSMAN_GENERAL_AGENCY", default="CGE")
OMBUDSMAN_API_RATE = (env.int("OMBUDSMAN_API_RATE", default=120), 60)  # calls per token per minute

# --- Security -------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "plataforma.portal.views.csrf_failure"
# The load balancers in front of the web processes (addresses or networks). Their
# X-Forwarded-For entries are believed; nobody else's are (common.net.client_ip).
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_SSL_REDIRECT_EXEMPT = [r"^healthz$"]

CONTENT_SECURITY_POLICY = {
    # The OAuth back-channel endpoints answer JSON to servers, never a page a browser renders.
    "EXCLUDE_URL_PREFIXES": ["/o/token/", "/o/introspect/", "/o/revoke_token/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# --- Logging: no personal data, no secrets (LGPD) ----------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # Even with LOG_LEVEL=DEBUG, the OAuth libraries never log request details (client ids,
        # parameters); their warnings and errors still show.
        "oauthlib": {"level": "INFO"},
        "oauth2_provider": {"level": "INFO"},
        # httpx logs whole URLs at INFO, and a URL may hold personal data (a CEP, a CPF)
        "httpx": {"level": "WARNING"},
        "httpcore": {"level": "WARNING"},
    },
}

# --- API --------------------------------------------------------------------------------------
NINJA_PAGINATION_MAX_LIMIT = 100
