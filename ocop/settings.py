"""The one settings file. Every value comes from an environment variable read through a
typed helper that fails loudly on a bad value; docs/configuration.md lists them all."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent

# Placeholder secret for development and demo only; ocop.checks refuses it when DEBUG is off.
DEV_SECRET_KEY = "dev-only-insecure-secret-key-change-me"


def env(name: str, default: str) -> str:
    return os.environ.get(name, default)


def envbool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name}={raw!r}: expected true/false, 1/0, yes/no or on/off")


def envint(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r}: expected a whole number") from None


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def envintervals(name: str, default: str) -> tuple[int, ...]:
    from ocop.domain.reminders import parse_intervals

    try:
        return parse_intervals(env(name, default))
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={env(name, default)!r}: {exc}") from None


def database_from_url(url: str) -> dict:
    try:
        config = dj_database_url.parse(url, conn_max_age=envint("DATABASE_CONN_MAX_AGE", 0))
    except Exception as exc:  # dj-database-url raises several types for a bad URL
        raise ImproperlyConfigured(f"DATABASE_URL={url!r} is not a database URL: {exc}") from None
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets the site read while an import writes; the timeout rides out short locks.
        # IMMEDIATE: a transaction takes the write lock as it begins. Begun deferred, one that
        # reads and then writes (an admin save) is refused at once with "database is locked"
        # when another connection wrote in between (a scan counted), instead of waiting.
        config.setdefault("OPTIONS", {}).update(
            {
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
            }
        )
    if config["ENGINE"] == "django.db.backends.postgresql":
        # The status subqueries make the planner's cost estimates large enough to switch on JIT
        # compilation, which then takes longer than the query itself (the summary of 50,000
        # products: 0.9 s with JIT, 0.12 s without). Server-side cursors (queryset.iterator(),
        # the streamed downloads) read every row they open: planned for the first 10 % of rows
        # (the default fraction), the registry's 50,000 took twice as long. A user's own
        # `options` in the URL wins.
        config.setdefault("OPTIONS", {}).setdefault(
            "options", "-c jit=off -c cursor_tuple_fraction=1"
        )
    return config


SECRET_KEY = env("SECRET_KEY", DEV_SECRET_KEY)
DEBUG = envbool("DEBUG", True)
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
DEMO_MODE = envbool("OCOP_DEMO", False)


def data_dir(raw: str) -> Path:
    """Where the default SQLite file and the collected static files live: one place whatever
    folder `ocop` runs from. A checkout (editable install) keeps them in its git-ignored var/;
    an installed package has no folder of its own, so it uses the user's data folder."""
    if raw:
        path = Path(raw).expanduser()
        if not path.is_absolute():
            raise ImproperlyConfigured(f"OCOP_DATA_DIR={raw!r}: expected an absolute path")
        return path
    checkout = PACKAGE_DIR.parent
    if (checkout / "pyproject.toml").is_file():
        return checkout / "var"
    return Path.home() / ".local" / "share" / "ocop"


DATA_DIR = data_dir(env("OCOP_DATA_DIR", ""))
DATABASES = {
    "default": database_from_url(env("DATABASE_URL", f"sqlite:///{DATA_DIR / 'ocop.sqlite3'}"))
}
# A read-only copy (PostgreSQL streaming replica) for the public pages and the API; the back
# office and every write stay on the primary (ocop/shared/replica.py, docs/scaling.md).
if env("DATABASE_REPLICA_URL", ""):
    DATABASES["replica"] = database_from_url(env("DATABASE_REPLICA_URL", ""))
    # Under test the replica is the test database itself, as streaming replication would be.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
