import pytest

from tests.support.demo import build_test_demo


@pytest.fixture(scope="session")
def demo(tmp_path_factory):
    return build_test_demo(tmp_path_factory.mktemp("demo_app"))
