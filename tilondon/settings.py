"""Settings for Trauma-Informed London, read from the environment.

Development is the default and is safe on localhost. ``DJANGO_ENV=production``
switches on production behaviour and refuses to start without a real secret key,
``SITE_URL``, ``EMAIL_URL`` and ``DATABASE_URL``. See README.md for every variable.
"""

from datetime import timedelta
from pathlib import Path

import environ
import jinja2
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

# --- Environment --------------------------------------------------------------
DJANGO_ENV = env.str("DJANGO_ENV", default="development")
if DJANGO_ENV not in ("development", "production"):
    raise ImproperlyConfigured("DJANGO_ENV must be 'development' or 'production'.")
PRODUCTION = DJANGO_ENV == "production"

DEBUG = env.bool("DEBUG", default=not PRODUCTION)

_DEV_SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"  # noqa: S105
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET_KEY)
# Retired keys, still accepted for what they signed until dropped (docs/operations.md).
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])
if PRODUCTION and (SECRET_KEY == _DEV_SECRET_KEY or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "Set SECRET_KEY to a random value of at least 50 characters in production."
    )
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production.")
# Without these, production would fall back to development stand-ins: links to
# 127.0.0.1 in emails, resume links printed to the log, an embedded database.
if PRODUCTION:
    _missing = [
        name
        for name in ("SITE_URL", "EMAIL_URL", "DATABASE_URL")
        if not env.str(name, default="")
    ]
    if _missing:
        raise ImproperlyConfigured(
            f"Set {', '.join(_missing)} in production (see README.md)."
        )

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=[] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]"]
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Where the site is reached, for links in emails (resume links).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
# The programme's address, shown in the footer and on the contact page.
CONTACT_EMAIL = env.str("CONTACT_EMAIL", default="trauma-informed@london.gov.uk")

# --- Applications -------------------------------------------------------------
DJANGO_APPS = [
    # The default admin site is the staff app's: two-factor sign-in for all of it.
    "staff.apps.StaffAdminConfig",
    # runserver leaves /static/ to WhiteNoise, as in production: Django's own
    # static handler answers /static/../x with a 500, WhiteNoise with a 404.
    "whitenoise.runserver_nostatic",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    # sitemap.xml of the public pages (tilondon/urls.py).
    "django.contrib.sitemaps",
]
THIRD_PARTY_APPS = [
    "crispy_forms",
    "crispy_forms_gds",
    "import_export",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
]
# From the bottom layer up (docs/decisions/0006): seed_demo seeds in this order.
LOCAL_APPS = [
    "vocabulary",
    "audit",
    "throttling",
    "govuk",
    "sources",
    "casestudies",
    "pages",
    "survey",
    "coding",
    "findings",
    "roadmap",
    "staff",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    # Each log line carries the id nginx gave its request (pages/request_id.py).
    "pages.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages gzipped (a findings release: 190 KB to about 20; WhiteNoise does static
    # files). Django pads each gzipped response with random bytes against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    # The policy is CONTENT_SECURITY_POLICY, below (docs/decisions/0003).
    "csp.middleware.CSPMiddleware",
    "pages.middleware.PermissionsPolicyMiddleware",
    # A view that meets an unreachable database answers 503 (pages/outage.py).
    "pages.outage.DatabaseOutageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The survey's own signed cookie (survey/respondent.py), not the session.
    "survey.respondent.RespondentCookieMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Oversized (413), then unreadable bodies, before the CSRF check raises on them.
    "pages.body_limit.RequestBodyLimitMiddleware",
    "pages.middleware.UnreadableFormMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "staff.middleware.StaffSessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so it turns a lockout raised during sign-in into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tilondon.urls"
WSGI_APPLICATION = "tilondon.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pages.context_processors.site",
            ],
        },
    },
    # Only the survey's question and check-answers partials (survey/jinja2/survey/):
    # faster than Django templates for long option lists (docs/performance.md).
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        # Under DEBUG (and in tests) a missing name raises, not renders as nothing.
        "OPTIONS": {
            "autoescape": True,
            "undefined": jinja2.StrictUndefined if DEBUG else jinja2.Undefined,
        },
    },
]

# --- Database -----------------------------------------------------------------
if env.str("DATABASE_URL", default=""):
    DATABASES = {"default": env.db("DATABASE_URL")}
else:
    # tilondon/embedded_postgres/ starts on the first connection (never for check
    # or collectstatic); one data folder per PostgreSQL major version.
    EMBEDDED_POSTGRES_DATA = env.str(
        "PGSERVER_DATA", default=str(BASE_DIR / ".pgdata" / "pg18")
    )
    DATABASES = {
        "default": {
            "ENGINE": "tilondon.embedded_postgres",
            "NAME": "tilondon",
            "USER": "postgres",
        }
    }
# Persistent connections for gunicorn's few workers; development closes each at
# the end of its request (runserver's threads would exhaust max_connections).
DATABASES["default"]["CONN_MAX_AGE"] = env.int(
    "CONN_MAX_AGE", default=0 if DEBUG else 60
)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# A streaming replica for analysts' heavy reads (tilondon/replica.py).
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = {
        **env.db("DATABASE_REPLICA_URL"),
        "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"],
        "CONN_HEALTH_CHECKS": True,
    }
    DATABASE_ROUTERS = ["tilondon.replica.ReplicaRouter"]
# Behind PgBouncer (transaction pooling) server-side cursors would outlive their
# transaction: DATABASE_POOLED=true turns them off (survey/exports/rows.py).
if env.bool("DATABASE_POOLED", default=False):
    for _alias in DATABASES:
        DATABASES[_alias]["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication -----------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes first: it refuses a locked-out sign-in before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, refusing the demo accounts in production.
    "staff.backends.StaffModelBackend",
]