# On PostgreSQL the schema may belong to a role of its own, which the site's role
# (DATABASE_URL) cannot alter: the commands that change the schema connect as it (ocop/cli.py,
# docs/deployment.md#two-roles-on-postgresql).
DATABASE_OWNER_URL = env("DATABASE_OWNER_URL", "")
DATABASE_ROUTERS = ["ocop.shared.replica.ReplicaRouter"]
# Paths whose requests read from the primary even on GET: the officers' side.
OCOP_PRIMARY_PATHS = ["/admin/", "/lam-viec/", "/bao-cao/"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    # Django's admin with the back office's site (ocop/workspace/admin_site.py).
    "ocop.workspace.admin_config.OcopAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "ocop.accounts.login_throttle.LoginThrottleConfig",  # django-axes, named in Vietnamese
    # The administrators' optional second factor (docs/backoffice.md).
    "django_otp",
    "django_otp.plugins.otp_totp",
    # The task queue (docs/tasks.md): Django's Tasks API and its table in our own database.
    "django_tasks",
    "django_tasks_db",
    "ocop.registry",
    "ocop.shared",
    "ocop.imports",
    "ocop.reports",
    "ocop.catalog",
    "ocop.accounts",
    "ocop.quality",
    "ocop.opendata",
    # The log of e-mails sent, reminders of expiry (docs/reminders.md).
    "ocop.notices",
    # Revocations, logo-use inspections, the misuse inbox (docs/enforcement.md).
    "ocop.enforcement",
    # Evaluation and re-evaluation dossiers (docs/dossiers.md).
    "ocop.dossiers",
    # Buyers' inquiries and trade fairs: the supply–demand connection (docs/trade.md).
    "ocop.trade",
    # The log of changes (docs/audit.md): django-auditlog's machinery, our entry model.
    "auditlog",
    "ocop.audit",
    "ocop.workspace",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files straight from the application server, before any work on the request.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language is the address's: /en/… English, everything else Vietnamese. Before
    # CommonMiddleware, whose added slash must find the /en/ pages.
    "ocop.shared.middleware.SiteLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    # A NUL byte in the address or a form is refused with a 400 before any view (or the CSRF
    # check's reading of the form) runs (issue 18: PostgreSQL answered 500).
    "ocop.shared.middleware.NulByteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): the session gave its second factor's code.
    "django_otp.middleware.OTPMiddleware",
    # One-time passwords changed first; a second factor not given signs the session out.
    "ocop.accounts.middleware.AccountMiddleware",
    # Writes made by a request are logged as from a page, with the user and address.
    "ocop.audit.middleware.AuditMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A missing or unreachable database answers with a page saying so, not a traceback.
    "ocop.shared.middleware.DatabaseProblemMiddleware",
    # The public site's reads go to the replica when one is configured.
    "ocop.shared.replica.ReplicaReadsMiddleware",
    # Last, as django-axes asks: it turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ocop.urls"
WSGI_APPLICATION = "ocop.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Twelve characters at least (issue 18: eight were accepted), and none of the 20,000
    # passwords most often found in breaches (Django's own list, shipped with it).
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Deployment security (docs/deployment.md) ----------------------------------------------
# Production defaults follow DEBUG: with DEBUG off the site is HTTPS only (redirect, secure
# cookies, HSTS), so `ocop check --deploy` is clean; with DEBUG on, `ocop runserver` keeps
# working over plain HTTP.
# Reverse proxies in front of Django (nginx: 1). Only then is X-Forwarded-Proto believed, and
# the client's address read from X-Forwarded-For (ocop.shared.client_address); without a proxy a
# client could send either header itself.
REVERSE_PROXY_COUNT = envint("REVERSE_PROXY_COUNT", 0)
if REVERSE_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
# A monitor on the machine itself asks over plain HTTP (docs/backup.md#monitoring).
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    # Joining the browsers' preload list binds the whole registrable domain (the province's
    # portal, not this site) for months: its owner decides, so Django's reminder is silenced.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Every page is served from our own origin: no inline script or style, no frames, no plugins.
# The admin of Django 5.2 needs nothing more.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# The back office's own sign-in page (ocop.accounts); the admin's login is the same form.
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "workspace:home"
# The issuer shown beside the account in the officer's authenticator app.
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", "Sổ đăng ký OCOP")

# --- Sign-in throttle (issue 18; docs/deployment.md "Failed logins") ------------------------
# Wrong passwords are counted twice: per client address, whatever user names it tries (one
# machine trying every officer's account in turn), and per account, whatever addresses they
# come from (many machines trying one officer's password: 60 addresses with one try each were
# never stopped). LOGIN_FAILURE_LIMIT wrong ones within LOGIN_LOCKOUT_MINUTES lock that
# address, or that account, until the last of them is LOGIN_LOCKOUT_MINUTES old. An office
# behind one shared address shares the count; the limit is high enough for that.
AXES_FAILURE_LIMIT = envint("LOGIN_FAILURE_LIMIT", 20)
LOGIN_LOCKOUT_MINUTES = envint("LOGIN_LOCKOUT_MINUTES", 60)
if LOGIN_LOCKOUT_MINUTES < 1:
    # Anyone may lock an account by typing wrong passwords for its name: a lock without end
    # would let them keep an officer out until an administrator noticed.
    raise ImproperlyConfigured(
        f"LOGIN_LOCKOUT_MINUTES={LOGIN_LOCKOUT_MINUTES}: expected 1 or more (an administrator "
        "lifts a lock earlier in the admin or with `ocop axes_reset_username`)"
    )
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
# A success clears nothing: django-axes would delete the records of the address along with
# those of the account, so an attacker signing in to their own account wiped the failures
# they had made against an officer's from the same address. The count ends with the cool-off.
AXES_RESET_ON_SUCCESS = False
AXES_CLIENT_IP_CALLABLE = "ocop.shared.client_address.client_address"
AXES_LOCKOUT_TEMPLATE = "web/lockout.html"
# Log failed logins with the user name and address (django-axes masks both by default); the
# password is always masked.
AXES_SENSITIVE_PARAMETERS = []

# --- Back-office sessions (issue 18; ocop/accounts/session_limits.py) ----------------------
# Signed out after 8 hours without a back-office request, and 12 hours after signing in
# whatever happens (Django's default was 14 days, never idle).
SESSION_COOKIE_AGE = 8 * 3600
OCOP_SESSION_MAX_HOURS = 12

# Vietnamese is the source language, at every address; the public pages are also in English
# under /en/ (ocop/urls.py), from the catalogue ocop/locale/en. The browser's language never
# chooses (ocop.shared.middleware.SiteLanguageMiddleware): officers' browsers are often set to
# English, and the registry speaks Vietnamese first. Not read from the environment: any other
# value would move the English pages to the site's root and lose /en/.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
TIME_ZONE = env("TIME_ZONE", "Asia/Ho_Chi_Minh")
USE_I18N = True
FORMAT_MODULE_PATH = ["ocop.formats"]
# The English of our Vietnamese words (en), and our additions to Django's Vietnamese catalogs
# (vi: strings it leaves in English; they win). `make messages` updates and compiles them.
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_TZ = True

# One cache for every server process, and every machine (docs/configuration.md, "Cache"): the
# public pages and API answers kept until the registry changes, and the API's rate limit, so a
# limit of N is N whatever worker answers. Redis when CACHE_URL (or REDIS_URL) names one, as a
# deployment on several machines needs; else files in the data folder, shared by the processes
# of one machine and needing no server.
CACHE_URL = env("CACHE_URL", "") or env("REDIS_URL", "")
# Entries live a day at most: everything kept is for one day and one registry version.
CACHE_TIMEOUT = 86400
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "TIMEOUT": CACHE_TIMEOUT,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "ocop"),
        }
    }
