"""What another non-profit gets from `pip install sirius-xblocks`: a wheel whose entry points load in
a clean virtualenv, with every template, static file, scenario, catalog and migration inside."""
import json
import os
import shutil
import subprocess
import sys
import zipfile

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BLOCK_PACKAGES = ("footprint", "canvas", "peer_review")

CHECK_INSTALLED = r"""
import importlib.metadata, importlib.resources, json
loaded = {}
for group in ("xblock.v1", "lms.djangoapp", "cms.djangoapp"):
    for entry_point in importlib.metadata.entry_points(group=group):
        if entry_point.value.startswith("xblocks."):
            loaded.setdefault(group, []).append(entry_point.name)
            entry_point.load()
files = importlib.resources.files("xblocks")
shipped = sorted(str(path.relative_to(files)) for path in files.rglob("*") if path.is_file())
print(json.dumps({"loaded": loaded, "files": shipped, "location": str(files)}))
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    # setuptools builds in ./build and would ship files left there by an earlier build.
    shutil.rmtree(os.path.join(ROOT, "build"), ignore_errors=True)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "-w", str(out), ROOT], check=True, cwd=ROOT)
    (path,) = out.glob("sirius_xblocks-*.whl")
    return path


def test_wheel_ships_every_runtime_file_and_no_tests(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for package in BLOCK_PACKAGES:
        assert any(name.startswith(f"xblocks/{package}/public/") and name.endswith(".js") for name in names), package
        assert any(name.startswith(f"xblocks/{package}/public/") and name.endswith(".css") for name in names), package
        assert any(name.startswith(f"xblocks/{package}/templates/") for name in names), package
        assert any(name.startswith(f"xblocks/{package}/scenarios/") and name.endswith(".xml") for name in names)
    assert "xblocks/common/public/sirius_common.js" in names
    assert "xblocks/course/entreprendre-numerique-responsable.tar.gz" in names  # for the Tutor import job
    for language in ("fr", "ar"):
        for domain in ("sirius_common", "sirius_footprint", "sirius_canvas", "sirius_peer_review"):
            assert f"xblocks/conf/locale/{language}/LC_MESSAGES/{domain}.mo" in names
    assert any(name.startswith("xblocks/peer_review/app/migrations/0001") for name in names)
    assert not any(name.startswith(("tests/", "scripts/", "course_content/")) for name in names)


@pytest.mark.slow
def test_wheel_installs_into_a_clean_virtualenv_and_entry_points_load(wheel, tmp_path):
    # Nothing of the checkout may leak in: with PYTHONPATH on it (as `make` sets), pip would see the
    # editable install's metadata and skip installing the wheel.
    clean_env = {key: value for key, value in os.environ.items()
                 if key not in ("PYTHONPATH", "DJANGO_SETTINGS_MODULE", "VIRTUAL_ENV")}
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, env=clean_env)
    python = str(venv / "bin" / "python")
    subprocess.run([python, "-m", "pip", "install", "--quiet", "-c", os.path.join(ROOT, "requirements", "constraints.txt"),
                    str(wheel)], check=True, env=clean_env, cwd=str(tmp_path))
    result = subprocess.run([python, "-c", CHECK_INSTALLED], check=False, capture_output=True, text=True,
                            cwd=str(tmp_path), env=clean_env)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["location"].startswith(str(venv)), "imported the checkout, not the installed wheel"
    assert sorted(report["loaded"]["xblock.v1"]) == ["sirius_canvas", "sirius_footprint", "sirius_peer_review"]
    assert sorted(report["loaded"]["lms.djangoapp"]) == sorted(report["loaded"]["cms.djangoapp"]) == ["sirius_canvas", "sirius_peer_review"]
    assert "footprint/templates" in " ".join(report["files"])
