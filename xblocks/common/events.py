"""Tracking events, named `sirius.<block>.<verb_past>`, and the allow-list for browser events."""
import re

from .handlers import HandlerError, json_handler, read_choice
from .i18n import N_

# What only the server may ever publish, whatever a block allows.
FORBIDDEN_FROM_BROWSER = frozenset({"grade", "completion", "progress"})
MAX_EVENT_VALUES = 12
MAX_EVENT_TEXT = 200
_VERB = re.compile(r"^[a-z][a-z_]{1,40}$")


def event_name(block, verb):
    block_type = block.scope_ids.block_type
    short = block_type[len("sirius_"):] if block_type.startswith("sirius_") else block_type
    return f"sirius.{short}.{verb}"


def publish(block, verb, data):
    """Publish a server-side event (the handler already validated `data`)."""
    block.runtime.publish(block, event_name(block, verb), data)


def _clean_event_data(data):
    """Only short scalar values: an event never carries learner text longer than a label."""
    if not isinstance(data, dict) or len(data) > MAX_EVENT_VALUES:
        raise HandlerError(400, N_("This event is not allowed."))
    clean = {}
    for key, value in data.items():
        if not isinstance(key, str) or not _VERB.match(key):
            raise HandlerError(400, N_("This event is not allowed."))
        if isinstance(value, str):
            value = value[:MAX_EVENT_TEXT]
        elif value is not None and not isinstance(value, (bool, int, float)):
            raise HandlerError(400, N_("This event is not allowed."))
        clean[key] = value
    return clean


class BrowserEventsMixin:
    """Adds `publish_browser_event`: the browser may only send the verbs the block lists."""

    browser_event_verbs = ()

    @json_handler(max_bytes=2048, keys=("verb", "data"))
    def publish_browser_event(self, payload, translation):  # pylint: disable=unused-argument
        allowed = [verb for verb in self.browser_event_verbs if verb not in FORBIDDEN_FROM_BROWSER]
        verb = read_choice(payload, "verb", allowed)
        publish(self, verb, _clean_event_data(payload.get("data", {})))
        return {"published": event_name(self, verb)}