elif CACHE_URL:
    raise ImproperlyConfigured(f"CACHE_URL={CACHE_URL!r}: expected redis://host:port/db")
else:
    CACHES = {
        "default": {
            "BACKEND": "ocop.shared.file_cache.FileCache",
            "LOCATION": env("CACHE_DIR", str(DATA_DIR / "cache")),
            "TIMEOUT": CACHE_TIMEOUT,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "ocop"),
            # A page is 10 to 40 kB: at most a few hundred MB of disk. Django drops a third of
            # the entries, at random, when a new one would pass the bound.
            "OPTIONS": {"MAX_ENTRIES": envint("CACHE_MAX_ENTRIES", 10000)},
        }
    }

STATIC_URL = "static/"
STATIC_ROOT = env("STATIC_ROOT", str(DATA_DIR / "static"))
# WhiteNoise serves STATIC_ROOT itself (docs/deployment.md). In production the files are named
# after their content (site.3f2a….css), compressed, and cached by browsers for a year; with
# DEBUG on they are read from the apps as they are edited, and no collectstatic is needed.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Decided here, not at each start: the test runner switches DEBUG off while it runs, and
# WhiteNoise would then look for a STATIC_ROOT that development never collects.
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_USE_FINDERS = DEBUG
# Product photos uploaded in the back office (cleaned, with narrower copies: docs/public.md).
# Served by Django only with DEBUG or OCOP_DEMO; in production the web server serves the folder.
MEDIA_URL = "/media/"
MEDIA_ROOT = env("MEDIA_ROOT", str(DATA_DIR / "media"))
OCOP_PHOTO_MAX_MB = envint("OCOP_PHOTO_MAX_MB", 10)
# Misuse reports (/phan-anh/): a public form, so a cap per client and per photo.
OCOP_MISUSE_PER_HOUR = envint("OCOP_MISUSE_PER_HOUR", 5)
OCOP_MISUSE_PHOTO_MAX_MB = envint("OCOP_MISUSE_PHOTO_MAX_MB", 8)
OCOP_INQUIRY_PER_HOUR = envint("OCOP_INQUIRY_PER_HOUR", 5)

EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "ocop@localhost")
# Seconds the worker waits on a silent mail server before the attempt counts as failed (and is
# tried again): without it one hung connection would stop every task behind it.
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 60)
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
# Work done outside the request (docs/tasks.md): e-mails, browser imports, the national
# export. "database" queues each task as a row of the registry's own database, run by
# `ocop worker` (SQLite or PostgreSQL: nothing else to install); "immediate" runs it at once
# in the process that asks, which waits for it (the tests), and a refused e-mail is not tried
# again by itself.
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
OCOP_TASKS = env("OCOP_TASKS", "database")
if OCOP_TASKS not in TASK_BACKENDS:
    raise ImproperlyConfigured(f"OCOP_TASKS={OCOP_TASKS!r}: expected database or immediate")
TASKS = {"default": {"BACKEND": TASK_BACKENDS[OCOP_TASKS]}}
# An e-mail the server refuses is tried again, at most OCOP_MAIL_ATTEMPTS times in all, the
# n-th retry OCOP_MAIL_RETRY_SECONDS × 4^(n-1) after the failure (1, 4, 16, 64, 256 minutes):
# a mail server down for a morning still delivers the day's inquiries.
OCOP_MAIL_ATTEMPTS = envint("OCOP_MAIL_ATTEMPTS", 6)
OCOP_MAIL_RETRY_SECONDS = envint("OCOP_MAIL_RETRY_SECONDS", 60)
if OCOP_MAIL_ATTEMPTS < 1:
    raise ImproperlyConfigured(f"OCOP_MAIL_ATTEMPTS={OCOP_MAIL_ATTEMPTS}: expected 1 or more")
if OCOP_MAIL_RETRY_SECONDS < 0:
    raise ImproperlyConfigured(
        f"OCOP_MAIL_RETRY_SECONDS={OCOP_MAIL_RETRY_SECONDS}: expected 0 or more"
    )

# `ocop remind` (docs/reminders.md): days before the last valid day on which producers and
# their commune officers are reminded (the law asks for at least 30; a smaller one is refused),
# and the weekly digest to the department: its addresses and weekday (1 = Monday ... 7 = Sunday).
OCOP_REMINDER_DAYS = envintervals("OCOP_REMINDER_DAYS", "90,30")
OCOP_DIGEST_TO = envlist("OCOP_DIGEST_TO", "")
OCOP_DIGEST_WEEKDAY = envint("OCOP_DIGEST_WEEKDAY", 1)
if not 1 <= OCOP_DIGEST_WEEKDAY <= 7:
    raise ImproperlyConfigured(f"OCOP_DIGEST_WEEKDAY={OCOP_DIGEST_WEEKDAY}: expected 1 to 7")

