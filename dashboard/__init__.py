"""Rakor Dashboard: social-welfare figures for a Dinas Sosial coordination meeting."""

__version__ = "0.1.0"
