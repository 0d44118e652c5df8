"""What a learner's phone downloads for one view: bytes raw and gzipped, and requests."""
import gzip
import importlib.metadata
import re

# The learner view's own HTML+JS+CSS, gzip, from each block's issue.
LEARNER_VIEW_BUDGET_KB = {"sirius_footprint": 20, "sirius_canvas": 25, "sirius_peer_review": 30}
_RESOURCE_URL = re.compile(r"/(?:resource|xblock/resource)/(?P<block_type>[^/]+)/(?P<path>.+)$")


def gzip_size(data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def our_block_classes():
    """(tag, class) of every block this distribution declares."""
    found = []
    for entry_point in importlib.metadata.entry_points(group="xblock.v1"):
        if entry_point.value.startswith("xblocks."):
            found.append((entry_point.name, entry_point.load()))
    return sorted(found, key=lambda pair: pair[0])


def _resource_text(url):
    """A block's file named by its resource URL: the URL says which block type serves it (a page
    of several blocks holds the files of each)."""
    from xblock.core import XBlock  # pylint: disable=import-outside-toplevel

    match = _RESOURCE_URL.search(url)
    if not match:
        raise ValueError(f"not a block resource URL: {url}")
    with XBlock.load_class(match.group("block_type")).open_local_resource(match.group("path")) as resource:
        return resource.read()


def fragment_weight(fragment):
    """Bytes of the fragment's HTML and of each JS/CSS it adds (inline or by URL), and requests.

    Each file is compressed on its own, as a server sends it; `requests` counts the files a first
    visit fetches besides the page itself."""
    parts = [fragment.content]
    requests = 0
    fetched = set()
    for resource in fragment.resources:
        if resource.kind == "url" and not _RESOURCE_URL.search(resource.data):
            continue  # the runtime's own files (the workbench's jQuery and runtime), not the block's
        if resource.kind == "url" and resource.data in fetched:
            continue  # two blocks of one type on a page: the browser fetches their file once
        if resource.kind == "url":
            fetched.add(resource.data)
            parts.append(_resource_text(resource.data))
            requests += 1
        elif resource.kind == "text":
            parts.append(resource.data)
    raw = sum(len(part.encode("utf-8") if isinstance(part, str) else part) for part in parts)
    compressed = sum(gzip_size(part) for part in parts)
    return {"raw_bytes": raw, "gzip_bytes": compressed, "requests": requests}
