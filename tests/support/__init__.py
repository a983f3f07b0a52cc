"""Helpers shared by the app and browser tests."""
