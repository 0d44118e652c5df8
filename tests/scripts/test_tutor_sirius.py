"""The Tutor plugin scripts/tutor_sirius.py, with Tutor from PyPI and no Docker.

Tutor runs in subprocesses with a temporary TUTOR_ROOT and plugins root (Tutor's hooks are
process-wide, so nothing is loaded into the pytest process). The `do` job runs Tutor's real CLI
with docker compose patched out; the captured job script is then run with sh against a fake
manage.py, so its shell logic is exercised too.
"""
import io
import json
import os
import re
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

REPOSITORY_ROOT = Path(__file__).resolve().parents[2]
PLUGIN_FILE = REPOSITORY_ROOT / "scripts" / "tutor_sirius.py"
TUTOR = Path(sys.executable).parent / "tutor"
MOUNT_POINT = "/openedx/sirius-course"

# Runs Tutor's CLI in-process in a child interpreter, with docker compose replaced by a recorder.
JOB_RUNNER = r"""
import json, sys
from unittest.mock import patch
import click.testing
from tutor import hooks
from tutor.commands.cli import cli

hooks.Actions.CORE_READY.do()  # what tutor's main() does: discover and load plugins
calls = []
with patch("tutor.utils.docker_compose", side_effect=lambda *args: calls.append(list(args)) or 0), \
        patch("tutor.utils.kubectl", side_effect=lambda *args: calls.append(["kubectl", *args]) or 0), \
        patch("tutor.commands.compose.ComposeTaskRunner.is_running", return_value=False):
    result = click.testing.CliRunner().invoke(cli, sys.argv[1:])
# tutor's main() prints a TutorError's message; CliRunner keeps it as result.exception
error = str(result.exception) if result.exception and not isinstance(result.exception, SystemExit) else ""
print(json.dumps({"exit_code": result.exit_code, "output": result.output + error, "calls": calls}))
"""

FAKE_MANAGE_PY = """
import json, os, sys
course_root = sys.argv[-1]
with open(os.environ["FAKE_MANAGE_LOG"], "w") as log:
    json.dump({"argv": sys.argv[1:], "files": sorted(os.listdir(course_root))}, log)
"""


