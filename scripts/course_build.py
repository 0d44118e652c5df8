"""Build the course archive that Studio imports, after validating the OLX.

``python -m scripts.course_build`` validates ``course_content/`` (see ``scripts.course_validate``)
and writes ``dist/entreprendre-numerique-responsable.tar.gz``. The archive is byte-for-byte
reproducible: same files in, same bytes out (sorted entries, fixed times, owners and modes,
fixed gzip header), so a reviewer can rebuild it and compare checksums.

``course_scenarios()`` turns the units that hold our blocks into workbench scenarios.
"""
import argparse
import gzip
import hashlib
import io
import logging
import re
import sys
import tarfile
from pathlib import Path

from lxml import etree

from scripts.course_validate import (COURSE_ROOT, OLX_LAYOUT, OUR_BLOCK_TAGS, PUBLISHED_URL_NAMES, block_reference,
                                     CourseFiles, format_published_url_names, load_block_class,
                                     load_course_tree, safe_parser, validate_course)

log = logging.getLogger(__name__)
DIST = COURSE_ROOT.parent / "dist"
# The archive also ships inside the package, so the Tutor plugin's job can import it with no mount.
BUNDLED = COURSE_ROOT.parent / "xblocks" / "course"
ARCHIVE_NAME = "entreprendre-numerique-responsable.tar.gz"
# The importer uses the first folder holding a course.xml; Studio exports name it "course".
ARCHIVE_TOP_FOLDER = "course"
# 2026-01-01T00:00:00Z: every entry gets this time, whatever the checkout's file times are.
FIXED_MTIME = 1767225600


def archive_path(output_dir=DIST):
    return Path(output_dir) / ARCHIVE_NAME


def packed_files(source=COURSE_ROOT):
    """Relative paths of what goes into the archive, sorted: only the OLX layout, no dotfiles."""
    source = Path(source)
    paths = []
    for top in OLX_LAYOUT:
        entry = source / top
        candidates = [entry] if entry.is_file() else sorted(entry.rglob("*")) if entry.is_dir() else []
        for path in candidates:
            rel = path.relative_to(source)
            if path.is_file() and not any(part.startswith(".") for part in rel.parts):
                paths.append(rel.as_posix())
    return sorted(paths)


