"""Tutor plugin for sirius-xblocks (Tutor 19 to 22: Open edX Sumac to Verawood).

    tutor plugins install scripts/tutor_sirius.py   # copies this file into `tutor plugins printroot`
    tutor plugins enable tutor_sirius
    tutor images build openedx && tutor local launch

What it does:
- installs the ``sirius-xblocks`` distribution into the openedx image through the Dockerfile patch
  ``openedx-dockerfile-post-python-requirements``. Not through OPENEDX_EXTRA_PIP_REQUIREMENTS: a
  list that an operator sets in config.yml replaces a plugin's value, and the blocks would vanish.
  ``SIRIUS_XBLOCKS_PIP_SPEC`` is any pip requirement (version pin, git URL, wheel URL).
- adds the job ``tutor local do sirius-import-course [ARCHIVE]`` (also ``tutor dev do``): it imports
  a course archive with ``manage.py cms import``, which creates the course
  ``course-v1:ORG+NUMBER+RUN`` named in the archive's course.xml when it does not exist yet and
  updates it in place otherwise. Without ARCHIVE it imports the course bundled in the installed
  package (``xblocks/course/``), with no mount. An ARCHIVE of your own (for example an adapted
  copy) needs its folder mounted into the cms-job container first (explicit Tutor mount):
      tutor mounts add "cms-job:/absolute/path/to/dist:/openedx/sirius-course"
"""
import os
import re

import click
from tutor import config as tutor_config
from tutor import exceptions, hooks
from tutor.bindmount import parse_explicit_mount

# Keep equal to xblocks/__init__.py (a test compares them): this file is copied out of the
# repository by `tutor plugins install`, so it cannot read the package version at run time.
SIRIUS_XBLOCKS_VERSION = "0.1.0"
__version__ = SIRIUS_XBLOCKS_VERSION

COURSE_MOUNT_POINT = "/openedx/sirius-course"
BUNDLED_ARCHIVE = "course/entreprendre-numerique-responsable.tar.gz"  # inside the xblocks package
ARCHIVE_NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*\.tar\.gz$")

hooks.Filters.CONFIG_DEFAULTS.add_items([
    ("SIRIUS_XBLOCKS_VERSION", SIRIUS_XBLOCKS_VERSION),
    ("SIRIUS_XBLOCKS_PIP_SPEC", "sirius-xblocks=={{ SIRIUS_XBLOCKS_VERSION }}"),
])

# Plain `pip` exists in every supported image (the venv is made with `python -m venv`);
# `$PIP_COMMAND` only exists from Tutor 21.
hooks.Filters.ENV_PATCHES.add_item((
    "openedx-dockerfile-post-python-requirements",
    "# sirius-xblocks: footprint, canvas and peer-review XBlocks (tutor_sirius plugin)\n"
    "RUN pip install --no-cache-dir '{{ SIRIUS_XBLOCKS_PIP_SPEC }}'",
))

# Runs in the cms-job container from /openedx/edx-platform. Rendered with Jinja by Tutor: no
# Jinja delimiters in the shell below. `cms import` takes a folder, not a tarball, and creates
# the course if missing (create_if_not_present), like `tutor local do importdemocourse`.
IMPORT_SCRIPT = """
{locate_archive}
if [ ! -f "$archive" ] ; then
    echo "ERROR: $archive is not visible in the cms-job container."
    echo "       {hint}"
    exit 1
fi
workdir="$(mktemp -d /tmp/sirius-course.XXXXXX)"
tar -xzf "$archive" -C "$workdir" --no-same-owner --no-same-permissions
course_xml_count="$(find "$workdir" -name course.xml | wc -l)"
if [ "$course_xml_count" -ne 1 ] ; then
    echo "ERROR: the archive must hold exactly one course.xml (found $course_xml_count)."
    rm -rf "$workdir"
    exit 1
fi
course_root="$(dirname "$(find "$workdir" -name course.xml)")"
course_id="$(python -c 'import sys, xml.etree.ElementTree as tree
root = tree.parse(sys.argv[1]).getroot()
print("course-v1:" + "+".join(root.get(key, "?") for key in ("org", "course", "url_name")))' "$course_root/course.xml")"
echo "INFO: importing $course_id from $(basename "$archive") (the course is created if it does not exist)"
python ./manage.py cms import ../data "$course_root"
rm -rf "$workdir"
echo "INFO: $course_id imported. Open it in Studio to check it."
"""


