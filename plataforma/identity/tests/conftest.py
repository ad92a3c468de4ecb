import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate limits and brute-force counters live in the cache: every test starts from zero."""
    cache.clear()
    yield
    cache.clear()
