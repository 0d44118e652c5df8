"""Validate the OLX course in ``course_content/`` before it is built into an archive.

Run ``python -m scripts.course_validate``. Every rule returns ``OlxError`` values that name a file
(relative to the course folder) and, where the rule can know it, a line, so that a trainer who
broke something in a hand edit can find it. ``validate_course()`` runs every rule; nothing is
skipped silently: a missing tool or block class is itself an error.
"""
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

COURSE_ROOT = Path(__file__).resolve().parent.parent / "course_content"
OUR_BLOCK_TAGS = ("sirius_footprint", "sirius_canvas", "sirius_peer_review")
CONTAINER_TAGS = {"chapter": "sequential", "sequential": "vertical"}
# What a Studio export holds at the top of the course folder; anything else (a learner-state
# dump, an editor backup) must not travel in the archive.
OLX_LAYOUT = ("course.xml", "course", "chapter", "sequential", "vertical", "html", "problem",
              "policies", "about", "info", "static", "assets", "tabs")
# Kept next to the OLX for maintainers, never packed into the archive.
NOT_PACKED = ("README.md", "PUBLISHED_URL_NAMES.txt")
PUBLISHED_URL_NAMES = "PUBLISHED_URL_NAMES.txt"
URL_NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
STATIC_REFERENCE = re.compile(r"/static/([^\"'\s<>()?#]+)")
JUMP_LINK = re.compile(r"/jump_to_id/([^\"'\s<>()?#/]+)")
# CAPA problem fields stored per learner: an export must never carry them.
CAPA_LEARNER_STATE = {"attempts", "student_answers", "correct_map", "input_state", "seed", "done",
                      "last_submission_time", "score", "has_saved_answers"}
TEXT_SUFFIXES = (".xml", ".html", ".json")


@dataclass(frozen=True, order=True)
class OlxError:
    """One thing wrong in the course, where it is and which rule found it."""

    path: str
    line: int
    rule: str
    message: str

    def __str__(self):
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: [{self.rule}] {self.message}"


@dataclass
class CourseNode:
    """A block of the course tree as the platform's XML loader would see it."""

    tag: str
    url_name: str
    path: str
    line: int
    element: object
    parent: "CourseNode | None" = None
    # Where the url_name is written: the pointer for a block in its own file, else the block itself.
    ref_path: str = ""
    ref_line: int = 0

    def __post_init__(self):
        self.ref_path = self.ref_path or self.path
        self.ref_line = self.ref_line or self.line


