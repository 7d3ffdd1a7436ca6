"""Settings of the crisis portal, all read from the environment.

Defaults are the secure production ones; development and tests opt out explicitly
(`DEBUG=true`, `PORTAL_HTTPS=false`), never the other way around.
"""

from datetime import timedelta
from pathlib import Path

import environ
import pghistory
from django.conf import global_settings
from django.db import models
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# Only a development machine may run without a configured secret.
SECRET_KEY = (
    env.str("SECRET_KEY") if not DEBUG else env.str("SECRET_KEY", default="dev-only-" + "x" * 50)
)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Demo mode (make run) lets the seeded demo accounts skip the second factor. Never in production.
DEMO_MODE = env.bool("PORTAL_DEMO_MODE", default=False)
PORTAL_BASE_URL = env.str("PORTAL_BASE_URL", default="http://localhost:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "django.forms",
    "guardian",
    "axes",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "pgtrigger",
    "pghistory",
    "pghistory.admin",
    "django_countries",
    "django_htmx",
    "rest_framework",
    "drf_spectacular",
    "oauth2_provider",
    "crisisportal",
    "triggers",
    "registration",
    "evacuation",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # API conventions (problem+json errors, API-Version, no slash redirects) for /api and /oauth.
    "crisisportal.api.middleware.ApiConventionsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "crisisportal.middleware.SecondFactorRequiredMiddleware",
    "crisisportal.middleware.NoStoreForStaffPagesMiddleware",
    "pghistory.middleware.HistoryMiddleware",
    # Axes last: it turns a lockout raised during authentication into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "crisisportal.urls"
WSGI_APPLICATION = "crisisportal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "crisisportal.context_processors.portal",
            ],
        },
    }
]
FORM_RENDERER = "crisisportal.forms.rendering.PortalFormRenderer"

DATABASES = {
    "default": env.db("DATABASE_URL", default="postgres://postgres@localhost:5432/crisisportal")
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = 5
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="redis://localhost:6379/0")
# A dead Redis must never hang a web request: every Redis socket gives up within seconds.
REDIS_SOCKET_TIMEOUT = env.float("REDIS_SOCKET_TIMEOUT", default=2.0)

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "OPTIONS": {
            "socket_timeout": REDIS_SOCKET_TIMEOUT,
            "socket_connect_timeout": REDIS_SOCKET_TIMEOUT,
        },
        "KEY_PREFIX": "crisisportal",
    }
}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "crisisportal:home"

# django-allauth: staff accounts are created by the DCC, never by sign-up.
ACCOUNT_ADAPTER = "crisisportal.auth.StaffAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PREVENT_ENUMERATION = True
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = "Crisisportaal DCC"
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
MFA_PASSKEY_LOGIN_ENABLED = False
# Accept the code of the previous 30-second period too (RFC 6238 §5.2): staff abroad type
# codes over slow connections. Each code is still accepted only once.
MFA_TOTP_TOLERANCE = 1

# django-axes: five wrong passwords for one account from one address lock it for an hour.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(hours=1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "crisisportal.auth.axes_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "account/locked_out.html"
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

# Sessions end after 30 idle minutes: every request renews the cookie.
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# HTTPS hardening: on unless explicitly switched off for local HTTP (make run, tests).
PORTAL_HTTPS = env.bool("PORTAL_HTTPS", default=True)
SECURE_SSL_REDIRECT = PORTAL_HTTPS
SESSION_COOKIE_SECURE = PORTAL_HTTPS
CSRF_COOKIE_SECURE = PORTAL_HTTPS
SECURE_HSTS_SECONDS = 31536000 if PORTAL_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = PORTAL_HTTPS
SECURE_HSTS_PRELOAD = PORTAL_HTTPS
if env.bool("PORTAL_BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The health check must answer plain HTTP probes from the orchestrator.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
# Adding a language is an entry above (its name written in that language, e.g. ("prs", "دری"))
# plus a catalogue under locale/. Pages set <html dir> from this list, so Dari (prs, not in
# Django's defaults) and Pashto (ps) render right-to-left.
LANGUAGES_BIDI = [*global_settings.LANGUAGES_BIDI, "prs"]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
# Uploaded files are never served by URL directly: views check access and stream them.
MEDIA_URL = "/media-not-public/"
FILE_UPLOAD_PERMISSIONS = 0o600
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Sitrep attachments (images, PDF) are checked by content and size.
SITREP_ATTACHMENT_MAX_BYTES = env.int("SITREP_ATTACHMENT_MAX_BYTES", default=8 * 1024 * 1024)
EVACUATION_DOCUMENT_MAX_BYTES = env.int("EVACUATION_DOCUMENT_MAX_BYTES", default=8 * 1024 * 1024)
EVACUATION_DOCUMENTS_PER_UPLOAD = 5
# An unacknowledged high-urgency alert goes to the next person on the escalation list after this.
SITREP_ALERT_ESCALATION_MINUTES = env.int("SITREP_ALERT_ESCALATION_MINUTES", default=30)

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = 10
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(BASE_DIR / "var" / "outbox"))
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Crisisportaal DCC <noreply@crisisportaal.example>"
)

