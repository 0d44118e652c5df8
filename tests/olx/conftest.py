"""A writable copy of the course, for tests that break one thing and expect the validator to say where."""
import shutil

import pytest

from scripts.course_validate import COURSE_ROOT


@pytest.fixture
def course_copy(tmp_path):
    target = tmp_path / "course_content"
    shutil.copytree(COURSE_ROOT, target)
    return target


def replace_in(path, old, new, count=1):
    """Edit a course file; fails loudly if the text to change is not there (the test would lie)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path, needle):
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")