def _tar_info(name, size=0, directory=False):
    info = tarfile.TarInfo(name)
    info.type = tarfile.DIRTYPE if directory else tarfile.REGTYPE
    info.mode = 0o755 if directory else 0o644
    info.size = size
    info.mtime = FIXED_MTIME
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def archive_bytes(source=COURSE_ROOT):
    """The .tar.gz of the course as bytes, identical for identical course files."""
    source = Path(source)
    files = packed_files(source)
    directories = sorted({"/".join(f.split("/")[:i]) for f in files for i in range(1, f.count("/") + 1)})
    entries = sorted([(d, True) for d in directories] + [(f, False) for f in files])
    tar_buffer = io.BytesIO()
    with tarfile.open(fileobj=tar_buffer, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        tar.addfile(_tar_info(ARCHIVE_TOP_FOLDER, directory=True))
        for rel, is_directory in entries:
            name = f"{ARCHIVE_TOP_FOLDER}/{rel}"
            if is_directory:
                tar.addfile(_tar_info(name, directory=True))
            else:
                data = (source / rel).read_bytes()
                tar.addfile(_tar_info(name, size=len(data)), io.BytesIO(data))
    gzip_buffer = io.BytesIO()
    # filename="" and mtime=0 keep the gzip header free of the build machine's path and clock.
    with gzip.GzipFile(filename="", mode="wb", fileobj=gzip_buffer, compresslevel=9, mtime=0) as gz:
        gz.write(tar_buffer.getvalue())
    return gzip_buffer.getvalue()


def build_archive(source=COURSE_ROOT, output_dir=DIST):
    """Write the archive and return its path (no validation: see ``main``)."""
    path = archive_path(output_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(archive_bytes(source))
    return path


def record_url_names(source=COURSE_ROOT):
    """Add the course's current url_names to PUBLISHED_URL_NAMES.txt (never drops published ones)."""
    source = Path(source)
    nodes, _errors = load_course_tree(CourseFiles(source))
    path = source / PUBLISHED_URL_NAMES
    previous = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    kept = [line for line in previous if line.strip() and not line.startswith("#")]
    current = format_published_url_names(nodes).splitlines()
    header = [line for line in current if line.startswith("#")]
    body = sorted(set(kept) | {line for line in current if not line.startswith("#")})
    path.write_text("\n".join(header + body) + "\n", encoding="utf-8")
    return path


# --- workbench scenarios -------------------------------------------------------------------

STATIC_IMAGE = re.compile(r"<img\b[^>]*src=\"/static/[^\"]*\"[^>]*/>")
JUMP_ANCHOR = re.compile(r"<a href=\"/jump_to_id/[^\"]*\">(.*?)</a>", re.S)


def _html_for_workbench(body):
    """Course HTML as the SDK's html_demo block can show it without the LMS around it."""
    body = STATIC_IMAGE.sub("", body)  # /static/ is served by the LMS only: avoid 404s
    body = JUMP_ANCHOR.sub(r"<strong>\1</strong>", body)  # jump links need the LMS too
    return body.replace("$", "$$")  # html_demo runs string.Template.substitute on its content


def _workbench_copy(element):
    copy = etree.fromstring(etree.tostring(element))
    for attribute in ("url_name", "xblock-family"):
        copy.attrib.pop(attribute, None)  # not fields: the workbench would log warnings
    return copy


def _referenced_blocks(element, blocks_by_url_name):
    """Our blocks that ``element`` names (the canvas a peer review reviews)."""
    for name, value in sorted(element.items()):
        reference = block_reference(element.tag, name, value)
        if reference and reference[2] in blocks_by_url_name:
            yield name, blocks_by_url_name[reference[2]]


def _scenario_children(vertical, source, blocks_by_url_name):
    for child in vertical:
        if not isinstance(child.tag, str):
            continue
        if child.tag == "html":
            pointer = etree.parse(str(source / "html" / f"{child.get('url_name')}.xml"), safe_parser()).getroot()
            body = (source / "html" / f"{pointer.get('filename')}.html").read_text(encoding="utf-8")
            yield f"<html_demo>{_html_for_workbench(body)}</html_demo>"
        elif child.tag in OUR_BLOCK_TAGS:
            element = _workbench_copy(child)
            # The referenced block (the canvas a review reviews) lives in another unit, which is not
            # in this scenario: put a copy in the same unit, where the block finds it unnamed.
            for attribute, referenced in _referenced_blocks(child, blocks_by_url_name):
                element.attrib.pop(attribute)
                yield etree.tostring(_workbench_copy(referenced), encoding="unicode")
            yield etree.tostring(element, encoding="unicode")
        # CAPA problems need the LMS; the workbench shows the interactive blocks only.


def _block_class_loads(tag):
    try:
        return load_block_class(tag) is not None
    except Exception:  # pylint: disable=broad-except
        return False


def course_scenarios(source=COURSE_ROOT):
    """``[(scenario_id, description, xml)]``: one workbench scenario per course unit holding our blocks.

    Units come in course order; the id is ``course_<unit url_name>`` (stable, usable in
    ``/scenario/<id>/``), the XML a ``vertical_demo`` with the unit's text and blocks.
    """
    source = Path(source)
    nodes, _errors = load_course_tree(CourseFiles(source))
    ours = {node.url_name: node.element for node in nodes if node.tag in OUR_BLOCK_TAGS}
    scenarios = []
    for node in nodes:
        tags = {child.tag for child in node.element if child.tag in OUR_BLOCK_TAGS}
        if node.tag != "vertical" or not tags:
            continue
        unloadable = sorted(tag for tag in tags if not _block_class_loads(tag))
        if unloadable:
            # One unit whose block is not installed must not take the whole workbench down;
            # course_validate reports the same missing class as an error.
            log.warning("course unit %s left out of the workbench: %s not loadable", node.url_name, unloadable)
            continue
        children = "\n  ".join(_scenario_children(node.element, source, ours))
        title = node.element.get("display_name", node.url_name)
        scenarios.append((f"course_{node.url_name}", f"Cours ENTR101 – {title}",
                          f"<vertical_demo>\n  {children}\n</vertical_demo>"))
    return scenarios


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m scripts.course_build", description=__doc__.split("\n")[0])
    parser.add_argument("--source", type=Path, default=COURSE_ROOT, help="course folder (default: course_content)")
    parser.add_argument("--output-dir", type=Path, default=DIST, help="where the archive goes (default: dist)")
    parser.add_argument("--bundle", action="store_true",
                        help=f"also copy the archive into {BUNDLED.relative_to(COURSE_ROOT.parent)}/, shipped in the package")
    parser.add_argument("--record-url-names", action="store_true",
                        help=f"record the course's url_names in {PUBLISHED_URL_NAMES}, then validate and build")
    args = parser.parse_args(argv)
    if args.record_url_names:
        print(f"recorded url_names in {record_url_names(args.source)}")
    errors = validate_course(args.source)
    for error in errors:
        print(error, file=sys.stderr)
    if errors:
        print(f"{len(errors)} error(s): archive not built", file=sys.stderr)
        return 1
    path = build_archive(args.source, args.output_dir)
    data = path.read_bytes()
    print(f"{path}: {len(data)} bytes, {len(packed_files(args.source))} files, "
          f"sha256 {hashlib.sha256(data).hexdigest()}")
    if args.bundle:
        BUNDLED.mkdir(exist_ok=True)
        archive_path(BUNDLED).write_bytes(data)
        print(f"bundled as {archive_path(BUNDLED)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