def safe_parser():
    """An lxml parser that never expands entities nor reaches the network."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           remove_comments=False)


def relative(root, path):
    return Path(path).relative_to(root).as_posix()


class CourseFiles:
    """Parses every text file of the course once; syntax errors become ``OlxError``s."""

    def __init__(self, root):
        self.root = Path(root)
        self.errors = []
        self.xml = {}
        self.text = {}
        for path in sorted(self.root.rglob("*")):
            rel = relative(self.root, path)
            if not path.is_file() or rel in NOT_PACKED or path.suffix not in TEXT_SUFFIXES:
                continue
            try:
                self.text[rel] = path.read_text(encoding="utf-8")
            except UnicodeDecodeError as error:
                self.errors.append(OlxError(rel, 0, "encoding", f"not UTF-8: {error}"))
                continue
            self._parse(rel, self.text[rel])

    def _parse(self, rel, text):
        if rel.endswith(".json"):
            try:
                json.loads(text)
            except json.JSONDecodeError as error:
                self.errors.append(OlxError(rel, error.lineno, "json", error.msg))
            return
        # HTML bodies must be well-formed fragments: the wrapper adds no line, so lines match.
        source = text if rel.endswith(".xml") else f"<div>{text}</div>"
        try:
            tree = etree.fromstring(source.encode("utf-8"), safe_parser())
        except etree.XMLSyntaxError as error:
            self.errors.append(OlxError(rel, error.lineno or 0, "xml-syntax", error.msg))
            return
        doc = tree.getroottree().docinfo
        if doc.internalDTD is not None or "<!ENTITY" in text:
            self.errors.append(OlxError(rel, 1, "xml-syntax", "DOCTYPE/entity declarations are not allowed"))
            return
        if rel.endswith(".xml"):
            self.xml[rel] = tree


def check_layout(root):
    """Only the folders of a Studio export (no learner data, no stray files) are allowed."""
    errors = []
    for entry in sorted(Path(root).iterdir()):
        if entry.name in OLX_LAYOUT or entry.name in NOT_PACKED:
            continue
        errors.append(OlxError(entry.name, 0, "layout",
                               "not part of the OLX layout Studio exports; it would not be imported "
                               "(learner data and backups must stay out of the course)"))
    return errors


def load_course_tree(files):
    """Follow pointers from course.xml like the platform does; returns (nodes, errors)."""
    errors, nodes = [], []
    pointer = files.xml.get("course.xml")
    if pointer is None:
        if "course.xml" not in files.text:
            errors.append(OlxError("course.xml", 0, "structure", "course.xml is missing"))
        return nodes, errors
    for attribute in ("url_name", "org", "course"):
        if not pointer.get(attribute):
            errors.append(OlxError("course.xml", pointer.sourceline, "structure",
                                   f"<course> needs a '{attribute}' attribute"))
    run = pointer.get("url_name")
    if run:
        _load_pointer("course", run, "course.xml", pointer.sourceline, None, files, nodes, errors)
    return nodes, errors


def _load_pointer(tag, url_name, from_path, from_line, parent, files, nodes, errors):
    rel = f"{tag}/{url_name}.xml"
    element = files.xml.get(rel)
    if element is None:
        if rel not in files.text:  # a syntax error is already reported for an existing file
            errors.append(OlxError(from_path, from_line, "structure",
                                   f"<{tag} url_name=\"{url_name}\"/> points to {rel}, which does not exist"))
        return
    if element.tag != tag:
        errors.append(OlxError(rel, element.sourceline, "structure",
                               f"root element is <{element.tag}>, expected <{tag}>"))
        return
    node = CourseNode(tag, url_name, rel, element.sourceline, element, parent, from_path, from_line)
    nodes.append(node)
    if tag == "html":
        _check_html_file(node, files, errors)
    elif tag != "problem":  # a problem's children are CAPA markup, not blocks
        _load_children(node, files, nodes, errors)


def _load_children(node, files, nodes, errors):
    for child in node.element:
        if not isinstance(child.tag, str):
            continue  # comments
        url_name = child.get("url_name")
        if url_name is None:
            errors.append(OlxError(node.path, child.sourceline, "url-name",
                                   f"<{child.tag}> has no url_name: the importer would invent one and "
                                   "learner state would not be tracked"))
            continue
        is_pointer = set(child.keys()) == {"url_name"} and len(child) == 0 and not (child.text or "").strip()
        if is_pointer and child.tag in ("chapter", "sequential", "vertical", "html", "problem"):
            _load_pointer(child.tag, url_name, node.path, child.sourceline, node, files, nodes, errors)
            continue
        leaf = CourseNode(child.tag, url_name, node.path, child.sourceline, child, node)
        nodes.append(leaf)
        if child.tag in ("chapter", "sequential", "vertical"):
            _load_children(leaf, files, nodes, errors)


def _check_html_file(node, files, errors):
    filename = node.element.get("filename")
    if filename is None:
        errors.append(OlxError(node.path, node.line, "structure", "<html> needs a 'filename' attribute"))
    elif f"html/{filename}.html" not in files.text:
        errors.append(OlxError(node.path, node.line, "structure",
                               f"html/{filename}.html does not exist"))


def check_url_names(nodes, root):
    """url_names are ASCII, unique course-wide and stable across releases."""
    errors, seen = [], {}
    for node in nodes:
        if not URL_NAME_PATTERN.match(node.url_name):
            errors.append(OlxError(node.ref_path, node.ref_line, "url-name",
                                   f"url_name {node.url_name!r} must be ASCII letters, digits, '_', '-' or '.'"))
        if node.url_name in seen:
            first = seen[node.url_name]
            errors.append(OlxError(node.ref_path, node.ref_line, "url-name",
                                   f"url_name {node.url_name!r} is used twice "
                                   f"(first in {first.ref_path}:{first.ref_line})"))
        else:
            seen[node.url_name] = node
    errors.extend(_check_published_url_names(seen, root))
    return errors


def read_published_url_names(root):
    """``{url_name: tag}`` from PUBLISHED_URL_NAMES.txt (lines ``tag url_name``)."""
    path = Path(root) / PUBLISHED_URL_NAMES
    if not path.exists():
        return None
    published = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            tag, url_name = line.split()
            published[url_name] = tag
    return published


def format_published_url_names(nodes):
    lines = sorted(f"{node.tag} {node.url_name}" for node in nodes if node.tag != "course")
    return ("# Every url_name ever published. Learner state and grades are keyed on them: never rename.\n"
            "# Regenerate after adding blocks: python -m scripts.course_build --record-url-names\n"
            + "\n".join(lines) + "\n")


def _check_published_url_names(seen, root):
    published = read_published_url_names(root)
    if published is None:
        return [OlxError(PUBLISHED_URL_NAMES, 0, "url-name",
                         "missing; create it with: python -m scripts.course_build --record-url-names")]
    errors = []
    for url_name, tag in sorted(published.items()):
        node = seen.get(url_name)
        if node is None:
            errors.append(OlxError(PUBLISHED_URL_NAMES, 0, "url-name",
                                   f"published {tag} {url_name!r} has disappeared: learners' state and grades "
                                   "are keyed on it; restore it (or remove the line if that is intended)"))
        elif node.tag != tag:
            errors.append(OlxError(node.ref_path, node.ref_line, "url-name",
                                   f"published url_name {url_name!r} was a <{tag}>, now a <{node.tag}>"))
    for url_name, node in sorted(seen.items()):
        if url_name not in published and node.tag != "course":
            errors.append(OlxError(node.ref_path, node.ref_line, "url-name",
                                   f"new url_name {url_name!r} is not recorded in {PUBLISHED_URL_NAMES}; "
                                   "record it: python -m scripts.course_build --record-url-names"))
    return errors


def check_orphans(nodes, files):
    """A block file the course never points at is dead weight (and confuses authors)."""
    used = {node.path for node in nodes} | {f"html/{n.element.get('filename')}.html" for n in nodes if n.tag == "html"}
    errors = []
    for rel in files.text:
        folder = rel.split("/")[0]
        if folder in ("chapter", "sequential", "vertical", "html", "problem", "course") and rel not in used:
            errors.append(OlxError(rel, 0, "structure", "not used by the course (no pointer leads here)"))
    return errors


def read_grading_policy(root, run):
    path = Path(root) / "policies" / run / "grading_policy.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None


def check_grading(nodes, root):
    """Every graded subsection's format is an assignment type of the grading policy, and back."""
    course = next((n for n in nodes if n.tag == "course"), None)
    if course is None:
        return []
    rel = f"policies/{course.url_name}/grading_policy.json"
    policy = read_grading_policy(root, course.url_name)
    if policy is None:
        return [OlxError(rel, 0, "grading", "missing or not valid JSON")]
    graders = {grader.get("type"): grader for grader in policy.get("GRADER", [])}
    errors, counts = [], {name: 0 for name in graders}
    total = sum(float(grader.get("weight", 0)) for grader in graders.values())
    if abs(total - 1.0) > 1e-6:
        errors.append(OlxError(rel, 0, "grading", f"assignment weights add up to {total}, not 1"))
    for node in nodes:
        if node.tag != "sequential":
            continue
        graded, fmt = node.element.get("graded") == "true", node.element.get("format")
        if graded and not fmt:
            errors.append(OlxError(node.path, node.line, "grading", "graded subsection without a format"))
        elif fmt and not graded:
            errors.append(OlxError(node.path, node.line, "grading",
                                   f"format {fmt!r} on a subsection that is not graded=\"true\""))
        elif fmt and fmt not in graders:
            errors.append(OlxError(node.path, node.line, "grading",
                                   f"format {fmt!r} is not an assignment type of {rel} "
                                   f"({', '.join(sorted(graders))})"))
        elif fmt:
            counts[fmt] += 1
    for name, count in sorted(counts.items()):
        needed = int(graders[name].get("min_count", 0))
        if count < needed:
            errors.append(OlxError(rel, 0, "grading",
                                   f"assignment type {name!r} expects {needed} subsections, the course has "
                                   f"{count}: learners could never reach full marks"))
    return errors


