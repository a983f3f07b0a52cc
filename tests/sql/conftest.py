"""Query tests: every queries/*.sql runs on a small demo database built through the real importers."""

from functools import partial

import pytest

from dashboard.config import load_settings
from dashboard.db import connect_readonly
from dashboard.queries import run_query
from tests.support.demo import build_test_demo


@pytest.fixture(scope="session")
def demo(tmp_path_factory):
    return build_test_demo(tmp_path_factory.mktemp("demo_sql"))


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
    return load_settings(db_path=demo.database)
