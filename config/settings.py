"""Settings for Haastemoottori. Every deployment-specific value comes from the environment."""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="insecure-local-development-key" if DEBUG else "")
if not SECRET_KEY:
    raise environ.ImproperlyConfigured("Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=1 for local development).")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "template_partials",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "haastemoottori.core",
    "haastemoottori.accounts",
    "haastemoottori.privacy",
    "haastemoottori.audit",
    "haastemoottori.credentials",
    "haastemoottori.taxonomy",
    "haastemoottori.registry",
    "haastemoottori.organisations",
    "haastemoottori.platforms",
    "haastemoottori.signup",
    "haastemoottori.sso",
    "haastemoottori.challenges",
    "haastemoottori.alerts",
    "haastemoottori.search",
    "haastemoottori.discovery",
    "haastemoottori.imports",
    "haastemoottori.notifications",
    "haastemoottori.qa",
    "haastemoottori.comments",
    "haastemoottori.events",
    "haastemoottori.proposals",
    "haastemoottori.evaluation",
    "haastemoottori.pilots",
    "haastemoottori.references",
    "haastemoottori.procurement",
    "haastemoottori.impact",
    "haastemoottori.signals",
    "haastemoottori.backlog",
    "haastemoottori.site",
    "haastemoottori.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "haastemoottori.core.middleware.PermissionsPolicyMiddleware",
    "haastemoottori.core.middleware.RequestBodyLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After sessions, the user, OTP and messages: staff idle timeout, then the second factor (accounts/middleware.py).
    "haastemoottori.accounts.middleware.StaffIdleTimeoutMiddleware",
    "haastemoottori.accounts.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "haastemoottori.core.middleware.MethodNotAllowedPageMiddleware",
    "haastemoottori.core.db_unavailable.DatabaseUnavailableMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "haastemoottori.core.context_processors.site",
                "csp.context_processors.nonce",
            ],
            "builtins": ["template_partials.templatetags.partials"],
        },
    }
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("TEST", {})["NAME"] = env.str("DATABASE_TEST_NAME", default="test_haastemoottori")
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            # Seconds a writer waits for another's transaction before "database is locked" (Python's default is 5).
            "timeout": env.int("DATABASE_SQLITE_TIMEOUT", default=20),
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Login throttling first: it refuses a locked-out account or address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Sessions begun at a city's identity provider (never checks a password; exempt from a second factor below).
    "haastemoottori.sso.backends.CitySignInBackend",
]
# Django's widget templates with the project's overrides (core/forms_renderer.py): no "---------" in selects.
FORM_RENDERER = "haastemoottori.core.forms_renderer.FormRenderer"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "haastemoottori.accounts.password_validation.LocalCommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "challenges:workspace"
LOGOUT_REDIRECT_URL = "site:home"

