"""Translatable messages of the pure canvas modules.

The domain modules mark learner-facing messages with ``N_`` (``%(name)s`` placeholders, as
everywhere in the project); the block translates them with its catalog when it shows them.
"""
from xblocks.common.i18n import N_  # noqa: F401  (re-exported for the domain modules)


class CanvasError(ValueError):
    """Bad canvas input: ``message`` is an English msgid marked with ``N_``, ``params`` fill it."""

    def __init__(self, message, field=None, **params):
        super().__init__(message)
        self.message = message
        self.field = field
        self.params = params

    def render(self, gettext):
        """The message in the learner's language, with its parameters filled in."""
        text = gettext(self.message)
        return text % self.params if self.params else text
