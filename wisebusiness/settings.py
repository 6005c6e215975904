"""WISE Business settings: one module, driven by environment variables (see .env.example)."""

import re
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from wisebusiness.redis_cache import LOCAL_BACKENDS, site_caches

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
    "checkup",
    "help",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Above the malformed-request check and Django's error pages: their answers under /api/ as JSON.
    "api.middleware.JsonErrorsMiddleware",
    # Before anything reads the request: NUL bytes and broken encodings are a 400 here.
    "editorial.middleware.MalformedRequestMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the page cache, so a page answered from it remembers the language too.
    "editorial.middleware.RememberLanguageMiddleware",
    # Outside gzip: a cached page is kept compressed (and plain) and never compressed again.
    "editorial.cache.PageCacheMiddleware",
    # Below WhiteNoise (static files come precompressed) and above everything that writes a
    # body. Django's gzip pads each response with random bytes against BREACH (see README).
    "django.middleware.gzip.GZipMiddleware",
    # Before CommonMiddleware, as django-cors-headers asks; it only answers for /api/ (CORS_URLS_REGEX).
    "corsheaders.middleware.CorsMiddleware",
    # ETag, 304 and Cache-Control for /api/ (the API's answers are the same for every visitor).
    "api.middleware.OpenDataCacheMiddleware",
    "editorial.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # After the CSRF check: an upload is refused with a clear page while object storage is away.
    "editorial.middleware.StorageUnavailableMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
# User names cut to what the attempt log stores (the login form refuses longer ones anyway).
AXES_USERNAME_CALLABLE = "editorial.auth.axes_username"
RATELIMIT_IP_META_KEY = "editorial.clientip.client_ip"
# A rate-limit counter that cannot be read (Redis down) lets the request through: refusing every
# public form during an outage would hurt real visitors more than a few minutes without limits.
# The honeypot still applies; the login lockout counts in the database (see README).
RATELIMIT_FAIL_OPEN = True

ROOT_URLCONF = "wisebusiness.urls"
# A longer query string is answered 414 (editorial.middleware.MalformedRequestMiddleware).
MAX_QUERY_STRING_LENGTH = 8192
# A refused form gets a page that never reads the form (editorial.errors).
CSRF_FAILURE_VIEW = "editorial.errors.csrf_failure"
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

# The cache: per-process memory by default, Redis (shared by every app server) with
# CACHE_URL=redis://host:6379/1, through django-redis with IGNORE_EXCEPTIONS: a Redis that is
# down means cache misses (pages render uncached, sessions come from the database), never a 500.
# "pages" holds the full-page cache for anonymous visitors (editorial.cache): in Redis beside the
# rest (give that Redis a maxmemory with an LRU policy), else bounded in each worker's memory.
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE", default=True)
CACHES = site_caches(
    env.str("CACHE_URL", default="") or "locmemcache://",
    timeout=env.float("REDIS_TIMEOUT", default=0.5),
    page_seconds=env.int("PAGE_CACHE_SECONDS", default=24 * 60 * 60),
    page_entries=env.int("PAGE_CACHE_ENTRIES", default=2000),
)
SHARED_CACHE = CACHES["default"]["BACKEND"] not in LOCAL_BACKENDS
# What browsers and CDNs may keep of a cached page: a minute fresh, then served while they revalidate.
PAGE_CACHE_MAX_AGE = env.int("PAGE_CACHE_MAX_AGE", default=60)
PAGE_CACHE_STALE_SECONDS = env.int("PAGE_CACHE_STALE_SECONDS", default=600)
# The content version: in the shared cache, or on one machine in this stamp file every worker reads.
CONTENT_VERSION_FILE = env.path("CONTENT_VERSION_FILE", default=BASE_DIR / ".data" / "content-version")
# The apps whose models are public content: a change to any of them moves the content version on,
CONTENT_APPS = ["editorial", "organisations", "catalogue", "courses", "articles", "checkup", "help"]
# except these, which are what visitors send (no public page shows them).
PAGE_CACHE_IGNORED_MODELS = [
    "catalogue.OutdatedReport",
    "checkup.Response",
    "checkup.NeedsMap",
    "courses.MoocClick",
    "help.HelpRequest",
    "help.RequestEvent",
    "help.RequestNote",
    "help.Forwarding",
    "help.PeerQuestion",
    "help.SentEmail",
]
# Sessions live in the cache and the database (the database alone is the fallback). With a
# per-process cache, several gunicorn workers would each keep their own copy of a session
# (a logout in one would not reach the others), so sessions then stay in the database only.
SESSION_ENGINE = env.str(
    "SESSION_ENGINE",
    default="django.contrib.sessions.backends.cached_db"
    if SHARED_CACHE
    else "django.contrib.sessions.backends.db",
)

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
# An uploaded file waits for its confirmation in the "import_export" storage (private, per-user:
# editorial.admin.ScopedImportExportMixin), never in the system temp folder by a client-sent name.
IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.MediaStorage"
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / ".data" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / ".data" / "media")
# Files that must never be public (lesson attachments): outside MEDIA_ROOT, so no web server
# that serves MEDIA_ROOT can reach them; only the permission-checked views read them.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / ".data" / "private")
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=not PRODUCTION)
# "local" (the disk, one app server) or "s3" (S3-compatible object storage, any number).
MEDIA_STORAGE = env.str("MEDIA_STORAGE", default="local")
if MEDIA_STORAGE == "local":
    MEDIA_STORES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "private": {"BACKEND": "editorial.storage.PrivateFileSystemStorage"},
    }
