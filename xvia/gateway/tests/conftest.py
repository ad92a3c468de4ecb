import pytest

from .harness import World


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    w = World(tmp_path_factory.mktemp("xvia"))
    yield w
    w.close()
