"""Workbench settings for the demo and the tests, layered on the XBlock SDK's own.

Adds edx-submissions and our Django app, keeps the database under var/ (or takes
SIRIUS_DATABASE_URL to run the same on MariaDB or PostgreSQL), turns on our languages, and names the
local-only trainer ids. Never used in an Open edX deployment.
"""
import os

# Only our blocks on the workbench index (the SDK's samples stay installed but hidden).
os.environ.setdefault("EXCLUDE_SAMPLE_XBLOCKS", "yes")

from workbench.settings import *  # noqa: E402,F401,F403  pylint: disable=wildcard-import,wrong-import-position
from workbench.settings import INSTALLED_APPS, MIDDLEWARE  # noqa: E402

from scripts.database_url import parse_database_url  # noqa: E402  pylint: disable=wrong-import-position

PROJECT_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VAR_DIR = os.path.join(PROJECT_ROOT, "var")
os.makedirs(VAR_DIR, exist_ok=True)

DATABASES = {
    "default": parse_database_url(
        os.environ.get("SIRIUS_DATABASE_URL", "sqlite:///" + os.path.join(VAR_DIR, "workbench.db"))
    )
}

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Tests get a file, not Django's in-memory default: an in-memory database shared between
    # threads refuses a concurrent writer at once ("database table is locked"), where a file
    # makes it wait its turn as MySQL does; the concurrency tests need the waiting.
    DATABASES["default"]["TEST"] = {"NAME": os.path.join(VAR_DIR, "test_workbench.db")}

if DATABASES["default"]["ENGINE"].endswith("mysql"):
    from scripts.submissions_mariadb import tolerate_missing_uuid_columns  # pylint: disable=wrong-import-position

    tolerate_missing_uuid_columns()

INSTALLED_APPS = [*INSTALLED_APPS, "submissions", "xblocks.peer_review.app", "xblocks.canvas.app"]

# Our languages: ?lang=fr / ?lang=ar on a workbench page, else Accept-Language, else English.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français"), ("ar", "العربية")]
LANGUAGE_COOKIE_NAME = "sirius_language"
MIDDLEWARE = [
    *MIDDLEWARE[:2],
    "scripts.workbench_language.QueryLanguageMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    *MIDDLEWARE[2:],
]
ROOT_URLCONF = "scripts.workbench_urls"
TIME_ZONE = "Europe/Brussels"

# Local-only convention: these workbench student ids are trainers (course staff).
SIRIUS_WORKBENCH_STAFF = ["trainer", "staff"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler", "level": "WARNING"}},
    # The SDK logs every missing template variable at DEBUG into a file, which slows each request.
    "loggers": {"django": {"level": "INFO", "handlers": ["console"]}},
}

XBLOCK_SETTINGS = {}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
