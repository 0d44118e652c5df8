"""What the canvas and peer-review blocks share about who sees which view and who may save."""
from xblock.core import XBlock

from . import compat
from .handlers import HandlerError
from .i18n import N_


class LearnerOrTrainerViewsMixin:
    """`student_view` shows course staff the block's `staff_view` (in the LMS; Studio's preview shows
    authors what learners see) and everyone else its `learner_view`, both in the learner's language.

    Learner-only handlers call `require_learner()`: Studio's preview shares one identity between
    all authors, so it must never save a learner's work, and an anonymous visitor has none."""

    preview_refusal = N_("This is a preview: nothing is saved in Studio.")
    anonymous_refusal = N_("Please sign in first.")

    @XBlock.supports("multi_device")
    def student_view(self, context=None):  # pylint: disable=unused-argument
        language = compat.learner_language()
        if compat.is_course_staff(self) and not compat.in_studio(self):
            return self.staff_view(language)
        return self.learner_view(language)

    def require_learner(self):
        """The current learner's anonymous id, or a translated 403 refusal."""
        if compat.in_studio(self):
            raise HandlerError(403, self.preview_refusal)
        try:
            return compat.anonymous_user_id(self)
        except compat.IdentityUnavailable:
            raise HandlerError(403, self.anonymous_refusal) from None