def _line_at(text, offset):
    return text.count("\n", 0, offset) + 1


def check_links(nodes, files, root):
    """Every /static/ file exists and every /jump_to_id/ target is a url_name of the course."""
    errors, url_names = [], {node.url_name for node in nodes}
    static = Path(root) / "static"
    for rel, text in sorted(files.text.items()):
        for match in STATIC_REFERENCE.finditer(text):
            if not (static / match.group(1)).is_file():
                errors.append(OlxError(rel, _line_at(text, match.start()), "static",
                                       f"/static/{match.group(1)} does not exist in static/"))
        for match in JUMP_LINK.finditer(text):
            if match.group(1) not in url_names:
                errors.append(OlxError(rel, _line_at(text, match.start()), "jump-link",
                                       f"/jump_to_id/{match.group(1)} points to no url_name of the course"))
    course = next((n for n in nodes if n.tag == "course"), None)
    if course is not None:
        rel = f"policies/{course.url_name}/policy.json"
        try:
            settings = json.loads(files.text.get(rel, "{}")).get(f"course/{course.url_name}", {})
        except json.JSONDecodeError:
            settings = {}
        image = settings.get("course_image")
        if image and not (static / image).is_file():
            errors.append(OlxError(rel, 0, "static", f"course_image {image!r} does not exist in static/"))
    return errors


