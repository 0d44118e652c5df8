"""A small block that uses every common helper, so the foundation is tested on the real runtime."""
from xblock.core import XBlock
from xblock.fields import Integer, Scope, String

from xblocks.common import compat
from xblocks.common.events import BrowserEventsMixin, publish
from xblocks.common.handlers import HandlerError, json_handler, read_int, read_str, require_staff
from xblocks.common.i18n import N_
from xblocks.common.rendering import block_fragment, render_template


@XBlock.needs("user")
@XBlock.wants("settings")
class ProbeBlock(BrowserEventsMixin, XBlock):
    """Stores a note and a count; refuses what it should refuse."""

    browser_event_verbs = ("opened_help", "grade")
    note = String(scope=Scope.user_state, default="")
    count = Integer(scope=Scope.user_state, default=0)
    intro = String(scope=Scope.content, default="")

    def student_view(self, context=None):  # pylint: disable=unused-argument
        from web_fragments.fragment import Fragment  # pylint: disable=import-outside-toplevel

        html = render_template(__package__, "templates/probe.html", {"note": self.note, "intro": self.intro},
                               compat.learner_language())
        return Fragment(html)

    def fragment_view(self, context=None):  # pylint: disable=unused-argument
        return block_fragment(self, "templates/probe.html", {"note": self.note, "intro": self.intro},
                              language=compat.learner_language(), init_fn="SiriusProbe",
                              init_args={"note": self.note}, js_strings=["Only the course team can do this."])

    @json_handler(max_bytes=1024)
    def save_note(self, payload, translation):  # pylint: disable=unused-argument
        self.count += 1  # changed before validation on purpose: a refusal must drop it
        self.note = read_str(payload, "note", 20, label=N_("Note"))
        count = read_int(payload, "count", 0, 10)
        if count == 7:
            raise HandlerError(409, N_("Only the course team can do this."))
        self.count = count
        publish(self, "saved", {"count": count})
        return {"note": self.note, "count": self.count}

    @json_handler()
    def submit_and_fail(self, payload, translation):  # pylint: disable=unused-argument
        from submissions import api  # pylint: disable=import-outside-toplevel

        api.create_submission(compat.student_item(self), {"note": payload.get("note", "")})
        raise HandlerError(400, N_("This event is not allowed."))

    @json_handler()
    def deadlock_once(self, payload, translation):  # pylint: disable=unused-argument
        from django.db import OperationalError  # pylint: disable=import-outside-toplevel
        from submissions import api  # pylint: disable=import-outside-toplevel

        self.count += 100  # a change of the failed attempt, which must not survive
        api.create_submission(compat.student_item(self), {"attempt": self.count})
        type(self).attempts = getattr(type(self), "attempts", 0) + 1
        if type(self).attempts < payload.get("fail_times", 1) + 1:
            raise OperationalError(1213, "Deadlock found when trying to get lock; try restarting transaction")
        return {"count": self.count}

    @json_handler()
    def snapshot(self, payload, translation):  # pylint: disable=unused-argument
        from xblocks.common.snapshots import create_snapshot  # pylint: disable=import-outside-toplevel

        create_snapshot(compat.student_item(self), {"note": payload.get("note", "")})
        return {}

    @json_handler()
    def whoami(self, payload, translation):  # pylint: disable=unused-argument
        return {"anonymous_id": compat.anonymous_user_id(self), "username": compat.current_username(self),
                "staff": compat.is_course_staff(self), "item": compat.student_item(self)}

    @json_handler()
    def staff_only(self, payload, translation):  # pylint: disable=unused-argument
        require_staff(self)
        return {"ok": True}