# Staff sign-in hardening (docs/admin.md): failures count per username and IP
# together, so neither a shared NHS address nor a username is locked by others.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "staff/locked_out.html"
# The template above, with Retry-After set to the cool-off.
AXES_LOCKOUT_CALLABLE = "staff.signin.lockout_response"
# The same client address as the rate limits (TRUSTED_PROXIES).
AXES_CLIENT_IP_CALLABLE = "throttling.services.client_ip"
# The issuer shown in authenticator apps beside the account name.
OTP_TOTP_ISSUER = "Trauma-Informed London"
# Staff sessions (not the survey's) end when idle this long, and at the longer.
STAFF_SESSION_IDLE_MINUTES = env.int("STAFF_SESSION_IDLE_MINUTES", default=30)
STAFF_SESSION_MAX_HOURS = env.int("STAFF_SESSION_MAX_HOURS", default=10)
# Demo staff accounts (staff/demo.py) have published passwords: refused in production.
STAFF_REFUSE_DEMO_ACCOUNTS = PRODUCTION
# An unsafe "next" lands on the admin index, not /accounts/profile/ (absent).
LOGIN_REDIRECT_URL = "admin:index"

# --- Internationalisation -----------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static files -------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_URL = "/media/"
MEDIA_ROOT = env.str("MEDIA_ROOT", default=str(BASE_DIR / "media"))

# --- Email --------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# Backends that write messages (and the resume links in them) to the log or a
# file, or drop them. Production refuses them unless this is set on purpose.
_LOCAL_EMAIL_BACKENDS = (
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
)
ALLOW_CONSOLE_EMAIL_IN_PRODUCTION = env.bool(
    "ALLOW_CONSOLE_EMAIL_IN_PRODUCTION", default=False
)
if (
    PRODUCTION
    and EMAIL_CONFIG["EMAIL_BACKEND"] in _LOCAL_EMAIL_BACKENDS
    and not ALLOW_CONSOLE_EMAIL_IN_PRODUCTION
):
    raise ImproperlyConfigured(
        f"EMAIL_URL={env.str('EMAIL_URL').split(':', 1)[0]}:// would write resume "
        "links to the log or drop them: set EMAIL_URL to an SMTP server in "
        "production (or ALLOW_CONSOLE_EMAIL_IN_PRODUCTION=true if you really "
        "mean it)."
    )
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Trauma-Informed London <noreply@localhost>"
)
# A mail server that never answers must not hold a worker: the page says so.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)

# --- Security -----------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "pages.views.csrf_failure"
# Large posts are refused before any form (the longest answer is 4,000 characters).
DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 400
# Bodies above these sizes get a styled 413 before any form reads them: public
# forms never upload files; only fully signed-in staff upload photos and sheets.
REQUEST_BODY_MAX_BYTES = env.int("REQUEST_BODY_MAX_BYTES", default=1024 * 1024)
STAFF_UPLOAD_MAX_BYTES = env.int("STAFF_UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)

if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    # A load balancer's health check calls over plain HTTP and needs 200, not a
    # redirect to HTTPS. SecurityMiddleware matches the path without its "/".
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=63072000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Strict CSP: nothing is allowed unless named below; no inline script or
# style anywhere, nothing from other origins (docs/decisions/0003).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        # No page script fetches anything; search tools such as Lighthouse read
        # /robots.txt from inside the page, under its policy (docs/decisions/0003).
        "connect-src": [SELF],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    }
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

# --- Forms --------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"
CRISPY_GDS_FRONTEND_VERSION = "5.14.0"

# --- Logging ------------------------------------------------------------------
# Tokens never reach a log line (pages/redaction.py); each has its request's id.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "secret_links": {"()": "pages.redaction.SecretLinkFilter"},
        "request_id": {"()": "pages.request_id.RequestIdFilter"},
    },
    "formatters": {
        "request": {"format": "%(levelname)s %(name)s [%(request_id)s] %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["secret_links", "request_id"],
            "formatter": "request",
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"pgserver": {"level": "WARNING"}},
}

# --- Survey abuse limits (see docs/survey.md for the numbers and why) ---------
# Drafts started per hour from one IP address: above what a whole organisation
# behind one shared address (the Met, a large NHS trust) can reach in an hour.
SURVEY_STARTS_PER_IP_PER_HOUR = env.int("SURVEY_STARTS_PER_IP_PER_HOUR", default=2000)
SURVEY_STARTS_PER_SESSION_PER_HOUR = env.int(
    "SURVEY_STARTS_PER_SESSION_PER_HOUR", default=10
)
SURVEY_EMAILS_PER_SESSION_PER_HOUR = env.int(
    "SURVEY_EMAILS_PER_SESSION_PER_HOUR", default=5
)
# Resume-link emails per hour from one IP address: one mail relay should not be
# turned against others' inboxes, yet a shared office address is never blocked.
SURVEY_EMAILS_PER_IP_PER_HOUR = env.int("SURVEY_EMAILS_PER_IP_PER_HOUR", default=200)
# Guesses at a withdrawal reference, per resume link and per client address.
SURVEY_WITHDRAWALS_PER_LINK_PER_HOUR = env.int(
    "SURVEY_WITHDRAWALS_PER_LINK_PER_HOUR", default=10
)
SURVEY_WITHDRAWALS_PER_IP_PER_HOUR = env.int(
    "SURVEY_WITHDRAWALS_PER_IP_PER_HOUR", default=200
)
# How many proxies in front of the app add to X-Forwarded-For (0: use the
# connecting address). Behind one load balancer, set 1.
TRUSTED_PROXIES = env.int("TRUSTED_PROXIES", default=0)