# Celery: Redis as broker and result store, tasks acknowledged after they ran.
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_TIMEOUT = REDIS_SOCKET_TIMEOUT
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_timeout": REDIS_SOCKET_TIMEOUT,
    "socket_connect_timeout": REDIS_SOCKET_TIMEOUT,
    "visibility_timeout": 3600,
}
CELERY_REDIS_SOCKET_TIMEOUT = REDIS_SOCKET_TIMEOUT
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = REDIS_SOCKET_TIMEOUT
# Publishing happens after commit inside a web request: try once more, then leave the row
# pending for the re-publisher rather than keep the user waiting.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE: dict[str, dict] = {
    "notifications-republish-pending": {
        "task": "crisisportal.tasks.notifications_republish_pending",
        "schedule": 60.0,
    },
    "evacuation-plans-review-overdue": {
        "task": "evacuation.tasks.evacuation_plans_review_overdue_flag",
        "schedule": 3600.0,
    },
    # A permit that expires changes eligibility without any write to react to: look daily.
    "evacuation-permits-expiry-recompute": {
        "task": "evacuation.tasks.permits_expiry_recompute",
        "schedule": 24 * 3600.0,
    },
    "trigger-reviews-tick": {
        "task": "triggers.tasks.trigger_reviews_tick",
        "schedule": 300.0,
    },
    "sitrep-alerts-escalate": {
        "task": "crisisportal.tasks.sitrep_alerts_escalate",
        "schedule": 60.0,
    },
    "posts-silence-check": {
        "task": "crisisportal.tasks.posts_silence_check",
        "schedule": 300.0,
    },
    "decisions-overdue-remind": {
        "task": "crisisportal.tasks.decisions_overdue_remind",
        "schedule": 3600.0,
    },
}
CELERY_BEAT_SCHEDULE_FILENAME = str(BASE_DIR / "var" / "celerybeat-schedule")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # AnonymousUser (not None): the portal middleware reads request.user after DRF set it.
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

