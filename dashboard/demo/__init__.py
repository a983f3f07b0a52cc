"""Deterministic demo data for Kabupaten Probolinggo, written in the formats a Dinas Sosial office receives."""
