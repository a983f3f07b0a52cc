"""Locations of files shipped with the product, resolved from the package, never the working directory."""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
DATA_DIR = PROJECT_DIR / "data"
REFERENCE_DIR = DATA_DIR / "reference"
BOUNDARIES_DIR = DATA_DIR / "boundaries"
QUERIES_DIR = PROJECT_DIR / "queries"
MIGRATIONS_DIR = PACKAGE_DIR / "migrations"
DEFAULT_CONFIG = PROJECT_DIR / "rakor.toml"
