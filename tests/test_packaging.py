"""Packaging: one version everywhere, data shipped and readable, nothing dropped on the way.

These tests run against whatever ``genenorm`` is installed: the editable install of a
checkout, or the built wheel (``.ci/wheel-smoke`` copies this file out of the source tree and
runs it against the wheel in a fresh virtual environment). Checks that need the source tree
(``pyproject.toml``, ``.gitignore``) skip when it is not there.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import re
import shutil
import subprocess
import sys
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

import genenorm
from genenorm.cli import main

PACKAGE_DIR = Path(genenorm.__file__).resolve().parent
SOURCE_ROOT = PACKAGE_DIR.parent
PYPROJECT = SOURCE_ROOT / "pyproject.toml"


def _pyproject() -> dict[str, Any]:
    """The project's pyproject.toml, or skip when genenorm is not imported from a checkout."""
    if not PYPROJECT.is_file():
        pytest.skip("genenorm is not imported from a source checkout (no pyproject.toml)")
    with PYPROJECT.open("rb") as f:
        return tomllib.load(f)


def _manifest() -> dict[str, Any]:
    data = resources.files("genenorm") / "data" / "manifest.json"
    result: dict[str, Any] = json.loads(data.read_text(encoding="utf-8"))
    return result


class TestVersion:
    """The version is written once, in pyproject.toml, and read from the metadata."""

    def test_dunder_version_is_the_distribution_version(self) -> None:
        """``genenorm.__version__`` is the installed distribution's version."""
        assert genenorm.__version__ == importlib.metadata.version("genenorm")

    def test_version_is_semver(self) -> None:
        """The version is MAJOR.MINOR.PATCH with an optional pre-release suffix."""
        assert re.fullmatch(r"\d+\.\d+\.\d+((a|b|rc)\d+)?(\.dev\d+)?", genenorm.__version__)

    def test_cli_version(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``genenorm --version`` prints ``genenorm <__version__>`` and exits 0."""
        assert main(["--version"]) == 0
        assert capsys.readouterr().out == f"genenorm {genenorm.__version__}\n"

    def test_console_script_version(self) -> None:
        """The installed ``genenorm`` console script agrees with ``__version__``."""
        script = Path(sys.executable).parent / "genenorm"
        if not script.exists():
            pytest.skip(f"no console script next to {sys.executable}")
        done = subprocess.run([str(script), "--version"], capture_output=True, text=True)
        assert (done.returncode, done.stdout) == (0, f"genenorm {genenorm.__version__}\n")

    def test_pyproject_is_the_single_source(self) -> None:
        """pyproject.toml holds a static version, and the installed metadata matches it.

        A mismatch means the editable install is stale: run ``pip install -e .`` again.
        """
        project = _pyproject()["project"]
        assert "version" not in project.get("dynamic", [])
        assert project["version"] == genenorm.__version__

    def test_no_version_literal_in_the_package(self) -> None:
        """No module hard-codes the version (it would drift from pyproject.toml)."""
        pattern = re.compile(r"^\s*__version__\s*=", re.MULTILINE)
        offenders = [
            p.name for p in PACKAGE_DIR.rglob("*.py") if pattern.search(p.read_text("utf-8"))
        ]
        assert offenders == []


class TestShippedFiles:
    """The data snapshot and the typing marker are inside the installed package."""

    def test_py_typed(self) -> None:
        """``py.typed`` is installed, so type checkers use genenorm's annotations."""
        assert (resources.files("genenorm") / "py.typed").is_file()

    def test_every_manifest_file_is_installed_intact(self) -> None:
        """Every table named in ``manifest.json`` is installed, with its recorded SHA-256."""
        files = _manifest()["files"]
        assert "hgnc.tsv.gz" in files
        data = resources.files("genenorm") / "data"
        for name, meta in files.items():
            blob = (data / name).read_bytes()
            assert hashlib.sha256(blob).hexdigest() == meta["sha256"], name

    def test_no_unlisted_data_file(self) -> None:
        """The data directory holds the manifest, its tables and the judge's weights."""
        data = resources.files("genenorm") / "data"
        present = {p.name for p in data.iterdir() if p.name != "__pycache__"}
        assert present == {"manifest.json", "weights.tsv", *_manifest()["files"]}

    def test_snapshot_loads_from_the_installed_files(self) -> None:
        """The installed data answer a lookup and describe themselves."""
        assert genenorm.resolve("FAM64A").symbol == "PIMREG"
        assert genenorm.snapshot_info()["release"] == _manifest()["release"]

    def test_demo_figure_is_installed(self) -> None:
        """``genenorm demo``'s page and its hit tables ship outside ``data/``, in the PFOCR
        website layout, identical to the repository's reference copy."""
        examples = resources.files("genenorm") / "examples"
        figid = "PMC11987792__cancers-17-01167-g005"
        shipped = {
            f"_figures/{figid}.md",
            f"_data/{figid}-genes.tsv",
            f"_data/{figid}-chemicals.tsv",
        }
        present = {
            f"{d.name}/{p.name}" for d in examples.iterdir() if d.is_dir() for p in d.iterdir()
        }
        assert present == shipped
        reference = Path(__file__).parent / "data" / "pfocr-website"
        for name in sorted(shipped):
            blob = (examples / name).read_bytes()
            assert blob == (reference / name).read_bytes(), name

    def test_curator_page_is_installed(self) -> None:
        """The curator page's HTML, script and style sheet ship inside the package."""
        static = resources.files("genenorm.server") / "static"
        for name in ("index.html", "app.js", "style.css"):
            assert (static / name).read_text("utf-8").strip(), name


class TestSourceTree:
    """Build configuration that would silently drop files from the archives."""

    def test_gitignore_keeps_the_package_files(self) -> None:
        """No data file, ``py.typed`` or module is matched by ``.gitignore``.

        hatchling leaves git-ignored files out of the wheel and the sdist without a word
        (house style §6.2).
        """
        _pyproject()
        git = shutil.which("git")
        if git is None or not (SOURCE_ROOT / ".git").exists():
            pytest.skip("not a git checkout")
        shipped = sorted(
            str(p.relative_to(SOURCE_ROOT))
            for p in PACKAGE_DIR.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts
        )
        done = subprocess.run(
            [git, "check-ignore", "--no-index", "--stdin"],
            input="\n".join(shipped),
            capture_output=True,
            text=True,
            cwd=SOURCE_ROOT,
        )
        assert done.returncode in (0, 1), done.stderr  # 1: nothing ignored
        assert done.stdout.split() == []

    def test_archive_configuration(self) -> None:
        """The wheel is the ``genenorm`` package; the sdist also has tests, docs and scripts."""
        config = _pyproject()
        targets = config["tool"]["hatch"]["build"]["targets"]
        assert targets["wheel"]["packages"] == ["genenorm"]
        assert "exclude" not in targets["wheel"]
        sdist = set(targets["sdist"]["include"])
        assert {"genenorm", "tests", "docs", "scripts", "CHANGELOG.md", "README.md"} <= sdist
        assert {"LICENSE", "mkdocs.yml"} <= sdist

    def test_metadata_for_pypi(self) -> None:
        """pyproject.toml has what a PyPI page needs: licence, readme, Pythons, URLs."""
        project = _pyproject()["project"]
        assert project["license"] == "MIT AND CC0-1.0 AND CC-BY-SA-4.0 AND CC-BY-4.0"
        assert project["license-files"] == ["LICENSE", "LICENSE-DATA.md"]
        assert project["readme"] == "README.md"
        assert project["requires-python"] == ">=3.11"
        pythons = {
            c.rsplit(" ", 1)[1]
            for c in project["classifiers"]
            if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)
        }
        assert pythons == {"3.11", "3.12", "3.13"}
        assert "Typing :: Typed" in project["classifiers"]
        assert {"Homepage", "Documentation", "Changelog", "Issues"} <= set(project["urls"])
        assert project["scripts"] == {"genenorm": "genenorm.cli:main"}