def mounted_course_folders(config):
    """Host folders mounted at COURSE_MOUNT_POINT in the cms-job service (explicit mounts)."""
    folders = []
    for mount in config.get("MOUNTS", []):
        for service, host_path, container_path in parse_explicit_mount(mount):
            if service == "cms-job" and container_path.rstrip("/") == COURSE_MOUNT_POINT:
                folders.append(os.path.normpath(host_path))
    return folders


def check_archive_is_mounted(config, archive):
    """The archive's folder must be the one mounted for cms-job; say exactly how if not."""
    host_folder = os.path.dirname(os.path.abspath(archive))
    if not os.path.isfile(archive):
        raise exceptions.TutorError(f"Course archive not found: {archive}. Build it with scripts/course_build.py.")
    if not ARCHIVE_NAME_PATTERN.match(os.path.basename(archive)):
        raise exceptions.TutorError(
            f"Archive name {os.path.basename(archive)!r} must end in .tar.gz and use only letters, digits, "
            "dots, dashes and underscores."
        )
    if os.path.normpath(host_folder) not in mounted_course_folders(config):
        raise exceptions.TutorError(
            f"The cms-job container cannot see {host_folder}. Mount it once, then run this job again:\n"
            f'    tutor mounts add "cms-job:{host_folder}:{COURSE_MOUNT_POINT}"'
        )


@click.command(
    name="sirius-import-course",
    help="Import the Sirius Hub course into Open edX, creating the course if it does not exist: the course bundled "
    "in the package, or ARCHIVE (.tar.gz), whose folder must then be mounted at "
    f"{COURSE_MOUNT_POINT} in cms-job (see tutor mounts add).",
)
@click.argument("archive", type=click.Path(dir_okay=False), required=False)
def import_course(archive=None):
    if archive is None:
        yield ("cms", import_script(BUNDLED_LOCATION, "Rebuild the image with the tutor_sirius plugin enabled: "
                                                      "tutor images build openedx"))
        return
    context = click.get_current_context()
    config = tutor_config.load(context.obj.root)
    check_archive_is_mounted(config, archive)
    yield ("cms", import_script(f'archive="{COURSE_MOUNT_POINT}/{os.path.basename(archive)}"',
                                f'Mount its folder: tutor mounts add \\"cms-job:/absolute/path/to/dist:{COURSE_MOUNT_POINT}\\"'))


# The installed package knows where its files are, whatever the image's Python path.
BUNDLED_LOCATION = ("archive=\"$(python -c 'import importlib.resources as r; "
                    f"print(r.files(\"xblocks\").joinpath(\"{BUNDLED_ARCHIVE}\"))')\"")


def import_script(locate_archive, hint):
    return IMPORT_SCRIPT.format(locate_archive=locate_archive, hint=hint)


hooks.Filters.CLI_DO_COMMANDS.add_item(import_course)


@hooks.Actions.DO_JOB.add(priority=hooks.priorities.HIGH)
def _refuse_kubernetes(job_name, *args, **kwargs):
    """An archive of one's own needs a bind mount: say so before `tutor k8s do` waits (up to 10
    minutes) for the cluster's deployments. The bundled course needs none."""
    if job_name != import_course.name or not (kwargs.get("archive") or any(args)):
        return
    context = click.get_current_context()
    mode = context.parent.parent.info_name if context.parent and context.parent.parent else ""
    if mode == "k8s":
        raise exceptions.TutorError("sirius-import-course ARCHIVE needs a bind mount, so it runs with `tutor local "
                                    "do` or `tutor dev do`. On Kubernetes, import the bundled course (no ARCHIVE) "
                                    "or use scripts/course_import.py.")
