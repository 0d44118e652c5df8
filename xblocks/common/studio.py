"""Studio's settings form in the author's language.

StudioEditableXBlockMixin translates each field's label and help with `block.ugettext` when the
block declares the `i18n` service. The platform's i18n service does not know our catalogs (they are
not in openedx-translations), so the block answers `ugettext` from them itself.
"""
from . import compat
from .i18n import translation_for


class TranslatedStudioFieldsMixin:
    """Put before StudioEditableXBlockMixin in a block's bases; the block declares
    `@XBlock.wants("i18n")`, which is what makes the mixin translate."""

    def ugettext(self, text):
        block_module = getattr(type(self), "unmixed_class", type(self)).__module__
        return translation_for(compat.learner_language(), block_module).gettext(text)
