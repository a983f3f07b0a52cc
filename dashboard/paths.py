"""Locations of files shipped with the product, resolved from the package, never the working directory.

The repository keeps ``pages/``, ``queries/``, ``data/`` and ``.streamlit/`` at the top level, as the design
names them; the wheel carries them inside the package (``pyproject.toml`` maps them to ``dashboard/pages``,
``dashboard/sql``, ``dashboard/data`` and ``dashboard/streamlit``). Each location is the packaged folder when it
exists (an installed wheel) and the top-level folder otherwise (a source checkout or an editable install).
"""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
SOURCE_DIR = PACKAGE_DIR.parent


def _shipped(packaged: str, top_level: str) -> Path:
    inside = PACKAGE_DIR / packaged
    return inside if inside.is_dir() else SOURCE_DIR / top_level


PAGES_DIR = _shipped("pages", "pages")
QUERIES_DIR = _shipped("sql", "queries")
DATA_DIR = _shipped("data", "data")
STREAMLIT_CONFIG = _shipped("streamlit", ".streamlit") / "config.toml"
REFERENCE_DIR = DATA_DIR / "reference"
BOUNDARIES_DIR = DATA_DIR / "boundaries"
MIGRATIONS_DIR = PACKAGE_DIR / "migrations"
APP_FILE = PACKAGE_DIR / "web" / "app.py"
DEFAULT_CONFIG = Path("rakor.toml")
"""``rakor.toml`` in the folder where the command is typed (the design's command-line contract)."""
