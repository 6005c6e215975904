"""WISE Business settings: one module, driven by environment variables (see .env.example)."""

import re
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# "development" (the default, for a laptop) or "production".
DJANGO_ENV = env.str("DJANGO_ENV", default="development")
PRODUCTION = DJANGO_ENV == "production"

DEVELOPMENT_SECRET_KEY = "development-only-insecure-secret-key-do-not-use-in-production"
SECRET_KEY = env.str("SECRET_KEY", default=DEVELOPMENT_SECRET_KEY)
if PRODUCTION and (not SECRET_KEY or SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 40):
    raise ImproperlyConfigured("SECRET_KEY must be set to a long random value when DJANGO_ENV=production.")

DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # modeltranslation must come before the admin to add its translation tabs.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django_filters",
    # The partner admin: history and restore, version comparison, CSV/XLSX import, rich text, login lockout.
    "reversion",
    "reversion_compare",
    "import_export",
    "django_prose_editor",
    "axes",
    # Open data: the read-only API, its OpenAPI schema and documentation assets, CORS for /api/.
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "wisebusiness",
    # The ground floor the apps below build on, then the apps from the bottom up.
    "editorial",
    "organisations",
    "catalogue",
    "courses",
    "articles",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before CommonMiddleware, as django-cors-headers asks; it only answers for /api/ (CORS_URLS_REGEX).
    "corsheaders.middleware.CorsMiddleware",
    # ETag, 304 and Cache-Control for /api/ (the API's answers are the same for every visitor).
    "api.middleware.OpenDataCacheMiddleware",
    "editorial.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "editorial.middleware.RememberLanguageMiddleware",
    "editorial.middleware.ContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

# django-axes first: it refuses a locked-out user before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five wrong passwords for one user name from one address lock that pair out for an hour.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# How many reverse proxies (nginx, a load balancer) stand in front of the app and append to
# X-Forwarded-For: login lockouts and rate limits key on the address before them
# (editorial.clientip). 0 when clients connect directly.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "editorial.clientip.client_ip"
RATELIMIT_IP_META_KEY = "editorial.clientip.client_ip"

ROOT_URLCONF = "wisebusiness.urls"
WSGI_APPLICATION = "wisebusiness.wsgi.application"

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
                "editorial.context_processors.site",
            ],
        },
    },
]

# PostgreSQL only: DATABASE_URL when set, else the project's embedded server.
if env.str("DATABASE_URL", default=""):
    DATABASES = {"default": env.db_url("DATABASE_URL")}
else:
    from wisebusiness.embedded_db import database_settings

    DATABASES = {"default": database_settings()}
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("WISE Business runs on PostgreSQL only: use a postgres:// DATABASE_URL.")
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: adding one is this list, a migration (modeltranslation columns) and a .po file.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("it", _("Italian")),
    ("de", _("German")),
    ("fr", _("French")),
    ("sl", _("Slovenian")),
    ("hr", _("Croatian")),
    ("pl", _("Polish")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Date formats where Django's defaults read unnaturally (British English, Italian, Slovenian).
FORMAT_MODULE_PATH = ["wisebusiness.formats"]
TIME_ZONE = "Europe/Rome"
USE_I18N = True
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# The admin's translation tabs use jQuery UI: served from this site, never from a CDN.
JQUERY_UI_URL = "editorial/vendor/jquery-ui.min.js"
# The owner of publishable content (editorial.models.Publishable), as AUTH_USER_MODEL names the user.
ORGANISATION_MODEL = "organisations.Organisation"

# Imports run in one transaction: a file with any bad row writes nothing.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / ".data" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / ".data" / "media")
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=not PRODUCTION)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Hashed file names never change content, so they can be cached for a year.
WHITENOISE_MAX_AGE = 31536000

# The MOOC that continues the in-person trainings online.
MOOC_URL = env.str("MOOC_URL", default="https://mooc.wise-business.eu/")


def _mooc_urls(value: str) -> dict[str, str]:
    """``MOOC_URLS="it=https://mooc.example.org/it/,pl=https://…"``: the MOOC in a visitor's language."""
    urls = {}
    codes = {code for code, _name in LANGUAGES}
    for item in filter(None, (part.strip() for part in value.split(","))):
        code, _equals, url = item.partition("=")
        code, url = code.strip(), url.strip()
        if code not in codes or not re.fullmatch(r"https?://[^/\\\s?#@]+(/[^\\\s?#]*)?", url):
            raise ImproperlyConfigured(f"MOOC_URLS: {item!r} is not <language code>=<http(s) address>.")
        urls[code] = url
    return urls


# The MOOC's address per language, so the redirect keeps the visitor's language; a language
# without one goes to MOOC_URL (with MOOC_LANGUAGE_PARAMETER, e.g. "lang", added when set).
MOOC_URLS = _mooc_urls(env.str("MOOC_URLS", default=""))
MOOC_LANGUAGE_PARAMETER = env.str("MOOC_LANGUAGE_PARAMETER", default="")
if MOOC_LANGUAGE_PARAMETER and not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]{0,30}", MOOC_LANGUAGE_PARAMETER):
    raise ImproperlyConfigured("MOOC_LANGUAGE_PARAMETER must be a plain query parameter name, e.g. lang.")
# Largest lesson attachment (slides, worksheets) an editor may upload, in bytes.
COURSE_ATTACHMENT_MAX_SIZE = env.int("COURSE_ATTACHMENT_MAX_SIZE", default=10 * 1024 * 1024)

SITE_NAME = "WISE Business"

# Open data (the api app): a read-only, anonymous JSON API at /api/v1/ and its exports.
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "api.negotiation.FirstRendererNegotiation",
    # Anonymous only: the API shows published content, the same for everybody (and cacheable).
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": [],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.AnonymousRateThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "DEFAULT_PAGINATION_CLASS": "api.pagination.BoundedPageNumberPagination",
    "PAGE_SIZE": 20,
}
# Requests per client address (editorial.clientip) counted in the shared cache (CACHE_URL).
API_THROTTLE_RATE = env.str("API_THROTTLE_RATE", default="120/minute")
# The largest page a client may ask for with ?page_size=; more is a 400, not a silent cut.
API_MAX_PAGE_SIZE = 100
# How long browsers and caches may keep an answer of the API (seconds); ETags revalidate it.
API_CACHE_SECONDS = env.int("API_CACHE_SECONDS", default=300)
SPECTACULAR_SETTINGS = {
    "TITLE": "WISE Business open data API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {},
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums"],
    "PREPROCESSING_HOOKS": [],
}
# CORS: any site may read the API from a browser, with GET only and no cookies.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ["ETag", "Content-Language", "Retry-After"]
# Importing a publiccode.yml from an address: limits of the fetch, and hosts exempt from the
# public-address check (a test server on 127.0.0.1; never set in production).
PUBLICCODE_FETCH_TIMEOUT = env.float("PUBLICCODE_FETCH_TIMEOUT", default=10.0)
PUBLICCODE_MAX_BYTES = env.int("PUBLICCODE_MAX_BYTES", default=256 * 1024)
PUBLICCODE_FETCH_ALLOWED_HOSTS = env.list("PUBLICCODE_FETCH_ALLOWED_HOSTS", default=[])

# Security headers. The CSP allows only this site's own files: no third-party requests.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "font-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"

if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