def check_no_learner_state(nodes):
    """An export never carries learner state: no per-learner CAPA field in problem files."""
    errors = []
    for node in nodes:
        if node.tag == "problem":
            for name in sorted(CAPA_LEARNER_STATE & set(node.element.keys())):
                errors.append(OlxError(node.path, node.line, "learner-state",
                                       f"problem attribute {name!r} is learner state"))
    return errors


def check_with_olxcleaner(root):
    """olxcleaner (a GPL-3.0 dev tool, imported only here) with our three tags allowed."""
    try:
        from olxcleaner import validate  # pylint: disable=import-outside-toplevel
    except ImportError:
        return [OlxError("course.xml", 0, "olxcleaner",
                         "olxcleaner is not installed: pip install olxcleaner (dev requirement)")]
    _course, store, _url_names = validate(str(root), steps=8, ignore=[], allowed_xblocks=list(OUR_BLOCK_TAGS))
    errors = []
    for error in store.errors:
        if error.level_val >= 2:  # WARNING and ERROR: our own course has no excuse
            filename = relative(root, error.filename) if Path(error.filename).is_absolute() else str(error.filename)
            errors.append(OlxError(filename, _olxcleaner_line(root, filename, error.description),
                                   "olxcleaner", f"{error.name}: {error.description}"))
    return errors


def _olxcleaner_line(root, filename, description):
    """olxcleaner names the file only; find the element it names by url_name, when it does."""
    match = re.search(r"url_name='([^']+)'", description)
    path = Path(root) / filename
    if not match or not path.is_file():
        return 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if f'url_name="{match.group(1)}"' in line:
            return number
    return 1 if path.suffix == ".xml" else 0  # a file's own url_name is its name: its root element


# Attributes the platform consumes itself rather than handing to the block's fields.
NON_FIELD_ATTRIBUTES = {"url_name", "xblock-family"}


def load_block_class(tag):
    """The class the LMS would load for ``tag`` (its ``xblock.v1`` entry point), or None."""
    from xblock.core import XBlock  # pylint: disable=import-outside-toplevel
    from xblock.plugin import PluginMissingError  # pylint: disable=import-outside-toplevel
    try:
        return XBlock.load_class(tag)
    except PluginMissingError:
        return None


