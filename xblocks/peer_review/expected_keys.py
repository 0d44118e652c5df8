"""Handlers refuse keys they do not read: a changed or forged request is told so, and changes nothing."""
import functools

from xblocks.common.handlers import HandlerError
from xblocks.common.i18n import N_

ASSESSMENT_KEYS = ("scores", "comments", "overall_comment")


def accepts(*keys):
    """Put under ``@json_handler``: refuse a payload with a key outside ``keys``."""

    def decorate(method):
        @functools.wraps(method)
        def checked(self, payload, translation):
            unknown = sorted(str(key)[:64] for key in payload if key not in keys)
            if unknown:
                raise HandlerError(400, N_("“%(field_name)s” is not part of this request."), field=unknown[0],
                                   field_name=unknown[0])
            return method(self, payload, translation)

        return checked

    return decorate