class TutorProject:
    def __init__(self, directory):
        self.directory = directory
        self.root = directory / "tutor-root"
        self.env = dict(os.environ, TUTOR_ROOT=str(self.root), TUTOR_PLUGINS_ROOT=str(directory / "plugins"),
                        TUTOR_IGNORE_ENTRYPOINT_PLUGINS="1")

    def tutor(self, *arguments):
        result = subprocess.run([str(TUTOR), *arguments], env=self.env, cwd=self.directory,
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, f"tutor {' '.join(arguments)} failed:\n{result.stdout}\n{result.stderr}"
        return result.stdout

    def rendered(self, *path):
        return (self.root / "env" / Path(*path)).read_text()

    def run_job(self, *arguments):
        result = subprocess.run([sys.executable, "-c", JOB_RUNNER, *arguments], env=self.env, cwd=self.directory,
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def project(tmp_path):
    """A Tutor project with the plugin installed the way docs/operators.md says."""
    assert TUTOR.exists(), "tutor is a test requirement (requirements/test.in)"
    project = TutorProject(tmp_path)
    project.tutor("config", "save")
    project.tutor("plugins", "install", str(PLUGIN_FILE))
    project.tutor("plugins", "enable", "tutor_sirius")
    return project


def write_archive(path, members):
    with tarfile.open(path, "w:gz") as tar:
        for name, text in members.items():
            data = text.encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


COURSE_MEMBERS = {
    "course/course.xml": '<course url_name="2026" org="SiriusHub" course="ENTR101"/>',
    "course/course/2026.xml": '<course display_name="Entreprendre"/>',
}


def package_version():
    init_text = (REPOSITORY_ROOT / "xblocks" / "__init__.py").read_text()
    return re.search(r'^__version__ = "([^"]+)"', init_text, re.M).group(1)


def test_rendered_dockerfile_installs_the_blocks_after_the_platform_requirements(project):
    dockerfile = project.rendered("build", "openedx", "Dockerfile")

    install_line = f"RUN pip install --no-cache-dir 'sirius-xblocks=={package_version()}'"
    assert install_line in dockerfile
    platform_requirements = dockerfile.index("requirements/edx/base.txt")
    assert dockerfile.index(install_line) > platform_requirements
    assert project.tutor("config", "printvalue", "OPENEDX_EXTRA_PIP_REQUIREMENTS").strip() == "[]"


def test_operator_extra_requirements_do_not_remove_the_blocks(project):
    project.tutor("config", "save", "--set", 'OPENEDX_EXTRA_PIP_REQUIREMENTS=["other-xblock==1.2"]')

    dockerfile = project.rendered("build", "openedx", "Dockerfile")

    assert "other-xblock==1.2" in dockerfile
    assert "RUN pip install --no-cache-dir 'sirius-xblocks==" in dockerfile


def test_pip_spec_is_configurable(project):
    spec = "sirius-xblocks @ git+https://example.org/sirius/sirius-xblocks.git@v0.1.0"
    project.tutor("config", "save", "--set", f"SIRIUS_XBLOCKS_PIP_SPEC={spec}")

    assert f"RUN pip install --no-cache-dir '{spec}'" in project.rendered("build", "openedx", "Dockerfile")


def test_import_job_is_listed_by_tutor_local_do(project):
    assert re.search(r"^\s+sirius-import-course\s", project.tutor("local", "do", "--help"), re.M)


def test_import_job_refuses_an_archive_the_container_cannot_see(project):
    write_archive(project.directory / "course.tar.gz", COURSE_MEMBERS)

    result = project.run_job("local", "do", "sirius-import-course", "course.tar.gz")

    assert result["exit_code"] != 0
    assert f'tutor mounts add "cms-job:{project.directory}:{MOUNT_POINT}"' in result["output"]
    assert result["calls"] == []


def mounted_job_script(project, archive_members, archive_name="sirius-entreprendre.tar.gz"):
    dist = project.directory / "dist"
    dist.mkdir(exist_ok=True)
    write_archive(dist / archive_name, archive_members)
    project.tutor("mounts", "add", f"cms-job:{dist}:{MOUNT_POINT}")
    result = project.run_job("local", "do", "sirius-import-course", f"dist/{archive_name}")
    assert result["exit_code"] == 0, result["output"]
    [call] = result["calls"]
    assert call[-5:-1] == ["cms-job", "sh", "-e", "-c"] and "run" in call and "--rm" in call
    return dist, call[-1]


def run_script_without_docker(script, mount_folder, workdir):
    """The job script as cms-job would run it, with the mount point mapped to a local folder."""
    (workdir / "manage.py").write_text(FAKE_MANAGE_PY)
    log = workdir / "manage-log.json"
    env = dict(os.environ, FAKE_MANAGE_LOG=str(log),
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    result = subprocess.run(["sh", "-e", "-c", script.replace(MOUNT_POINT, str(mount_folder))], cwd=workdir,
                            env=env, capture_output=True, text=True, timeout=60)
    return result, (json.loads(log.read_text()) if log.exists() else None)


def test_import_job_script_imports_the_mounted_archive_with_cms_import(project, tmp_path):
    dist, script = mounted_job_script(project, COURSE_MEMBERS)

    assert f"{MOUNT_POINT}/sirius-entreprendre.tar.gz" in script
    assert "python ./manage.py cms import ../data" in script
    workdir = tmp_path / "edx-platform"
    workdir.mkdir()
    result, manage_call = run_script_without_docker(script, dist, workdir)
    assert result.returncode == 0, result.stdout + result.stderr
    assert manage_call["argv"][:3] == ["cms", "import", "../data"]
    assert manage_call["files"] == ["course", "course.xml"]  # the extracted course root
    assert "importing course-v1:SiriusHub+ENTR101+2026" in result.stdout
    assert "created if it does not exist" in result.stdout


def test_import_job_script_stops_on_an_archive_without_a_single_course(project, tmp_path):
    members = {"a/course.xml": COURSE_MEMBERS["course/course.xml"], "b/course.xml": "<course/>"}
    dist, script = mounted_job_script(project, members, archive_name="two-courses.tar.gz")

    workdir = tmp_path / "edx-platform"
    workdir.mkdir()
    result, manage_call = run_script_without_docker(script, dist, workdir)

    assert result.returncode == 1
    assert "exactly one course.xml (found 2)" in result.stdout
    assert manage_call is None


def test_plugin_default_version_follows_the_package(project):
    expected = f"sirius-xblocks=={package_version()}"

    assert project.tutor("config", "printvalue", "SIRIUS_XBLOCKS_PIP_SPEC").strip() == expected


def test_import_job_in_dev_mode_runs_in_the_same_mounted_cms_job(project):
    dist = project.directory / "dist"
    dist.mkdir()
    write_archive(dist / "course.tar.gz", COURSE_MEMBERS)
    project.tutor("mounts", "add", f"cms-job:{dist}:{MOUNT_POINT}")

    result = project.run_job("dev", "do", "sirius-import-course", "dist/course.tar.gz")

    assert result["exit_code"] == 0, result["output"]
    [call] = result["calls"]
    assert call[-5] == "cms-job" and "cms import" in call[-1]
    assert str(project.root / "env" / "dev" / "docker-compose.jobs.yml") in call
    assert f"{dist}:{MOUNT_POINT}" in project.rendered("local", "docker-compose.jobs.yml")


def test_import_job_on_kubernetes_points_to_the_rest_tool(project):
    write_archive(project.directory / "course.tar.gz", COURSE_MEMBERS)

    result = project.run_job("k8s", "do", "sirius-import-course", "course.tar.gz")

    assert result["exit_code"] != 0
    assert "scripts/course_import.py" in result["output"]
    assert result["calls"] == []


def test_without_an_archive_the_job_imports_the_course_bundled_in_the_package(project, tmp_path):
    result = project.run_job("local", "do", "sirius-import-course")
    assert result["exit_code"] == 0, result["output"]
    [call] = result["calls"]
    script = call[-1]
    assert MOUNT_POINT not in script  # no mount needed

    workdir = tmp_path / "edx-platform"
    workdir.mkdir()
    # `python` here is this virtualenv's, where the package is installed, as it is in the image.
    outcome, manage_call = run_script_without_docker(script, tmp_path / "no-mount", workdir)
    assert outcome.returncode == 0, outcome.stdout + outcome.stderr
    assert manage_call["argv"][:3] == ["cms", "import", "../data"]
    assert {"course.xml", "chapter", "vertical", "policies"} <= set(manage_call["files"])
    assert "importing course-v1:SiriusHub+ENTR101+2026 from entreprendre-numerique-responsable.tar.gz" in outcome.stdout


def test_the_bundled_course_can_be_imported_on_kubernetes_too(project):
    result = project.run_job("k8s", "do", "sirius-import-course")
    # No refusal: Tutor goes on to the cluster (which this machine does not have).
    assert "bind mount" not in result["output"]
    assert any(call[0] == "kubectl" for call in result["calls"])
