"""The shape every domain error of ours has, so a block can answer it the same way.

An English source `message` (marked with N_) with `%(name)s` placeholders filled from `params`,
the `field` at fault and an HTTP-like `status`. Raising one means the call changed nothing.
"""
from .i18n import N_


class DomainError(Exception):
    status = 400
    default_message = N_("The request could not be handled.")

    def __init__(self, message=None, field=None, **params):
        self.message = message or self.default_message
        self.field = field
        self.params = params
        super().__init__(self.message % params if params else self.message)
