"""Retrying work the database refused because of a lock, the same way everywhere.

MySQL/MariaDB answer a deadlock (1213) or a lock wait timeout (1205) by rolling the victim's
transaction back; SQLite answers "database is locked" (or "database table is locked" for the
tests' in-memory shared-cache database). Running the whole transaction again is the documented
remedy. It is only possible where that transaction is the outermost one: inside a caller's
transaction the rollback undid the caller's work too, so the error must go up.
"""
import functools
import random
import time

RETRYABLE_MYSQL_ERRORS = frozenset({1213, 1205})
RETRY_SECONDS = 5.0


class RetryRequest(Exception):
    """Raised inside a transaction when another request won a race the database settled (for
    example its unique key): the whole request runs again and then sees the winner's rows."""


def is_retryable(error):
    code = error.args[0] if error.args else None
    return code in RETRYABLE_MYSQL_ERRORS or "is locked" in str(error)


def pause_before_retry(attempt):
    """A short random pause, longer each time, so the requests that collided do not collide again."""
    time.sleep(random.uniform(0.005, min(0.2, 0.01 * 2 ** attempt)))


def can_retry(error, started):
    from django.db import transaction  # pylint: disable=import-outside-toplevel

    return ((isinstance(error, RetryRequest) or is_retryable(error)) and time.monotonic() - started < RETRY_SECONDS
            and not transaction.get_connection().in_atomic_block)


def retried_when_locked(function):
    """Decorate a function whose database work is one transaction of its own (or autocommit)."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        from django.db import OperationalError  # pylint: disable=import-outside-toplevel

        started = time.monotonic()
        attempt = 0
        while True:
            try:
                return function(*args, **kwargs)
            except OperationalError as error:
                if not can_retry(error, started):
                    raise
                attempt += 1
                pause_before_retry(attempt)

    return wrapper
