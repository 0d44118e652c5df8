"""Work around edx-submissions 4.0.2's migration 0006 on a fresh MariaDB database.

That migration alters ``submissions_studentitem.uuid`` to MariaDB's ``uuid`` type, but no earlier
migration creates that column, so ``migrate`` stops with "Unknown column 'uuid'". The workbench
settings call ``tolerate_missing_uuid_columns()`` when the database is MySQL/MariaDB, so the demo, the
tests and the benchmarks migrate: it swaps the migration's operation for one that converts only the
columns that exist. Workbench only: an Open edX deployment never loads it (Tutor runs MySQL 8).
"""
import importlib

from django.db import migrations

TABLES = ("submissions_submission", "submissions_studentitem", "submissions_score")


def _convert_existing_columns(apps, schema_editor):  # pylint: disable=unused-argument
    connection = schema_editor.connection
    if connection.vendor != "mysql" or "mariadb" not in connection.mysql_server_data["version"].lower():
        return
    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute("SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE() "
                           "AND table_name = %s AND column_name = 'uuid'", [table])
            if cursor.fetchone()[0]:
                cursor.execute(f"ALTER TABLE {table} MODIFY uuid uuid NOT NULL")


def tolerate_missing_uuid_columns():
    try:
        module = importlib.import_module("submissions.migrations.0006_mariadb_uuid_conversion")
    except ImportError:  # another edx-submissions version: nothing to fix
        return
    module.Migration.operations = [migrations.RunPython(_convert_existing_columns, migrations.RunPython.noop)]
