"""The one sanitizer for author-written HTML (Studio intro texts, instructions).

An allow-list: formatting, lists, links and images served by the course itself. No scripts, no
styles, no event handlers, and no image from another host (a learner's page makes no third-party
request).
"""
import re

import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "u", "s", "small", "sub", "sup", "mark",
    "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "code", "pre",
    "h3", "h4", "h5", "a", "img", "span", "abbr", "figure", "figcaption",
    "table", "thead", "tbody", "tr", "th", "td", "caption",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "lang"},
    "img": {"src", "alt", "width", "height"},
    "abbr": {"title"},
    "span": {"lang", "dir"},
    "p": {"lang", "dir"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}


def _keep_attribute(tag, attribute, value):
    if tag == "img" and attribute == "src":
        # Only images from the course itself: a path on the same host, never another host. Browsers
        # drop tabs and line breaks from URLs and read a backslash as a slash, so "/\\x" and
        # "/<TAB>/x" would mean "//x": another host.
        path = re.sub(r"[\t\n\r]", "", value)
        return value if path.startswith("/") and path[1:2] not in ("/", "\\") else None
    return value


def sanitize_author_html(html):
    """Safe HTML from author input; the only value a template may mark |safe."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"https", "http", "mailto"},
        link_rel="noopener noreferrer",
        attribute_filter=_keep_attribute,
    )
