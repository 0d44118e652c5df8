"""JSON handlers that validate first and change nothing when they refuse.

A handler decorated with `json_handler` receives the parsed JSON object and the learner's
translations. Raising `HandlerError` answers `{"error": <translated sentence>, "field": <key>}` with
its status; the database work of the handler is rolled back and its field changes are dropped, so
bad input changes nothing.
"""
import functools
import json
import math
import time

from webob import Response
from xblock.core import XBlock

from .compat import is_course_staff, learner_language
from .i18n import N_, translation_for
from .transactions import RetryRequest, can_retry, pause_before_retry

DEFAULT_MAX_BYTES = 16 * 1024
_REQUIRED = object()


class HandlerError(Exception):
    """A refusal the learner can read: an English message marked with N_ and its parameters."""

    def __init__(self, status, message, field=None, **params):
        super().__init__(message)
        self.status = status
        self.message = message
        self.field = field
        self.params = params

    @classmethod
    def from_error(cls, error):
        """A refusal of a block's domain (engine, rules, app API): its message, field, parameters and
        status (400 if it has none) become the handler's answer."""
        return cls(getattr(error, "status", 400), error.message, field=error.field, **error.params)

    def translated(self, translation):
        params = {key: translation.gettext(value) if isinstance(value, str) else value
                  for key, value in self.params.items()}
        text = translation.gettext(self.message)
        return text % params if params else text


def json_response(data, status=200):
    return Response(json.dumps(data), status=status, content_type="application/json", charset="utf-8")


