"""Fixtures of the provider's own tests (Django test client; the live-server interoperability
tests are in interop/)."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from plataforma.identity.oidc import keys


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Rate-limit counters and the in-process key cache must not leak between tests (each test
    rolls its database back, keys included)."""
    cache.clear()
    keys.invalidate_cache()
    yield
    keys.invalidate_cache()
