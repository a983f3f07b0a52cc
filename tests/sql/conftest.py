"""Query tests: every queries/*.sql runs on the session's demo database (``demo``, tests/conftest.py)."""

from functools import partial

import pytest

from dashboard.db import connect_readonly
from dashboard.queries import run_query


@pytest.fixture(scope="session")
def con(demo):
    connection = connect_readonly(demo.database)
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def run(con):
    """``run("query_name", **params)`` -> DataFrame, exactly as pages run it."""
    return partial(run_query, con)


@pytest.fixture(scope="session")
def settings(demo):
    return demo.settings()