# Languages are configuration: content is stored as JSON keyed by language code, so adding a
# language here (and its catalogue under locale/) needs no schema change.
LANGUAGE_CODE = env.str("DJANGO_LANGUAGE_CODE", default="fi")
_LANGUAGE_NAMES = {"fi": _("Finnish"), "sv": _("Swedish"), "en": _("English"), "et": _("Estonian")}
LANGUAGES = [
    (code, _LANGUAGE_NAMES.get(code, code)) for code in env.list("DJANGO_LANGUAGES", default=["fi", "sv", "en"])
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# One date and time format per language (en-GB for English, Finland-Swedish for Swedish): core/formats/.
FORMAT_MODULE_PATH = ["haastemoottori.core.formats"]
USE_I18N = True
TIME_ZONE = env.str("DJANGO_TIME_ZONE", default="Europe/Helsinki")
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [
    ("vendor/hds", BASE_DIR / "node_modules" / "hds-core" / "lib"),
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/swagger-ui", BASE_DIR / "node_modules" / "swagger-ui-dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or env.bool("DJANGO_PLAIN_STATIC", default=False)
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "var" / "media")
# Proposal attachments: outside MEDIA_ROOT and STATIC_ROOT, never served by the web server, only by the
# permission-checking download view.
PRIVATE_MEDIA_ROOT = env.path("HAASTEMOOTTORI_PRIVATE_MEDIA_ROOT", default=BASE_DIR / "var" / "private")

# One process: its own memory (room for the cached fragments of a region's challenges in three languages).
# Several web processes or machines: one shared Redis or Valkey, e.g. CACHE_URL=redis://127.0.0.1:6379/0 (or
# valkey://…), so that every process serves the same cached pages and fragments and one invalidation reaches
# them all (README, "Deployment at scale").
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://haastemoottori?max_entries=30000")}
# Sites (or test runs) sharing one cache server keep apart by a prefix.
CACHES["default"]["KEY_PREFIX"] = env.str("HAASTEMOOTTORI_CACHE_KEY_PREFIX", default="")
# Anonymous visitors' public pages are cached this long at most (0 turns the page cache off).
PUBLIC_PAGE_CACHE_SECONDS = env.int("HAASTEMOOTTORI_PAGE_CACHE_SECONDS", default=60)
# Cached fragments shared by every visitor, signed in or not (challenge cards, the filters' choices): keyed by
# the public content generation, so the services' invalidation reaches them too (core/fragments.py).
FRAGMENT_CACHE_SECONDS = env.int("HAASTEMOOTTORI_FRAGMENT_CACHE_SECONDS", default=3600)

EMAIL_BACKEND = env.str("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="haastemoottori@localhost")

TASKS = {"default": {"BACKEND": env.str("DJANGO_TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}}
# A task running longer than this is taken for abandoned by its worker and queued again (core/tasks_recovery.py).
HAASTEMOOTTORI_TASK_LEASE_SECONDS = env.int("HAASTEMOOTTORI_TASK_LEASE_SECONDS", default=1800)

SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
FORMS_URLFIELD_ASSUME_HTTPS = True  # the Django 6 default
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
# HTTPS behind a reverse proxy (README, "Production settings"): the proxy terminates TLS and says so in
# X-Forwarded-Proto (DJANGO_SECURE_PROXY_SSL_HEADER=1: trust it; only when the proxy always sets it).
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=False)
if env.bool("DJANGO_SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the load balancer's probe speaks plain HTTP to the process
# Content-Security-Policy (django-csp): no inline script or style without the response's nonce, nothing
# from other sites, no framing. Templates give inline blocks nonce="{{ request.csp_nonce }}".
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Browser features no page uses are switched off (the Permissions-Policy header).
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
# Passkeys (the second factor, accounts/second_factor.py) on the platform's own pages only.
PERMISSIONS_POLICY["publickey-credentials-get"] = ["self"]
PERMISSIONS_POLICY["publickey-credentials-create"] = ["self"]

# Request size limits in Django (the reverse proxy and granian limit the body too: README, "Production").
# Form fields without files (bytes); uploaded files above FILE_UPLOAD_MAX_MEMORY_SIZE go to a temporary file.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DJANGO_DATA_UPLOAD_MAX_MEMORY_SIZE", default=2_621_440)
DATA_UPLOAD_MAX_NUMBER_FIELDS = env.int("DJANGO_DATA_UPLOAD_MAX_NUMBER_FIELDS", default=2000)
DATA_UPLOAD_MAX_NUMBER_FILES = env.int("DJANGO_DATA_UPLOAD_MAX_NUMBER_FILES", default=20)
FILE_UPLOAD_MAX_MEMORY_SIZE = env.int("DJANGO_FILE_UPLOAD_MAX_MEMORY_SIZE", default=2_621_440)
# The whole request body (bytes), files included: larger requests are refused with 413 before they are read.
HAASTEMOOTTORI_MAX_REQUEST_BODY = env.int("HAASTEMOOTTORI_MAX_REQUEST_BODY", default=60 * 1024 * 1024)

# Platform identity shown in the page shell.
# The trade register (PRH's open YTJ data, API v3; docs/identity.md). The mirror is loaded with
# `manage.py load_trade_register`; the API is asked at sign-up and by the scheduled refresh when on.
HAASTEMOOTTORI_TRADE_REGISTER_API = env.bool("HAASTEMOOTTORI_TRADE_REGISTER_API", default=False)
HAASTEMOOTTORI_TRADE_REGISTER_URL = env.str(
    "HAASTEMOOTTORI_TRADE_REGISTER_URL", default="https://avoindata.prh.fi/opendata-ytj-api/v3"
)
HAASTEMOOTTORI_TRADE_REGISTER_BULK_URL = env.str(
    "HAASTEMOOTTORI_TRADE_REGISTER_BULK_URL", default=HAASTEMOOTTORI_TRADE_REGISTER_URL + "/all_companies"
)
HAASTEMOOTTORI_TRADE_REGISTER_TIMEOUT = env.float("HAASTEMOOTTORI_TRADE_REGISTER_TIMEOUT", default=5.0)
# Suomi.fi e-Authorizations (Valtuudet) as a route to a verified organisation: only the service hook
# (organisations.services_verification.verify_by_suomifi_mandate, organisations.suomifi). The client id and
# the API key / OAuth secret are given by Suomi.fi; the secrets come from the environment only.
HAASTEMOOTTORI_SUOMIFI_MANDATES = env.bool("HAASTEMOOTTORI_SUOMIFI_MANDATES", default=False)
HAASTEMOOTTORI_SUOMIFI_URL = env.str("HAASTEMOOTTORI_SUOMIFI_URL", default="https://asiointivaltuustarkastus.suomi.fi")
HAASTEMOOTTORI_SUOMIFI_CLIENT_ID = env.str("HAASTEMOOTTORI_SUOMIFI_CLIENT_ID", default="")
HAASTEMOOTTORI_SUOMIFI_API_KEY = env.str("HAASTEMOOTTORI_SUOMIFI_API_KEY", default="")
HAASTEMOOTTORI_SUOMIFI_OAUTH_SECRET = env.str("HAASTEMOOTTORI_SUOMIFI_OAUTH_SECRET", default="")
HAASTEMOOTTORI_SUOMIFI_TIMEOUT = env.float("HAASTEMOOTTORI_SUOMIFI_TIMEOUT", default=10.0)
# The session key under which the deployment's strong identification leaves the person's identifier
# (Suomi.fi e-Authorizations registers a strongly identified person only).
HAASTEMOOTTORI_SUOMIFI_PERSON_SESSION_KEY = env.str(
    "HAASTEMOOTTORI_SUOMIFI_PERSON_SESSION_KEY", default="suomifi_person_id"
)
SITE_NAME = env.str("HAASTEMOOTTORI_SITE_NAME", default="Haastemoottori")
# The public address that links in e-mails (digests, unsubscribe, sign-up, password reset, invitations) start
# with; never the request's Host header.
SITE_URL = env.str("HAASTEMOOTTORI_SITE_URL", default="http://127.0.0.1:8000")
# Sign-up and password reset: at most this many requests per e-mail address and per client (IP address)
# in the window (seconds). The counts are kept in the cache (a shared one with several web processes).
HAASTEMOOTTORI_RATE_LIMITS = {
    "signup": {
        "per_address": env.int("HAASTEMOOTTORI_SIGNUP_LIMIT_PER_ADDRESS", default=3),
        "per_client": env.int("HAASTEMOOTTORI_SIGNUP_LIMIT_PER_CLIENT", default=10),
        "window": env.int("HAASTEMOOTTORI_SIGNUP_LIMIT_WINDOW", default=3600),
    },
    "password_reset": {
        "per_address": env.int("HAASTEMOOTTORI_PASSWORD_RESET_LIMIT_PER_ADDRESS", default=3),
        "per_client": env.int("HAASTEMOOTTORI_PASSWORD_RESET_LIMIT_PER_CLIENT", default=10),
        "window": env.int("HAASTEMOOTTORI_PASSWORD_RESET_LIMIT_WINDOW", default=3600),
    },
}
# The request header (WSGI name) that holds the client's address when a reverse proxy sets it, e.g.
# HTTP_X_REAL_IP; empty: the connection's address (REMOTE_ADDR).
HAASTEMOOTTORI_CLIENT_IP_HEADER = env.str("HAASTEMOOTTORI_CLIENT_IP_HEADER", default="")
LIST_PAGE_SIZE = env.int("HAASTEMOOTTORI_LIST_PAGE_SIZE", default=15)
# Open Contracting ID prefix ("ocds-" + 6 characters, registered with the Open Contracting Partnership).
HAASTEMOOTTORI_OCID_PREFIX = env.str("HAASTEMOOTTORI_OCID_PREFIX", default="ocds-hmoot1")
# Nearest passages: "auto" (pgvector when the database has it, else an exact scan) or "scan" (search/vectors.py).
HAASTEMOOTTORI_VECTOR_ENGINE = env.str("HAASTEMOOTTORI_VECTOR_ENGINE", default="auto")
# The eForms SDK's XSD schemas (not in the repository): notices are validated against them when the folder
# exists (docs/procurement.md). Default: ../shared/data/eforms-sdk/schemas beside the project.
_EFORMS_SCHEMAS_DEFAULT = BASE_DIR.parent / "shared" / "data" / "eforms-sdk" / "schemas"
HAASTEMOOTTORI_EFORMS_SCHEMAS = env.str(
    "HAASTEMOOTTORI_EFORMS_SCHEMAS", default=str(_EFORMS_SCHEMAS_DEFAULT) if _EFORMS_SCHEMAS_DEFAULT.is_dir() else ""
)
# The Hilma notice API (hankintailmoitukset.fi), off by default: base URL and subscription key.
HAASTEMOOTTORI_HILMA_URL = env.str("HAASTEMOOTTORI_HILMA_URL", default="")
HAASTEMOOTTORI_HILMA_KEY = env.str("HAASTEMOOTTORI_HILMA_KEY", default="")
HAASTEMOOTTORI_HILMA_TIMEOUT = env.float("HAASTEMOOTTORI_HILMA_TIMEOUT", default=10.0)
# The path of one notice's eForms XML under that URL ({id}: the notice ID); see docs/procurement.md.
HAASTEMOOTTORI_HILMA_NOTICE_PATH = env.str("HAASTEMOOTTORI_HILMA_NOTICE_PATH", default="/eforms/notices/{id}")
# How often (seconds) each process rebuilds the matcher's corpus, in the background, after the index changed.
HAASTEMOOTTORI_MATCHER_REFRESH_SECONDS = env.int("HAASTEMOOTTORI_MATCHER_REFRESH_SECONDS", default=600)
# Text embedding model for semantic search and matching (see haastemoottori/search/embeddings.py).
HAASTEMOOTTORI_EMBEDDER = env.str("HAASTEMOOTTORI_EMBEDDER", default="haastemoottori.search.embeddings.E5Embedder")
# Relevance floor for search hits found only by meaning (haastemoottori/search/relevance.py): the mean of the
# hit's cosine margins over the query's mean background similarity and over the corpus' median must reach this.
# Calibrated for multilingual-e5-small by bench/relevance_floor.py; re-calibrate for another embedder.
HAASTEMOOTTORI_SEARCH_SEMANTIC_FLOOR = env.float("HAASTEMOOTTORI_SEARCH_SEMANTIC_FLOOR", default=0.035)

# Personal data rights (docs/privacy.md): unconfirmed accounts are removed after this many days
# (manage.py purge_unconfirmed_accounts), and an account without a password confirms its deletion by having
# signed in within this many seconds.
PRIVACY_UNCONFIRMED_ACCOUNT_DAYS = env.int("HAASTEMOOTTORI_UNCONFIRMED_ACCOUNT_DAYS", default=14)
PRIVACY_REAUTHENTICATION_SECONDS = env.int("HAASTEMOOTTORI_REAUTHENTICATION_SECONDS", default=600)
# The GDPR API of the regional profile service (Helsinki profile), off by default: GET and DELETE of a
# person's data at /gdpr-api/v1/profiles/<uuid>, authenticated with the profile service's API tokens.
GDPR_API_ENABLED = env.bool("HAASTEMOOTTORI_GDPR_API_ENABLED", default=False)
GDPR_API_ISSUERS = env.list("HAASTEMOOTTORI_GDPR_API_ISSUERS", default=[])
GDPR_API_AUDIENCE = env.list("HAASTEMOOTTORI_GDPR_API_AUDIENCE", default=[])
GDPR_API_QUERY_SCOPE = env.str("HAASTEMOOTTORI_GDPR_API_QUERY_SCOPE", default="haastemoottori.gdprquery")
GDPR_API_DELETE_SCOPE = env.str("HAASTEMOOTTORI_GDPR_API_DELETE_SCOPE", default="haastemoottori.gdprdelete")
GDPR_API_AUTHORIZATION_FIELD = env.list(
    "HAASTEMOOTTORI_GDPR_API_AUTHORIZATION_FIELD",
    default=["https://api.hel.fi/auth", "authorization.permissions.scopes"],
)
GDPR_API_ALGORITHMS = env.list("HAASTEMOOTTORI_GDPR_API_ALGORITHMS", default=["RS256"])
GDPR_API_HTTP_TIMEOUT = env.float("HAASTEMOOTTORI_GDPR_API_HTTP_TIMEOUT", default=5.0)
GDPR_API_KEYS_CACHE_SECONDS = env.int("HAASTEMOOTTORI_GDPR_API_KEYS_CACHE_SECONDS", default=3600)
# Sign-in protection (docs/sign-in.md). Login throttling with django-axes: after
# HAASTEMOOTTORI_LOGIN_FAILURE_LIMIT failed sign-ins, the account (from any address) and the client address (for
# any account) are locked for HAASTEMOOTTORI_LOGIN_LOCKOUT_MINUTES. The client address is REMOTE_ADDR unless
# HAASTEMOOTTORI_TRUSTED_PROXY_COUNT reverse proxies in front of the app append to X-Forwarded-For.
HAASTEMOOTTORI_TRUSTED_PROXY_COUNT = env.int("HAASTEMOOTTORI_TRUSTED_PROXY_COUNT", default=0)
AXES_ENABLED = env.bool("HAASTEMOOTTORI_LOGIN_THROTTLE", default=True)
AXES_FAILURE_LIMIT = env.int("HAASTEMOOTTORI_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("HAASTEMOOTTORI_LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each on its own: the account, and the address
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # the time the message promises stays true
AXES_DISABLE_ACCESS_LOG = True  # failures only; successful sign-ins are not logged with addresses
AXES_CLIENT_IP_CALLABLE = "haastemoottori.core.client_address.client_address"
AXES_USERNAME_CALLABLE = "haastemoottori.accounts.lockout.attempted_username"
AXES_LOCKOUT_CALLABLE = "haastemoottori.accounts.lockout.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False  # no banner on every manage.py command

# A second factor (TOTP app, passkey, recovery codes: django-otp, django-otp-webauthn) for platform admins,
# city staff and evaluators who sign in with a password. Identity-provider sign-ins whose backend is listed in
# HAASTEMOOTTORI_MFA_EXEMPT_BACKENDS did their second factor at the provider.
HAASTEMOOTTORI_MFA_REQUIRED = env.bool("HAASTEMOOTTORI_MFA_REQUIRED", default=True)
HAASTEMOOTTORI_MFA_EXEMPT_BACKENDS = env.list(
    "HAASTEMOOTTORI_MFA_EXEMPT_BACKENDS", default=["haastemoottori.sso.backends.CitySignInBackend"]
)
# Removing a device or new recovery codes need a second factor given this recently.
HAASTEMOOTTORI_MFA_FRESH_MINUTES = env.int("HAASTEMOOTTORI_MFA_FRESH_MINUTES", default=10)
# Sessions of staff, admins and evaluators end after this many minutes without a request (0 = never); others
# keep Django's session age.
HAASTEMOOTTORI_STAFF_IDLE_MINUTES = env.int("HAASTEMOOTTORI_STAFF_IDLE_MINUTES", default=30)
OTP_TOTP_ISSUER = SITE_NAME
# Passkeys work over https (or http://localhost in development) on the origins listed here; the relying party
# is the host name of the first one unless HAASTEMOOTTORI_WEBAUTHN_RP_ID says otherwise.
_site_origin = "{0.scheme}://{0.netloc}".format(urlsplit(SITE_URL))
OTP_WEBAUTHN_ALLOWED_ORIGINS = env.list(
    "HAASTEMOOTTORI_WEBAUTHN_ORIGINS",
    default=[_site_origin if _site_origin.startswith(("https://", "http://localhost")) else "http://localhost:8000"],
)
OTP_WEBAUTHN_RP_ID = env.str(
    "HAASTEMOOTTORI_WEBAUTHN_RP_ID", default=urlsplit(OTP_WEBAUTHN_ALLOWED_ORIGINS[0]).hostname or "localhost"
)
OTP_WEBAUTHN_RP_NAME = SITE_NAME
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False  # a passkey is the second factor here, after the password

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    # django-axes logs every successful sign-in's reset at INFO; lockouts (WARNING) are what matters.
    "loggers": {"axes": {"level": "WARNING"}},
}

# City sign-in (OpenID Connect, haastemoottori/sso; docs/identity-sso.md): how long (seconds) to wait for a city's
# identity provider, and the clock skew allowed when checking an ID token's times.
HAASTEMOOTTORI_OIDC_TIMEOUT_SECONDS = env.float("HAASTEMOOTTORI_OIDC_TIMEOUT_SECONDS", default=5.0)
HAASTEMOOTTORI_OIDC_LEEWAY_SECONDS = env.int("HAASTEMOOTTORI_OIDC_LEEWAY_SECONDS", default=60)

# Signed credentials (haastemoottori/credentials; docs/references.md): the passphrase that encrypts the installation's
# Ed25519 private keys at rest (PKCS#8) in the database. From the environment only; without it nothing is signed
# (verifying still works). Rotate the keys with `manage.py rotate_signing_key`.
HAASTEMOOTTORI_SIGNING_KEYS_SECRET = env.str(
    "HAASTEMOOTTORI_SIGNING_KEYS_SECRET", default="insecure-local-signing-keys-secret" if DEBUG else ""
)
# The largest reference (bytes) /verify/ and the API read; anything larger is refused unread.
HAASTEMOOTTORI_CREDENTIAL_MAX_BYTES = env.int("HAASTEMOOTTORI_CREDENTIAL_MAX_BYTES", default=64 * 1024)
