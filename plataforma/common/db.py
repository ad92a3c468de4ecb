"""Database helpers shared by the apps."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connections, transaction


@contextmanager
def custom_plans(using: str = "default") -> Iterator[None]:
    """Plan each statement for its own values inside the block (PostgreSQL).

    Prepared statements (ADR 0024) switch to a generic plan after five runs on a connection. A
    generic plan cannot see that `kind = 'simplifique' AND channel = 'carta'` matches a few hundred
    rows while `kind = 'reclamacao'` matches half the table, and a list filtered on skewed columns
    then reads every row (the ouvidoria's inbox: 7 ms → 110 ms after the fifth call). Lists
    with such filters run inside this block; everything else keeps the cached plans.
    """
    connection = connections[using]
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(using=using):
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL plan_cache_mode = force_custom_plan")
        yield
        # Inside a larger transaction the setting would outlive the block: put it back. (When the
        # block raises, rolling back its savepoint already undoes the SET LOCAL.)
        with connection.cursor() as cursor:
            cursor.execute("RESET plan_cache_mode")
