"""The workbench settings, with SQLite write transactions starting IMMEDIATE (see conftest.py)."""
from scripts.workbench_settings import *  # noqa: F401,F403  pylint: disable=wildcard-import,unused-wildcard-import
from scripts.workbench_settings import DATABASES

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