elif MEDIA_STORAGE == "s3":
    from editorial.storage import s3_stores

    MEDIA_STORES = s3_stores(
        bucket=env.str("S3_BUCKET", default=""),
        private_bucket=env.str("S3_PRIVATE_BUCKET", default=""),
        endpoint_url=env.str("S3_ENDPOINT_URL", default=""),
        region=env.str("S3_REGION", default=""),
        access_key=env.str("S3_ACCESS_KEY_ID", default=""),
        secret_key=env.str("S3_SECRET_ACCESS_KEY", default=""),
        public_url=env.str("S3_PUBLIC_URL", default=MEDIA_URL),
        private_acl=env.str("S3_PRIVATE_ACL", default="private"),
        addressing_style=env.str("S3_ADDRESSING_STYLE", default="auto"),
    )
else:
    raise ImproperlyConfigured("MEDIA_STORAGE must be 'local' or 's3'.")
STORAGES = {
    **MEDIA_STORES,
    # Import files between the dry run and the confirmation (import-export's MediaStorage): as private.
    "import_export": MEDIA_STORES["private"],
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# After the check, who sends a private file: Django itself (unset), or the web server
# (django_sendfile.backends.nginx with SENDFILE_URL, the internal location that maps to
# PRIVATE_MEDIA_ROOT; see the README's deployment notes).
SENDFILE_BACKEND = env.str("SENDFILE_BACKEND", default="")
SENDFILE_ROOT = PRIVATE_MEDIA_ROOT
SENDFILE_URL = env.str("SENDFILE_URL", default="/protected")
# Hashed file names never change content, so they can be cached for a year.
WHITENOISE_MAX_AGE = 31536000
# Files browsers ask for at the site's root (/favicon.ico), served by WhiteNoise as they are.
WHITENOISE_ROOT = BASE_DIR / "public"

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
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.text_parameters_hold_no_nul",
    ],
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

# The digital check-up: unfinished check-ups are deleted after this many days, finished results
# after this many (manage.py purge_checkup), and no figure is shown for a group smaller than this.
CHECKUP_DRAFT_DAYS = env.int("CHECKUP_DRAFT_DAYS", default=30)
CHECKUP_RESULT_DAYS = env.int("CHECKUP_RESULT_DAYS", default=3 * 365)
CHECKUP_MIN_GROUP = env.int("CHECKUP_MIN_GROUP", default=10)

# Security headers. The CSP allows only this site's own files: no third-party requests, no
# inline script or style, no plugins; the admin gets the same plus the hashes of the few inline
# pieces its widgets need (editorial.middleware.ContentSecurityPolicyMiddleware).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "font-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)
# No page uses the camera, microphone, location, payment or other device features.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), browsing-topics=()"
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Behind a trusted proxy (which overwrites X-Forwarded-Proto), a request it received over https
# is secure; without one the header is the client's own word and is ignored.
if TRUSTED_PROXY_COUNT > 0:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    # Load balancers probe each instance over plain http: health checks answer there too.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True

# Email (password resets, help requests and their updates, questions to peers): printed to the
# console locally; in production an SMTP server from
# EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and the EMAIL_* settings below.
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=587)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=True)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="WISE Business <noreply@wise-business.example.org>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Help from people (the help app). Its emails (help requests, their updates, questions to
# peers) go through the email settings above.
# A provider not verified for a year is flagged to partners; after this many more days it is hidden.
HELP_PROVIDER_GRACE_DAYS = env.int("HELP_PROVIDER_GRACE_DAYS", default=90)
# The personal data of a done or closed help request (and of questions to peers) is erased after
# this many days by `manage.py erase_help_personal_data`.
HELP_PERSONAL_DATA_DAYS = env.int("HELP_PERSONAL_DATA_DAYS", default=180)
# A password-reset link stays valid for a day.
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