def ensure_django():
    """Block modules use Django (templates, translation): outside an LMS, use the workbench settings."""
    import os  # pylint: disable=import-outside-toplevel
    import django  # pylint: disable=import-outside-toplevel
    from django.conf import settings  # pylint: disable=import-outside-toplevel
    if not settings.configured:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scripts.workbench_settings")
    django.setup()


def parsing_runtime():
    """A bare XBlock runtime (memory ids, dict storage) that parses OLX like an import does."""
    # pylint: disable=import-outside-toplevel
    from xblock.runtime import DictKeyValueStore, KvsFieldData, MemoryIdManager, Runtime

    class ParsingRuntime(Runtime):
        """Parses and constructs blocks; it never renders, so URLs and events are refused."""

        def handler_url(self, block, handler_name, suffix="", query="", thirdparty=False):
            raise NotImplementedError("parsing only")

        def resource_url(self, resource):
            raise NotImplementedError("parsing only")

        def local_resource_url(self, block, uri):
            raise NotImplementedError("parsing only")

        def publish(self, block, event_type, event_data):
            raise NotImplementedError("parsing only")

    ids = MemoryIdManager()
    return ParsingRuntime(ids, ids, services={"field-data": KvsFieldData(DictKeyValueStore())})


def _user_scopes():
    from xblock.fields import Scope  # pylint: disable=import-outside-toplevel
    return {Scope.user_state, Scope.preferences, Scope.user_info, Scope.user_state_summary}


def check_block_attributes(node, cls):
    """Each attribute is a content/settings field of ``cls`` whose value parses and is allowed."""
    errors = []
    for name, raw in sorted(node.element.items()):
        if name in NON_FIELD_ATTRIBUTES:
            continue
        field = cls.fields.get(name)
        if field is None:
            errors.append(OlxError(node.path, node.line, "block-attribute",
                                   f"<{node.tag}> has no field {name!r}: the platform would drop it silently"))
            continue
        if field.scope in _user_scopes():
            errors.append(OlxError(node.path, node.line, "learner-state",
                                   f"<{node.tag}> attribute {name!r} is learner state ({field.scope})"))
            continue
        try:
            value = field.from_string(raw)
        except Exception as error:  # pylint: disable=broad-except
            errors.append(OlxError(node.path, node.line, "block-attribute",
                                   f"<{node.tag}> {name}={raw!r} does not parse: {error}"))
            continue
        problem = _value_outside(field.values, value)
        if problem:
            errors.append(OlxError(node.path, node.line, "block-attribute", f"<{node.tag}> {name}={raw!r} {problem}"))
    return errors


def _value_outside(values, value):
    """Why ``value`` is not allowed by a field's ``values`` (a list of choices or a min/max range)."""
    if isinstance(values, (list, tuple)) and values:
        allowed = [v["value"] if isinstance(v, dict) else v for v in values]
        return None if value in allowed else f"is not one of {allowed}"
    if isinstance(values, dict) and value is not None:
        if "min" in values and value < values["min"]:
            return f"is below the minimum {values['min']}"
        if "max" in values and value > values["max"]:
            return f"is above the maximum {values['max']}"
    return None


USAGE_KEY = re.compile(r"^block-v1:([^+]+)\+([^+]+)\+([^+]+)\+type@([^+]+)\+block@(.+)$")
# Attributes of our blocks that name another block of the course by its url_name (which survives
# an import under another course id), and the type of block they name.
URL_NAME_REFERENCES = {("sirius_peer_review", "source_block"): "sirius_canvas"}


def block_reference(tag, attribute, raw):
    """(course key parts or None, block type, url_name) when `attribute` of `<tag>` names a block."""
    value = raw.strip()
    match = USAGE_KEY.match(value)
    if match:
        *key, block_type, url_name = match.groups()
        return tuple(key), block_type, url_name
    if value and (tag, attribute) in URL_NAME_REFERENCES:
        return None, URL_NAME_REFERENCES[(tag, attribute)], value
    return None