# The REST API for Defence (crisisportal/api): contract v1, NL API Design Rules.
API_VERSION = "1.0.0"
# Requests per API client; generous for bulk synchronisation, low enough to stop a runaway loop.
API_THROTTLE_RATE = env.str("API_THROTTLE_RATE", default="1200/min")
API_CONTACT = {
    "name": env.str("API_CONTACT_NAME", default="Departmental Crisis Centre (DCC), BZ"),
    "url": env.str("API_CONTACT_URL", default=PORTAL_BASE_URL + "/api-docs"),
    "email": env.str("API_CONTACT_EMAIL", default="dcc-api@crisisportaal.example"),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Crisis portal API for Defence",
    "DESCRIPTION": (
        "REST API of the crisis portal of the Departmental Crisis Centre (DCC) of the Dutch "
        "Ministry of Foreign Affairs, for the systems of the Ministry of Defence. It follows the "
        "Dutch government API Design Rules. Names are in English because the consumer is "
        "Defence and the contract is shared with partner nations; JSON properties and query "
        "parameters are camelCase. Authenticate with OAuth2 client credentials at "
        "`/oauth/token` (scopes `read` and `write`). Errors are `application/problem+json` "
        "(RFC 9457). Missing and forbidden objects both answer 404."
    ),
    "VERSION": API_VERSION,
    "CONTACT": API_CONTACT,
    "SERVERS": [{"url": "/api/v1", "description": "This portal"}],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_GENERATE_CHOICE_DESCRIPTION": False,
    # One named enum per code list of the contract (and no "KindA44Enum" collisions).
    "ENUM_NAME_OVERRIDES": {
        "CrisisKind": "crisisportal.models.crises.CrisisKind",
        "CrisisPhase": "crisisportal.models.crises.CrisisPhase",
        "EscalationLevel": "crisisportal.models.crises.EscalationLevel",
        "Sex": "registration.models.Sex",
        "PersonSource": "registration.models.PersonSource",
        "Territory": "registration.models.Territory",
        "RelationKind": "registration.models.FamilyTieKind",
        "Employer": "registration.models.Employer",
        "LocalStaffRole": "registration.models.LocalStaffRole",
        "ContractType": "registration.models.ContractType",
        "GroupCode": "evacuation.models.groups.GroupCode",
        "CaseStatus": "evacuation.models.cases.CaseStatus",
        "Urgency": "crisisportal.models.sitreps.Urgency",
        "Availability": "crisisportal.models.sitreps.Availability",
        "LocalAuthorityControl": "crisisportal.models.sitreps.LocalControl",
        "CountryCamp": "crisisportal.models.sitreps.CountryCamp",
        "CountryStance": "crisisportal.models.sitreps.CountryStance",
        "DecisionStatus": "crisisportal.models.meetings.DecisionStatus",
        "FlightOperator": "evacuation.models.flights.FlightOperator",
        "ScenarioKind": "triggers.models.ScenarioKind",
        "PrecursorEventStatus": "triggers.models.EventStatus",
        "MeasureOwner": "triggers.models.MeasureOwner",
        "MeasureStatus": "triggers.models.MeasureStatus",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "crisisportal.api.schema.add_conventions",
    ],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # A registrant's personal link carries its secret in the path: redacted from every
    # record that names a path, whichever level the request loggers are set to.
    "filters": {
        "redact_personal_links": {"()": "registration.log_filters.PersonalLinkRedactionFilter"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["redact_personal_links"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Request logs carry query strings; keep them to warnings so nothing personal leaks.
        "django.request": {"level": "ERROR", "filters": ["redact_personal_links"]},
        "django.server": {"level": "WARNING", "filters": ["redact_personal_links"]},
        # WeasyPrint logs every layout step at INFO: noise in the worker's log.
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
    },
}

# Every insert, update and delete of a tracked model is recorded by a database trigger,
# so bulk updates and raw SQL are audited too.
PGHISTORY_DEFAULT_TRACKERS = (
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.DeleteEvent(),
)
PGHISTORY_OBJ_FIELD = pghistory.ObjForeignKey(
    db_index=True, on_delete=models.DO_NOTHING, db_constraint=False
)
GUARDIAN_RENDER_403 = False
ANONYMOUS_USER_NAME = None

# OAuth2 for Defence systems: client credentials only, tokens for at most six hours, and
# every RFC 9700 (OAuth 2.0 Security BCP) recommendation switched on.
OAUTH2_PROVIDER = {
    "SCOPES": {
        "read": "Read the crisis picture, persons and cases",
        "write": "Create and change data",
    },
    "DEFAULT_SCOPES": ["read"],
    # A client gets only the scopes granted to it (crisisportal/api/clients.py).
    "SCOPES_BACKEND_CLASS": "crisisportal.api.clients.ClientScopes",
    "ACCESS_TOKEN_EXPIRE_SECONDS": 6 * 60 * 60,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"],
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_SCHEME": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_MATCHING": True,
    "COMPLIANT_BCP_RFC9700_PKCE_REQUIRED": True,
}

# Registrations of nationals abroad: abuse limits per hour, and how long an expired or
# never-confirmed registration is kept before its personal data is purged.
REGISTRATION_RATE_LIMIT_PER_IP = env.int("REGISTRATION_RATE_LIMIT_PER_IP", default=20)
REGISTRATION_RATE_LIMIT_PER_EMAIL = env.int("REGISTRATION_RATE_LIMIT_PER_EMAIL", default=5)
# Help requests: many people in a crisis share one carrier-grade NAT address, so the
# per-IP limit is generous; the per-contact (email or phone) limit stops floods of one sender.
HELP_REQUEST_RATE_LIMIT_PER_IP = env.int("HELP_REQUEST_RATE_LIMIT_PER_IP", default=60)
HELP_REQUEST_RATE_LIMIT_PER_CONTACT = env.int("HELP_REQUEST_RATE_LIMIT_PER_CONTACT", default=5)
REGISTRATION_RETENTION_DAYS = env.int("REGISTRATION_RETENTION_DAYS", default=30)
BROADCAST_BATCH_SIZE = env.int("BROADCAST_BATCH_SIZE", default=200)
CELERY_BEAT_SCHEDULE["registrations-expire-and-purge"] = {
    "task": "registration.tasks.registrations_expire_and_purge",
    "schedule": 6 * 3600.0,
}
CELERY_BEAT_SCHEDULE["broadcasts-resume-pending"] = {
    "task": "registration.tasks.broadcasts_resume_pending",
    "schedule": 300.0,
}
# Local staff bulk import: the largest file accepted, and how long an uploaded file (and
# its preview) is kept before the beat job deletes it, imported or not.
LOCAL_STAFF_IMPORT_MAX_BYTES = env.int("LOCAL_STAFF_IMPORT_MAX_BYTES", default=20 * 1024 * 1024)
LOCAL_STAFF_IMPORT_RETENTION_HOURS = env.int("LOCAL_STAFF_IMPORT_RETENTION_HOURS", default=24)
CELERY_BEAT_SCHEDULE["local-staff-import-uploads-purge"] = {
    "task": "registration.tasks.local_staff_import_uploads_purge",
    "schedule": 3600.0,
}
