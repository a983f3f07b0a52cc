"""Who may see what: accounts, sessions, roles and the audit log, in a small SQLite store of their own.

The store is not the warehouse: imports copy and swap the DuckDB file, which would lose a password change or an
audit line written in between. See docs/SECURITY.md.
"""
