"""Distribution of the Sirius Hub XBlocks and their Django app."""
import os
import re

from setuptools import find_packages, setup

HERE = os.path.dirname(os.path.abspath(__file__))


def read_version():
    """The version lives in one place: xblocks/__init__.py."""
    with open(os.path.join(HERE, "xblocks", "__init__.py"), encoding="utf-8") as init_file:
        return re.search(r'^__version__ = "([^"]+)"', init_file.read(), re.M).group(1)


def package_data():
    """Every non-Python file a block needs at run time: templates, public/, scenarios/, data/, catalogs."""
    shipped = {}
    data_folders = ("templates", "public", "scenarios", "data", "locale", "migrations", "course")
    for package_dir, _dirs, files in os.walk(os.path.join(HERE, "xblocks")):
        if "__pycache__" in package_dir:
            continue
        relative = os.path.relpath(package_dir, os.path.join(HERE, "xblocks"))
        parts = relative.split(os.sep)
        if not any(part in data_folders for part in parts):
            continue
        for name in files:
            if name.endswith((".pyc", ".pyo")):
                continue
            shipped.setdefault("xblocks", []).append(os.path.join(relative, name))
    return shipped


BLOCKS = [
    "sirius_footprint = xblocks.footprint.block:FootprintBlock",
    "sirius_canvas = xblocks.canvas.block:CanvasBlock",
    "sirius_peer_review = xblocks.peer_review.block:PeerReviewBlock",
]
DJANGO_APP = [
    "sirius_canvas = xblocks.canvas.app.apps:CanvasAppConfig",
    "sirius_peer_review = xblocks.peer_review.app.apps:PeerReviewAppConfig",
]

setup(
    name="sirius-xblocks",
    version=read_version(),
    description="Open edX XBlocks for Sirius Hub: digital footprint, business-model canvas, peer review",
    long_description=open(os.path.join(HERE, "README.md"), encoding="utf-8").read(),
    long_description_content_type="text/markdown",
    license="AGPL-3.0",
    author="Sirius Hub ASBL",
    packages=find_packages(include=["xblocks", "xblocks.*"]),
    package_data=package_data(),
    include_package_data=False,
    python_requires=">=3.11",
    install_requires=[
        "XBlock>=5,<7",
        "Django>=4.2,<6",
        "edx-submissions>=3.8",
        "lxml>=4.9",
        "requests>=2.28",
        "nh3>=0.2.14",
        "web-fragments>=2.0",
    ],
    extras_require={
        # XBlock's django extra brings `lazy`, which the workbench's request wrapper imports.
        "demo": ["XBlock[django]", "xblock-sdk>=0.14", "openedx-django-pyfs>=3.4"],
        "test": [
            "XBlock[django]",
            "xblock-sdk>=0.14",
            "openedx-django-pyfs>=3.4",
            "pytest>=8",
            "pytest-django>=4.8",
            "playwright>=1.45",
            "PyMySQL>=1.1",
            "Babel>=2.14",
            "olxcleaner>=0.3",
            "tutor>=19,<23",
        ],
    },
    entry_points={
        "xblock.v1": BLOCKS,
        "lms.djangoapp": DJANGO_APP,
        "cms.djangoapp": DJANGO_APP,
    },
    classifiers=[
        "Framework :: Django :: 4.2",
        "Framework :: Django :: 5.2",
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.12",
    ],
)
