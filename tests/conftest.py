"""Fixtures shared by every test folder (see tests/README.md)."""
import json
import os
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

pytest_plugins = ["tests.fixtures.workbench_blocks", "tests.fixtures.live_workbench"]


def _mysql_unreachable_message():
    from django.conf import settings  # pylint: disable=import-outside-toplevel

    database = settings.DATABASES["default"]
    if not database["ENGINE"].endswith("mysql"):
        return None
    import pymysql  # pylint: disable=import-outside-toplevel

    try:
        pymysql.connect(host=database["HOST"] or "127.0.0.1", port=int(database["PORT"] or 3306),
                        user=database["USER"], password=database["PASSWORD"], connect_timeout=3).close()
    except pymysql.MySQLError as error:
        return f"MariaDB/MySQL at {database['HOST']}:{database['PORT']} is unreachable: {error}"
    return None


DATABASE_FIXTURES = {"db", "transactional_db", "workbench", "django_db_setup"}


def pytest_collection_modifyitems(config, items):  # pylint: disable=unused-argument
    """Mark every test that touches the database `database`; on MariaDB, an unreachable server fails
    the run under SIRIUS_REQUIRE_MYSQL=1, else skips those tests with the reason."""
    for item in items:
        if item.get_closest_marker("django_db") or DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.database)
    message = _mysql_unreachable_message()
    if message is None:
        return
    if os.environ.get("SIRIUS_REQUIRE_MYSQL") == "1":
        pytest.exit(message + " (SIRIUS_REQUIRE_MYSQL=1)", returncode=3)
    skip = pytest.mark.skip(reason=message)
    for item in items:
        item.add_marker(skip)


def json_of(response):
    return json.loads(response.body.decode("utf-8"))
