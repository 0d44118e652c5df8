"""Everything only the Open edX platform provides, with its workbench equivalent.

Each function decides explicitly which world it is in from the user service: the LMS puts
`edx-platform.*` keys in the current user's `opt_attrs`, the XBlock SDK workbench puts
`xblock-workbench.user_id`. (The workbench's `location` is a Mock, so it cannot decide it.)
Platform-only modules are imported lazily, inside functions.
"""
WORKBENCH_COURSE_ID = "course-v1:SiriusHub+Workbench+local"
WORKBENCH_USER_KEY = "xblock-workbench.user_id"
DEFAULT_WORKBENCH_STAFF = ("trainer", "staff")


class IdentityUnavailable(Exception):
    """No learner identity here (an anonymous visitor, or Studio's editing runtime)."""


def _user_attrs(block):
    user_service = block.runtime.service(block, "user")
    if user_service is None:
        return {}
    return user_service.get_current_user().opt_attrs or {}


def in_workbench(block):
    return WORKBENCH_USER_KEY in _user_attrs(block)


def in_studio(block):
    """Studio's preview and editor: no real learner, and every author shares one anonymous id."""
    return bool(getattr(block.runtime, "is_author_mode", False))


def _workbench_student(block):
    return str(_user_attrs(block)[WORKBENCH_USER_KEY] or "student_1")


def anonymous_user_id(block):
    """The learner's per-course anonymous id: what edx-submissions and the gradebook use."""
    attrs = _user_attrs(block)
    if WORKBENCH_USER_KEY in attrs:
        # The stock workbench gives every learner one fixed id; ours differs per learner.
        return "wb-" + _workbench_student(block)
    anonymous_id = attrs.get("edx-platform.anonymous_user_id")
    if not anonymous_id:
        raise IdentityUnavailable("no anonymous user id for this user")
    return anonymous_id


def current_username(block):
    attrs = _user_attrs(block)
    if WORKBENCH_USER_KEY in attrs:
        return _workbench_student(block)
    return attrs.get("edx-platform.username") or ""


def username_for_anonymous_id(block, anonymous_id):
    """The username behind an anonymous id, for staff views only (the caller checks staff)."""
    if in_workbench(block):
        return anonymous_id[3:] if anonymous_id.startswith("wb-") else anonymous_id
    user_service = block.runtime.service(block, "user")
    user = user_service.get_user_by_anonymous_id(anonymous_id)
    return user.username if user is not None else ""


def anonymous_ids_of_user(user):
    """Every per-course anonymous id the LMS gave this user (LMS only: used on account retirement)."""
    from common.djangoapps.student.models import AnonymousUserId  # pylint: disable=import-outside-toplevel,import-error

    return list(AnonymousUserId.objects.filter(user=user).values_list("anonymous_user_id", flat=True))


def is_course_staff(block):
    """A trainer: course staff or instructor in the LMS, an author in Studio, listed ids in the workbench."""
    attrs = _user_attrs(block)
    if WORKBENCH_USER_KEY in attrs:
        from django.conf import settings  # pylint: disable=import-outside-toplevel
        staff_ids = getattr(settings, "SIRIUS_WORKBENCH_STAFF", DEFAULT_WORKBENCH_STAFF)
        return _workbench_student(block) in staff_ids
    # Studio preview does not pass user_is_staff; its user_role is 'staff' or 'instructor'.
    return bool(attrs.get("edx-platform.user_is_staff")) or attrs.get("edx-platform.user_role") in (
        "staff",
        "instructor",
    )


def course_id(block):
    """The course key as a string edx-submissions accepts."""
    context_key = getattr(block.scope_ids.usage_id, "context_key", None)
    if context_key is None:
        # Workbench usage ids are plain strings with no course.
        return WORKBENCH_COURSE_ID
    if hasattr(context_key, "for_branch"):
        context_key = context_key.for_branch(None)
    return str(context_key)


def usage_id(block):
    """The full usage key as a string: the `item_id` the gradebook matches on."""
    key = block.scope_ids.usage_id
    if hasattr(key, "for_branch"):
        key = key.for_branch(None)
    return str(key)


def usage_id_in_course(block, block_type, url_name):
    """The usage id of the block `url_name` of this course, or None where there is no course (the
    workbench). Lets authors name another block by its url_name, which survives importing the
    course under another course id, where a full usage key would still name the old course."""
    context_key = getattr(block.scope_ids.usage_id, "context_key", None)
    if context_key is None or not hasattr(context_key, "make_usage_key"):
        return None
    if hasattr(context_key, "for_branch"):
        context_key = context_key.for_branch(None)
    return str(context_key.make_usage_key(block_type, url_name))


def student_item(block, anonymous_id=None):
    """The edx-submissions student_item dict for this block and learner."""
    return {
        "student_id": anonymous_id or anonymous_user_id(block),
        "course_id": course_id(block),
        "item_id": usage_id(block),
        "item_type": block.scope_ids.block_type,
    }


def learner_language():
    """The language Django activated for this request (the learner's preference in the LMS,
    `?lang=` / Accept-Language in the workbench)."""
    from django.utils import translation  # pylint: disable=import-outside-toplevel

    from .i18n import normalize_language  # pylint: disable=import-outside-toplevel

    return normalize_language(translation.get_language())


def xblock_settings(block, default=None):
    """The operator's XBLOCK_SETTINGS bucket for this block class (an empty dict if none)."""
    settings_service = block.runtime.service(block, "settings") if _has_service(block, "settings") else None
    if settings_service is not None:
        bucket = settings_service.get_settings_bucket(block, default=default or {})
    else:
        from django.conf import settings  # pylint: disable=import-outside-toplevel
        bucket = getattr(settings, "XBLOCK_SETTINGS", {}).get(type(block).__name__, default or {})
    return bucket if isinstance(bucket, dict) else {}


def _has_service(block, name):
    try:
        return block.runtime.service(block, name) is not None
    except Exception:  # pylint: disable=broad-except  # NoSuchServiceError differs across XBlock versions
        return False


def emit_completion(block):
    """Mark the block complete for the current learner (ignored where there is no completion)."""
    block.runtime.publish(block, "completion", {"completion": 1.0})
