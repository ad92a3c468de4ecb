"""The production cache backend (Redis, through django-redis) against a real server.

TEST_REDIS_URL names it (CI sets it to the machine's Redis). Without it the tests are skipped,
except in CI, where a missing server fails the run.
"""

import os
import uuid

import environ
import pytest
from django.core.cache import CacheHandler

REDIS_URL = os.environ.get("TEST_REDIS_URL", "")

if not REDIS_URL and not os.environ.get("CI"):
    pytest.skip("TEST_REDIS_URL is not set", allow_module_level=True)


@pytest.fixture
def redis_cache():
    config = environ.Env.cache_url_config(REDIS_URL or "redis://127.0.0.1:6379/15")
    config["KEY_PREFIX"] = f"test-{uuid.uuid4().hex}"
    return CacheHandler({"default": config})["default"]


def test_values_survive_a_round_trip_through_redis(redis_cache):
    redis_cache.set("pdf", b"%PDF-1.7 bytes", 60)
    assert redis_cache.get("pdf") == b"%PDF-1.7 bytes"


def test_add_then_incr_counts_atomically_as_the_feedback_limiter_needs(redis_cache):
    assert redis_cache.add("rate", 0, timeout=60)
    assert not redis_cache.add("rate", 0, timeout=60)
    assert [redis_cache.incr("rate") for _ in range(3)] == [1, 2, 3]


@pytest.mark.django_db
def test_the_health_check_answers_ok_with_redis(client, settings):
    settings.CACHES = {"default": environ.Env.cache_url_config(REDIS_URL or "redis://127.0.0.1:6379/15")}
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