def parse_json_object(request, max_bytes):
    if request.method != "POST":
        raise HandlerError(405, N_("This action only accepts a POST request."))
    # Refuse a body announced as too large before reading it; then check what really arrived.
    if (request.content_length or 0) > max_bytes or len(request.body or b"") > max_bytes:
        raise HandlerError(413, N_("What you sent is too large (at most %(limit)s kB)."),
                           limit=max(1, max_bytes // 1024))
    try:
        payload = json.loads((request.body or b"").decode("utf-8") or "{}")
    except (UnicodeDecodeError, ValueError):
        raise HandlerError(400, N_("What you sent could not be read. Please try again.")) from None
    if not isinstance(payload, dict):
        raise HandlerError(400, N_("What you sent could not be read. Please try again."))
    return payload


def refuse_unknown_keys(payload, keys):
    unknown = sorted(str(key)[:64] for key in payload if key not in keys)
    if unknown:
        raise HandlerError(400, N_("“%(field_name)s” is not part of this request."), field=unknown[0],
                           field_name=unknown[0])


def _discard_field_changes(block):
    """Forget field values set during a refused request, so the runtime's save writes nothing."""
    for field in list(block._dirty_fields):  # pylint: disable=protected-access
        block._field_data_cache.pop(field.name, None)  # pylint: disable=protected-access
    block._dirty_fields.clear()  # pylint: disable=protected-access


def json_handler(max_bytes=DEFAULT_MAX_BYTES, keys=None):
    """Decorate `method(self, payload, translation)` as an XBlock JSON handler.

    With `keys`, a payload holding any other key is refused by name: a changed or forged request
    (`student_id`, `role`, …) is told so and changes nothing, instead of being silently ignored.

    The method runs in one database transaction, run again when the database refuses it over a lock."""

    def decorate(method):
        @XBlock.handler
        @functools.wraps(method)
        def handler(self, request, suffix=""):  # pylint: disable=unused-argument
            block_module = getattr(type(self), "unmixed_class", type(self)).__module__
            translation = translation_for(learner_language(), block_module)
            try:
                payload = parse_json_object(request, max_bytes)
                if keys is not None:
                    refuse_unknown_keys(payload, keys)
                result = _run_in_transaction(self, method, payload, translation)
            except HandlerError as error:
                _discard_field_changes(self)
                return json_response({"error": error.translated(translation), "field": error.field}, error.status)
            if isinstance(result, Response):
                return result
            return json_response(result)

        return handler

    return decorate


def _run_in_transaction(block, method, payload, translation):
    """Run the handler in one transaction; when the database refuses it over a lock, roll back,
    forget the field changes and run it again (see xblocks.common.transactions)."""
    from django.db import OperationalError, transaction  # pylint: disable=import-outside-toplevel

    started = time.monotonic()
    attempt = 0
    while True:
        try:
            with transaction.atomic():
                return method(block, payload, translation)
        except (OperationalError, RetryRequest) as error:
            if not can_retry(error, started):
                raise
            _discard_field_changes(block)
            attempt += 1
            pause_before_retry(attempt)


def require_staff(block):
    if not is_course_staff(block):
        raise HandlerError(403, N_("Only the course team can do this."))


def _field_error(field, label, message, **params):
    """`label` is the English name the learner sees (marked with N_), translated with the message."""
    return HandlerError(400, message, field=field, field_name=label or field, **params)


def _required(payload, key, default, label):
    if key not in payload:
        if default is _REQUIRED:
            raise _field_error(key, label, N_("“%(field_name)s” is missing."))
        return default, True
    return payload[key], False



def read_number(payload, key, minimum, maximum, *, whole=False, default=_REQUIRED, label=None):
    """A number within [minimum, maximum]; booleans and strings are refused, not coerced."""
    value, defaulted = _required(payload, key, default, label)
    if defaulted:
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise _field_error(key, label, N_("“%(field_name)s” must be a number."))
    if whole and value != int(value):
        raise _field_error(key, label, N_("“%(field_name)s” must be a whole number."))
    if not minimum <= value <= maximum:
        raise _field_error(key, label, N_("“%(field_name)s” must be between %(minimum)s and %(maximum)s."),
                           minimum=minimum, maximum=maximum)
    return int(value) if whole else float(value)


def read_int(payload, key, minimum, maximum, default=_REQUIRED, label=None):
    return read_number(payload, key, minimum, maximum, whole=True, default=default, label=label)


def read_float(payload, key, minimum, maximum, default=_REQUIRED, label=None):
    return read_number(payload, key, minimum, maximum, default=default, label=label)


def read_str(payload, key, max_length, *, min_length=0, default=_REQUIRED, label=None):
    """Plain text, stripped; never interpreted as HTML anywhere."""
    value, defaulted = _required(payload, key, default, label)
    if defaulted:
        return value
    if not isinstance(value, str):
        raise _field_error(key, label, N_("“%(field_name)s” must be text."))
    value = value.strip()
    if len(value) > max_length:
        raise _field_error(key, label, N_("“%(field_name)s” is too long (at most %(maximum)s characters)."),
                           maximum=max_length)
    if len(value) < min_length:
        raise _field_error(key, label, N_("“%(field_name)s” cannot be empty."))
    return value


def read_bool(payload, key, default=_REQUIRED, label=None):
    value, defaulted = _required(payload, key, default, label)
    if defaulted:
        return value
    if not isinstance(value, bool):
        raise _field_error(key, label, N_("“%(field_name)s” must be yes or no."))
    return value


def read_choice(payload, key, choices, default=_REQUIRED, label=None):
    value, defaulted = _required(payload, key, default, label)
    if defaulted:
        return value
    if not isinstance(value, str) or value not in choices:
        raise _field_error(key, label, N_("“%(field_name)s” has a value that is not allowed."))
    return value


def read_list(payload, key, max_items, default=_REQUIRED, label=None):
    value, defaulted = _required(payload, key, default, label)
    if defaulted:
        return value
    if not isinstance(value, list):
        raise _field_error(key, label, N_("“%(field_name)s” must be a list."))
    if len(value) > max_items:
        raise _field_error(key, label, N_("“%(field_name)s” has too many entries (at most %(maximum)s)."),
                           maximum=max_items)
    return value
