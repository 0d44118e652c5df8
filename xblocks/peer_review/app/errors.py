"""Typed errors of the peer-review API.

Each carries an English source ``message`` (marked for extraction) with ``%(name)s`` placeholders
filled from ``params``, and the ``field`` at fault, so the block can answer with a translated,
precise error. An error means the call changed nothing.
"""


def N_(message):
    return message


class PeerReviewError(Exception):
    status = 400
    default_message = N_("The request could not be handled.")

    def __init__(self, message=None, field=None, **params):
        self.message = message or self.default_message
        self.field = field
        self.params = params
        super().__init__(self.message % params if params else self.message)


class InvalidInput(PeerReviewError):
    """The caller sent something the rubric or the rules do not allow."""


class NotFound(PeerReviewError):
    status = 404
    default_message = N_("This review or submission does not exist.")


class NotAllowed(PeerReviewError):
    status = 403
    default_message = N_("You are not allowed to do this.")


class StaleLease(PeerReviewError):
    status = 409
    default_message = N_("This review was given to someone else after your time ran out. "
                         "Your draft is kept; ask for another piece of work to review.")


class NotSubmitted(PeerReviewError):
    status = 409
    default_message = N_("Submit your own work for review first.")
