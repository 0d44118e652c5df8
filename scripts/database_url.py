"""Django DATABASES entry from a URL, so the same settings run on SQLite, MariaDB or PostgreSQL."""
from urllib.parse import unquote, urlsplit

import django

ENGINES = {
    "sqlite": "django.db.backends.sqlite3",
    "mysql": "django.db.backends.mysql",
    "mariadb": "django.db.backends.mysql",
    "postgres": "django.db.backends.postgresql",
    "postgresql": "django.db.backends.postgresql",
}


def parse_database_url(url):
    """`sqlite:///var/x.db`, `mysql://root@127.0.0.1:3306/test`, `postgresql://u:p@host/db`."""
    parts = urlsplit(url)
    if parts.scheme not in ENGINES:
        raise ValueError(f"unsupported database URL scheme {parts.scheme!r} (use sqlite, mysql or postgresql)")
    engine = ENGINES[parts.scheme]
    if engine.endswith("sqlite3"):
        config = {"ENGINE": engine, "NAME": unquote(parts.path[1:]) or ":memory:"}
        if django.VERSION >= (5, 1):
            # Take the write lock when a transaction starts, so two learners acting at once wait for
            # each other instead of failing with "database is locked" (SQLite's default DEFERRED).
            config["OPTIONS"] = {"transaction_mode": "IMMEDIATE"}
        return config
    config = {
        "ENGINE": engine,
        "NAME": unquote(parts.path.lstrip("/")),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
    }
    if engine.endswith("mysql"):
        _use_pymysql()
        # utf8mb4: learners write in Arabic, Dari, Tigrinya… and emoji.
        config["OPTIONS"] = {"charset": "utf8mb4"}
        config["TEST"] = {"CHARSET": "utf8mb4", "COLLATION": "utf8mb4_unicode_ci"}
    return config


def _use_pymysql():
    """PyMySQL (pure Python) stands in for mysqlclient, which needs C headers to build."""
    try:
        import MySQLdb  # noqa: F401  pylint: disable=import-outside-toplevel,unused-import
    except ImportError:
        import pymysql  # pylint: disable=import-outside-toplevel

        pymysql.install_as_MySQLdb()
