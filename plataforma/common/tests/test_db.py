"""custom_plans: the block plans each statement for its values on PostgreSQL, and leaves the
connection's setting as it was afterwards."""

import pytest
from django.db import connection

from plataforma.common.db import custom_plans

pytestmark = pytest.mark.django_db


def _plan_cache_mode() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW plan_cache_mode")
        return cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
def test_custom_plans_is_local_to_the_block():
    before = _plan_cache_mode()
    with custom_plans():
        assert _plan_cache_mode() == "force_custom_plan"
    assert _plan_cache_mode() == before


def test_custom_plans_runs_the_block_on_any_database():
    ran = []
    with custom_plans():
        ran.append(connection.vendor)
    assert ran == [connection.vendor]