def check_block_references(nodes, files):
    """A block named in one of our blocks (by usage key or url_name) is a block of this course, of
    that type."""
    pointer = files.xml.get("course.xml")
    course_key = (pointer.get("org"), pointer.get("course"), pointer.get("url_name")) if pointer is not None else None
    known = {(node.tag, node.url_name) for node in nodes}
    errors = []
    for node in nodes:
        if node.tag not in OUR_BLOCK_TAGS:
            continue
        for name, raw in sorted(node.element.items()):
            reference = block_reference(node.tag, name, raw)
            if not reference:
                continue
            key, block_type, url_name = reference
            if key and course_key and key != course_key:
                errors.append(OlxError(node.path, node.line, "block-reference",
                                       f"{name}={raw!r} names course {'+'.join(key)}, this course is "
                                       f"{'+'.join(course_key)} (course.xml)"))
            if (block_type, url_name) not in known:
                errors.append(OlxError(node.path, node.line, "block-reference",
                                       f"{name}={raw!r}: no <{block_type} url_name=\"{url_name}\"> in the course"))
    return errors


def check_block_parses(node):
    """Parse the element through the block class (its own parse_xml) and run its validate()."""
    runtime = parsing_runtime()
    element = etree.fromstring(etree.tostring(node.element))
    element.attrib.pop("url_name", None)  # the platform turns it into the usage id, not a field
    try:
        block = runtime.get_block(runtime.parse_xml_string(etree.tostring(element)))
        validation = block.validate()
        if hasattr(block, "validate_field_data") and not _uses_studio_validation(type(block)):
            block.validate_field_data(validation, block)
    except Exception as error:  # pylint: disable=broad-except
        return [OlxError(node.path, node.line, "block-attribute",
                         f"<{node.tag} url_name=\"{node.url_name}\"> does not load: {type(error).__name__}: {error}")]
    return [OlxError(node.path, node.line, "block-attribute", f"<{node.tag}> {message.text}")
            for message in getattr(validation, "messages", []) if message.type == "error"]


def _uses_studio_validation(cls):
    """StudioEditableXBlockMixin.validate() already calls validate_field_data()."""
    return any(base.__name__ == "StudioEditableXBlockMixin" for base in cls.__mro__)


def check_block_elements(nodes):
    """Our blocks, checked by the real classes an LMS would load through the entry points."""
    errors, nodes = [], [node for node in nodes if node.tag in OUR_BLOCK_TAGS]
    if nodes:
        try:
            ensure_django()
        except Exception as error:  # pylint: disable=broad-except
            return [OlxError(nodes[0].path, nodes[0].line, "unknown-block-class",
                             f"cannot load block classes, Django does not start: {type(error).__name__}: {error}")]
    for node in nodes:
        try:
            cls = load_block_class(node.tag)
        except Exception as error:  # pylint: disable=broad-except
            errors.append(OlxError(node.path, node.line, "unknown-block-class",
                                   f"the {node.tag!r} entry point does not load: {type(error).__name__}: {error}"))
            continue
        if cls is None:
            errors.append(OlxError(node.path, node.line, "unknown-block-class",
                                   f"no xblock.v1 entry point named {node.tag!r}: install the package "
                                   "(pip install -e .) before validating"))
            continue
        attribute_errors = check_block_attributes(node, cls)
        errors += attribute_errors or check_block_parses(node)
    return errors


def validate_course(root=COURSE_ROOT):
    """Run every rule; returns the sorted list of ``OlxError`` (empty when the course is clean)."""
    root = Path(root)
    files = CourseFiles(root)
    nodes, errors = load_course_tree(files)
    errors += files.errors + check_layout(root)
    errors += check_url_names(nodes, root) + check_orphans(nodes, files)
    errors += check_grading(nodes, root) + check_links(nodes, files, root)
    errors += check_no_learner_state(nodes) + check_block_elements(nodes)
    errors += check_block_references(nodes, files)
    errors += check_with_olxcleaner(root)
    return sorted(set(errors))


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    root = Path(argv[0]) if argv else COURSE_ROOT
    errors = validate_course(root)
    for error in errors:
        print(error, file=sys.stderr)
    print(f"{root}: {len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
