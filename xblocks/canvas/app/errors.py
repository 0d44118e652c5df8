"""Typed errors of the canvas app's API.

Each carries an English source ``message`` (marked for extraction) with ``%(name)s`` placeholders
filled from ``params``, the ``field`` at fault and an HTTP-like ``status``, so the block answers
with a translated, precise error. An error means the call changed nothing.
"""
from xblocks.common.errors import DomainError
from xblocks.common.i18n import N_


class CanvasAppError(DomainError):
    """Any refusal of this app's API."""


class InvalidInput(CanvasAppError):
    """The caller sent something the canvas rules do not allow."""


class StaleDraft(CanvasAppError):
    """The draft was saved elsewhere since the version the caller started from.

    ``current`` is the draft as stored now (``api.get_draft``'s dict), so the caller can
    offer a merge without reading it again.
    """

    status = 409
    default_message = N_("Your canvas was changed in another window or device.")

    def __init__(self, current, message=None):
        super().__init__(message)
        self.current = current


class AlreadySubmitted(CanvasAppError):
    """The draft has not changed since it was last submitted (a second click, another tab)."""

    status = 409
    default_message = N_("This version is already submitted. Change something before you submit it again.")
