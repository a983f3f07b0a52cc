"""The wheel's package list and folder mapping (pyproject.toml) stay in step with the source tree.

``.ci/wheel-check`` installs the built wheel and runs it; these checks say *what* is missing before that.
"""

import tomllib
from fnmatch import fnmatch

from dashboard import paths
from dashboard.paths import PACKAGE_DIR, SOURCE_DIR

PYPROJECT = tomllib.loads((SOURCE_DIR / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def test_every_subpackage_of_dashboard_is_listed():
    found = {".".join(("dashboard", *p.parent.relative_to(PACKAGE_DIR).parts))
             for p in PACKAGE_DIR.rglob("*") if p.suffix in (".py", ".sql")}
    assert found <= set(PYPROJECT["packages"])


def test_top_level_folders_are_mapped_to_the_folders_paths_looks_for():
    mapping = PYPROJECT["package-dir"]
    assert mapping == {"dashboard.pages": "pages", "dashboard.sql": "queries", "dashboard.data": "data",
                       "dashboard.streamlit": ".streamlit"}
    for package, folder in mapping.items():
        assert (SOURCE_DIR / folder).is_dir()
        assert package in PYPROJECT["packages"] or any(p.startswith(package + ".") for p in PYPROJECT["packages"])
    assert paths.QUERIES_DIR == SOURCE_DIR / "queries"  # a source checkout reads the top-level folders
    assert paths.STREAMLIT_CONFIG.is_file() and paths.APP_FILE.is_file()


def test_every_shipped_boundary_and_reference_file_is_packaged():
    """A new file kind in data/ (the boundaries are GeoParquet) needs its pattern in package-data."""
    data = PYPROJECT["package-data"]
    for folder in (paths.REFERENCE_DIR, paths.BOUNDARIES_DIR):
        patterns = data[f"dashboard.data.{folder.name}"]
        for file in folder.iterdir():
            assert any(fnmatch(file.name, pattern) for pattern in patterns), file
