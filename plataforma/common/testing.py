"""Helpers for tests that need real concurrency (PostgreSQL): start several callables at the same
instant, each in its own thread with its own database connection."""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.db import connections


def run_together(functions: list[Callable], *, timeout: float = 120) -> tuple[list, list]:
    """Run ``functions`` in threads released together by a barrier; return (results, errors).

    Errors are collected, not raised, so the caller can check that exactly the expected ones
    happened; each thread closes its database connections when it ends.
    """
    barrier = threading.Barrier(len(functions))
    results: list = []
    errors: list = []
    lock = threading.Lock()

    def run(function: Callable) -> None:
        try:
            barrier.wait()
            value = function()
            with lock:
                results.append(value)
        except BaseException as exc:  # reported to the caller, not lost in the thread
            with lock:
                errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(f,)) for f in functions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return results, errors