# Backups (docs/backup.md): `ocop doctor` and /healthz call for one when the last `ocop backup`
# made on this machine is older than this many hours (a nightly run, with room for a slow one).
OCOP_BACKUP_MAX_AGE_HOURS = envint("OCOP_BACKUP_MAX_AGE_HOURS", 26)
# /healthz fails when the data folder's disk has less room than this, in megabytes: the
# database, the photos and the backups fill it.
OCOP_DISK_MIN_FREE_MB = envint("OCOP_DISK_MIN_FREE_MB", 1024)

# The province this installation serves (code of the 2025 list; 12 = Lai Châu). One install
# can hold several provinces' data; this one is the default for reports and the home page.
OCOP_PROVINCE = env("OCOP_PROVINCE", "12")
# What an import file may hold, checked before any cell is read, so that a hostile or broken
# file is refused with a message instead of exhausting memory. Far above any real list (a
# province's list is a few hundred rows); cells = the used rectangle of a sheet, which the
# reader holds in full (32 bytes a cell) however few cells are filled.
OCOP_IMPORT_MAX_FILE_MB = envint("OCOP_IMPORT_MAX_FILE_MB", 50)
OCOP_IMPORT_MAX_UNPACKED_MB = envint("OCOP_IMPORT_MAX_UNPACKED_MB", 100)
OCOP_IMPORT_MAX_ROWS = envint("OCOP_IMPORT_MAX_ROWS", 200_000)
OCOP_IMPORT_MAX_COLUMNS = envint("OCOP_IMPORT_MAX_COLUMNS", 100)
OCOP_IMPORT_MAX_CELLS = envint("OCOP_IMPORT_MAX_CELLS", 5_000_000)
# Seconds an import waits for another one to finish writing before it stops and says so.
OCOP_IMPORT_LOCK_WAIT = envint("OCOP_IMPORT_LOCK_WAIT", 120)
# The public site's address (scheme and host, e.g. https://ocop.laichau.gov.vn), written into
# The department's contact for the public: in every public page's footer, and on product
# and producer pages whose producer has no phone or e-mail in the registry (a buyer then
# reaches a person). Empty: not shown.
OCOP_DEPARTMENT_PHONE = env("OCOP_DEPARTMENT_PHONE", "")
OCOP_DEPARTMENT_EMAIL = env("OCOP_DEPARTMENT_EMAIL", "")
# QR codes and canonical links so that printed labels keep working when the server moves.
# Empty: the address each request came to (development).
OCOP_PUBLIC_URL = env("OCOP_PUBLIC_URL", "").rstrip("/")
# Requests a minute from one client address to the public API (/api/v1/, docs/api.md); more
# get 429 with Retry-After. 0: no limit. Counted in Django's cache, so per process unless
# CACHES names a cache the workers share.
OCOP_API_PER_MINUTE = envint("OCOP_API_PER_MINUTE", 120)
# The open licence of the downloads, the feed and the API (/du-lieu/), chosen by the
# department: its name as printed and the address of its text.
OCOP_DATA_LICENCE = env("OCOP_DATA_LICENCE", "CC BY 4.0")
OCOP_DATA_LICENCE_URL = env(
    "OCOP_DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/deed.vi"
)

# The log of changes keeps its entries in ocop.audit's own model (docs/audit.md).
AUDITLOG_LOGENTRY_MODEL = "audit.Entry"
# django-auditlog's own migrations would create its default table all the same, unused, and
# one that `flush` does not know (PostgreSQL then refuses to empty the tables it points to).
MIGRATION_MODULES = {"auditlog": None}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}
