"""Settings for the guide, read from the environment.

Every variable is listed in ``.env.example``. Local defaults are safe and need no
configuration; ``DJANGO_ENV=production`` refuses to start without the values a public
deployment must set.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("DJANGO_VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_list(name, default=()):
    value = os.environ.get(name, "")
    items = [item.strip() for item in value.split(",") if item.strip()]
    return items or list(default)


ENVIRONMENT = os.environ.get("DJANGO_ENV", "local")
if ENVIRONMENT not in {"local", "production"}:
    raise ImproperlyConfigured("DJANGO_ENV must be 'local' or 'production'.")
PRODUCTION = ENVIRONMENT == "production"

DEBUG = env_bool("DJANGO_DEBUG", default=False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DJANGO_DEBUG cannot be on when DJANGO_ENV=production.")


def _local_secret_key():
    """A random key kept in var/, so local sessions survive restarts and every gunicorn
    worker signs with the same key. Never used in production."""
    path = VAR_DIR / "local-secret-key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_ENV=production.")
    SECRET_KEY = _local_secret_key()

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", default=() if PRODUCTION else ("127.0.0.1", "localhost", "[::1]")
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must be set when DJANGO_ENV=production.")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it goes before django.contrib.admin.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "crispy_forms",
    "simple_history",
    "guide_site",
    "articles",
    "channels",
    # Locks the admin login after repeated failures; last, as its documentation asks.
    "axes",
]

AUTHENTICATION_BACKENDS = [
    # First, so a locked-out username and address is refused before a password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

MIDDLEWARE = [
    # Outermost: every request, static files and cache hits included, gets an id and one log
    # line, timed from the start.
    "guide_site.middleware.RequestLogMiddleware",
    # Drops the body of HEAD answers, whoever made them (see its docstring).
    "guide_site.middleware.HeadMiddleware",
    # One spelling of the host (lower case, no trailing dot, only the site's own ports)
    # before anything keys on it: the SSL redirect, the page cache, the render limit.
    "guide_site.middleware.CanonicalHostMiddleware",
    "guide_site.middleware.KnownCharsetMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Right after SecurityMiddleware so static files skip the rest of the stack.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Takes /large (长辈版, the large-text mode) off the path and makes it the script prefix,
    # before anything resolves or caches the path (see guide_site/largetext.py).
    "guide_site.largetext.LargeTextMiddleware",
    "guide_site.middleware.PermissionsPolicyMiddleware",
    "guide_site.middleware.GZipMiddleware",
    # Below GZip (it serves pages compressed once, which GZip leaves alone); above the CSP
    # middleware, so a stored page keeps the policy header it was sent with and a hit need
    # not build it again; above sessions, locale and auth, so a hit costs no session and no
    # database query.
    "guide_site.pagecache.PageCacheMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions (it may read the admin user's language) and before CommonMiddleware
    # (which must see the language prefix before it appends slashes).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Below the page cache (it sees only renders), CSP and locale (its 429 page has the
    # site's headers and the address's language).
    "guide_site.ratelimit.RenderLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Lets the edit history name the editor. It only keeps a reference to the request and
    # reads request.user when a change is saved, so public pages never touch the session.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "guide_site.urls"
# The page a reader starts from (the site name in the header, "Home" in breadcrumbs), and
# the hotline every page offers. Each app's pages, navigation links, sitemaps and fixtures
# come from its AppConfig (guide_site/contentapps.py).
SITE_HOME = "channels:home"
SITE_HOTLINE = "12333"
WSGI_APPLICATION = "guide_site.wsgi.application"

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
                "django.template.context_processors.csp",
                "channels.context_processors.site_forms",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        # Keep connections between requests, and check them before use so a database
        # restart costs one reconnect rather than an error page.
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)

# Cache: local memory by default (one machine); DJANGO_CACHE_URL=redis://host:6379/0 shares
# one Redis between every process on every machine, so an edit is seen everywhere at once.
CACHE_URL = os.environ.get("DJANGO_CACHE_URL", "")
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_KEY_PREFIX", "guide"),
            # A Redis that stops answering must cost a request a second at most, not hang
            # it: the site then renders without the cache.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
elif CACHE_URL in ("", "locmem://"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    }
else:
    raise ImproperlyConfigured("DJANGO_CACHE_URL must be redis://…, rediss://… or locmem://.")

# Public pages (see guide_site/pagecache.py): how long the server keeps a page (it is
# dropped earlier when content changes), and what browsers and shared caches (nginx, a CDN)
# are told. Shared caches cannot be told of an edit, so s-maxage bounds how stale they get.
PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", 600))
PAGE_CACHE_MAX_AGE = int(os.environ.get("DJANGO_PAGE_MAX_AGE", 60))
PAGE_CACHE_SHARED_MAX_AGE = int(os.environ.get("DJANGO_PAGE_SHARED_MAX_AGE", 60))
PAGE_CACHE_GENERATION_FILE = VAR_DIR / "content-generation"
# Work a minute one client may cause, in units of 10 ms of CPU time (at least one per answer
# not served from a cache; guide_site/ratelimit.py): 600 is a tenth of one core. 0: no limit.
RENDER_LIMIT = int(os.environ.get("DJANGO_RENDER_LIMIT", 600))
# What one unit buys: a render is charged its CPU time in these units, at least one, so
# RENDER_LIMIT units (600 × 10 ms) are at most 6 s of CPU a minute, whatever is asked for.
RENDER_UNIT_SECONDS = int(os.environ.get("DJANGO_RENDER_UNIT_MS", 10)) / 1000
# Where the rate limits count with the local-memory cache: a file every worker opens.
RATE_LIMIT_FILE = VAR_DIR / "ratelimit.sqlite3"
# Proxies whose X-Real-IP header names the client (nginx on the same machine by default;
# add a load balancer's address when one is in front).
TRUSTED_PROXIES = frozenset(env_list("DJANGO_TRUSTED_PROXIES", ["127.0.0.1", "::1"]))
# Ports the site is reached at besides the one gunicorn listens on and the one a trusted
# proxy names in X-Forwarded-Port (80 and 443 are always dropped from the host); a Host
# header with any other port gets a 400 page (guide_site.middleware.CanonicalHostMiddleware).
SITE_PORTS = frozenset(env_list("DJANGO_SITE_PORTS"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Simplified Chinese first and default; the language always lives in the URL.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [
    ("zh-hans", _("Simplified Chinese")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates as the site's English writes them (British: 27 November 2026); see guide_site/formats.
FORMAT_MODULE_PATH = ["guide_site.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Shanghai"

# Content fields exist in both languages; a missing translation falls back to the other
# language and the templates say so on the page.
MODELTRANSLATION_DEFAULT_LANGUAGE = "zh-hans"
MODELTRANSLATION_LANGUAGES = ("zh-hans", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("zh-hans", "en")}
MODELTRANSLATION_AUTO_POPULATE = False

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Fingerprinted names (site.3f2a….css, what pages link to) never change: WhiteNoise marks
# them public and immutable for ten years by itself. This is for a file asked for by its
# plain name (site.css), which does change with a release.
WHITENOISE_MAX_AGE = 60 * 60 if not DEBUG else 0

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# The edit history's own permissions decide who may see it and revert: the "Editors" group
# has them (channels migration 0005), other staff only what they are given.
SIMPLE_HISTORY_ENFORCE_HISTORY_MODEL_PERMISSIONS = True

CRISPY_TEMPLATE_PACK = "guide"
CRISPY_ALLOWED_TEMPLATE_PACKS = ("guide",)

ADMIN_PATH = os.environ.get("DJANGO_ADMIN_PATH", "admin/").strip("/") + "/"

# Content Security Policy: our own scripts, styles, images and fonts only; nothing inline.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Features no page uses, refused to anything that might find its way into one.
PERMISSIONS_POLICY = [
    "accelerometer",
    "camera",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "payment",
    "usb",
    "browsing-topics",
]

# Admin login: after five failures for one username from one address, that pair is locked
# out for an hour (django-axes, records in the database, shared by every process).
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_AXES_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = float(os.environ.get("DJANGO_AXES_COOLOFF_HOURS", 1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The address is the reader's, not nginx's: X-Real-IP from a trusted proxy (see ratelimit.py),
# so one reader's failures lock only that reader out, and nobody else can pick an address.
AXES_CLIENT_IP_CALLABLE = "guide_site.ratelimit.client_address"

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    # nginx (or any TLS-terminating proxy) tells us the original scheme.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # A load balancer probes over plain HTTP on the private side.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

# One JSON line per record: the request log (one line per request, guide_site.requests) on
# stdout, everything else on stderr; each carries the id of the request it belongs to.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "guide_site.logs.RequestIdFilter"}},
    "formatters": {"json": {"()": "guide_site.logs.JSONFormatter"}},
    "handlers": {
        "console": {
            "()": "guide_site.logs.StandardStreamHandler",
            "formatter": "json",
            "filters": ["request_id"],
        },
        "requests": {
            "()": "guide_site.logs.StandardStreamHandler",
            "stream": "stdout",
            "formatter": "json",
            "filters": ["request_id"],
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own request log repeats every 404 a crawler asks for; keep errors.
        "django.request": {"level": "ERROR"},
        # django-axes announces itself in every process; lockouts are warnings and stay.
        "axes": {"level": "WARNING"},
        "guide_site.requests": {
            "handlers": ["requests"],
            "level": os.environ.get("DJANGO_REQUEST_LOG_LEVEL", "INFO"),
            "propagate": False,
        },
    },
}
