"""What a learner submits for review: their latest submitted canvas, or a response of their own.

The artefact is stored as a plain dict in edx-submissions and shown to reviewers as plain text
(the JavaScript sets it with textContent). Nothing here identifies the author.
"""
from urllib.parse import urlsplit

from xblocks.peer_review.rubric import N_, RubricError

MAX_LINK_CHARS = 500
KIND_CANVAS = "canvas"
KIND_RESPONSE = "response"


def response_artefact(payload, max_chars):
    """A learner's own response: text (required, limited) and an optional http(s) link."""
    text = payload.get("text", "")
    link = payload.get("link", "")
    if not isinstance(text, str) or not isinstance(link, str):
        raise RubricError(N_("Your answer must be text."), field="text")
    text, link = text.strip(), link.strip()
    if not text:
        raise RubricError(N_("Write your answer before you submit it."), field="text")
    if len(text) > max_chars:
        raise RubricError(N_("Your answer is too long (at most %(limit)s characters)."), field="text",
                          limit=max_chars)
    if link:
        parts = urlsplit(link)
        if len(link) > MAX_LINK_CHARS or parts.scheme not in ("http", "https") or not parts.netloc:
            raise RubricError(N_("The link must start with https:// or http://."), field="link")
    return {"kind": KIND_RESPONSE, "text": text, "link": link}


def canvas_artefact(snapshot):
    """The parts of a canvas snapshot a reviewer needs: section titles and note texts."""
    sections = []
    for section in snapshot.get("sections", []):
        items = [{"text": str(item.get("text", "")), "tag": str(item.get("tag", ""))}
                 for item in section.get("items", []) if str(item.get("text", "")).strip()]
        sections.append({"title": str(section.get("title", "")), "layer": str(section.get("layer", "")),
                         "items": items})
    return {"kind": KIND_CANVAS, "template": str(snapshot.get("template", "")),
            "canvas_submission": str(snapshot.get("submission_uuid", "")), "sections": sections}


def artefact_for_display(answer):
    """The stored artefact as the reviewer's page shows it (never the canvas' own submission id)."""
    if not isinstance(answer, dict):
        return {"kind": KIND_RESPONSE, "text": "", "link": "", "sections": []}
    if answer.get("kind") == KIND_CANVAS:
        return {"kind": KIND_CANVAS, "text": "", "link": "", "sections": answer.get("sections", [])}
    return {"kind": KIND_RESPONSE, "text": str(answer.get("text", "")), "link": str(answer.get("link", "")),
            "sections": []}
