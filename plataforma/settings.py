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

from plataforma.settings_mtlogin import mtlogin_settings

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
    "plataforma.governance",
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

# --- MT Login (accounts, second factor, levels, companies, OpenID Connect provider) ---------------
# In plataforma/settings_mtlogin.py, by sub-domain.
globals().update(mtlogin_settings(env, production=PRODUCTION, site_url=SITE_URL))

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
    # Issue #8: approved exceptions whose plan expired go to the Núcleo's review (art. 1 §3).
    "governance-flag-expired-exceptions": {
        "task": "plataforma.governance.tasks_exceptions.flag_expired_exceptions",
        "schedule": crontab(hour=6, minute=15),
    },
    # Issue #8: the agencies' gestores hear of plan milestones that became late (once each).
    "governance-flag-late-milestones": {
        "task": "plataforma.governance.tasks_plan.flag_late_milestones",
        "schedule": crontab(hour=6, minute=30),
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

# --- Núcleo de Governança Digital (Resolução 002/2021/NGD arts. 1 §3, 2, 3) ----------------------
# The agencies whose servants may hold the Núcleo's role (SEPLAG and SEFAZ), and MTI's acronym.
GOVERNANCE_NUCLEO_AGENCIES = env.list("GOVERNANCE_NUCLEO_AGENCIES", default=["SEPLAG", "SEFAZ"])
GOVERNANCE_MTI_AGENCY = env.str("GOVERNANCE_MTI_AGENCY", default="MTI")
GOVERNANCE_NOMINATION_DAYS = env.int("GOVERNANCE_NOMINATION_DAYS", default=10)

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
