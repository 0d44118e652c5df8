"""The archive Studio imports: reproducible to the byte, only the OLX, in the layout the importer expects."""
import gzip
import hashlib
import io
import os
import tarfile

from scripts import course_build
from scripts.course_build import ARCHIVE_NAME, archive_bytes, build_archive, packed_files

from .conftest import replace_in


def members(data):
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        return tar.getmembers()


def test_building_twice_gives_the_same_bytes(course_copy, tmp_path):
    first = build_archive(course_copy, tmp_path / "one").read_bytes()
    for path in course_copy.rglob("*"):  # a fresh checkout has other file times and modes
        os.utime(path, (1_000_000_000, 1_000_000_000))
        if path.is_file():
            path.chmod(0o600)
    second = build_archive(course_copy, tmp_path / "two").read_bytes()
    assert hashlib.sha256(first).hexdigest() == hashlib.sha256(second).hexdigest()


def test_a_content_change_changes_the_archive(course_copy):
    before = archive_bytes(course_copy)
    replace_in(course_copy / "html" / "u1_bienvenue_texte.html", "Bonjour", "Salut")
    assert archive_bytes(course_copy) != before


def test_entries_sorted_with_fixed_times_and_owners(course_copy):
    data = archive_bytes(course_copy)
    assert data[4:8] == b"\0\0\0\0", "gzip header mtime must be 0"
    entries = members(data)
    names = [m.name for m in entries]
    assert names == sorted(names)
    assert names[0] == "course" and "course/course.xml" in names
    assert all(n == "course" or n.startswith("course/") for n in names)
    assert {(m.mtime, m.uid, m.gid, m.uname, m.gname) for m in entries} == {(course_build.FIXED_MTIME, 0, 0, "", "")}
    assert {m.mode for m in entries if m.isfile()} == {0o644}
    assert not any(m.issym() or m.islnk() for m in entries)


def test_archive_holds_exactly_the_olx(course_copy):
    (course_copy / ".DS_Store").write_text("x", encoding="utf-8")
    (course_copy / "html" / ".u1_aide_texte.html.swp").write_text("x", encoding="utf-8")
    names = {m.name for m in members(archive_bytes(course_copy)) if m.isfile()}
    expected = {f"course/{rel}" for rel in packed_files(course_copy)}
    assert names == expected
    assert "course/README.md" not in names and "course/PUBLISHED_URL_NAMES.txt" not in names
    assert not any("/." in name for name in names)
    for required in ("course/course.xml", "course/course/2026.xml", "course/policies/2026/policy.json",
                     "course/policies/2026/grading_policy.json", "course/about/overview.html",
                     "course/info/handouts.html", "course/static/course_image.svg"):
        assert required in names


def test_archive_files_equal_the_sources(course_copy):
    with tarfile.open(fileobj=io.BytesIO(archive_bytes(course_copy)), mode="r:gz") as tar:
        for rel in packed_files(course_copy):
            assert tar.extractfile(f"course/{rel}").read() == (course_copy / rel).read_bytes()


def test_main_refuses_to_build_a_broken_course(course_copy, tmp_path, capsys):
    (course_copy / "static" / "pitch.svg").unlink()
    assert course_build.main(["--source", str(course_copy), "--output-dir", str(tmp_path)]) == 1
    assert not (tmp_path / ARCHIVE_NAME).exists()
    assert "html/u6_pitch_texte.html:1: [static] /static/pitch.svg does not exist" in capsys.readouterr().err


def test_archive_stays_small():
    data = archive_bytes()
    assert len(data) < 100_000, f"{len(data)} bytes"
    assert len(gzip.decompress(data)) < 1_000_000


def test_extracted_archive_is_a_course_the_importer_finds(tmp_path):
    from scripts.course_validate import CourseFiles, check_with_olxcleaner, load_course_tree

    with tarfile.open(fileobj=io.BytesIO(archive_bytes()), mode="r:gz") as tar:
        tar.extractall(tmp_path, filter="data")
    assert [p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("course.xml")] == ["course/course.xml"]
    nodes, errors = load_course_tree(CourseFiles(tmp_path / "course"))
    assert errors == [] and len(nodes) > 100
    assert check_with_olxcleaner(tmp_path / "course") == []


def test_the_archive_shipped_in_the_package_is_the_course_as_it_is_now():
    """The Tutor job imports the copy inside the package: it must never lag behind course_content/
    (the build is reproducible, so the same sources give the same bytes). `make course` refreshes it."""
    shipped = course_build.archive_path(course_build.BUNDLED).read_bytes()
    assert shipped == archive_bytes(course_build.COURSE_ROOT), "run `make course` and commit xblocks/course/"
