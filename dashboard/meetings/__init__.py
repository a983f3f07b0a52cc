"""Rakor records: each meeting with the figures frozen as shown, its talking points and its decisions.

They live in a small SQLite store of their own (``rapat.sqlite`` beside the database), not in the warehouse that
every import copies and swaps, so a later import never changes a past rakor (docs/MEETINGS.md).
"""
