"""Row-by-row changes to a workflow definition (plain dicts). Each change yields a whole new
definition that services.forms_admin.workflow_save validates and saves as a new version."""

from __future__ import annotations

import copy
from typing import Any

Definition = dict[str, Any]


def _rows(definition: Definition, kind: str) -> list[dict[str, Any]]:
    return definition.setdefault(kind, [])


def with_row(definition: Definition, kind: str, row: dict[str, Any], key: str | None = None) -> Definition:
    """A copy of `definition` with `row` replacing the row `key` of `kind` ("states"/"actions"),
    or appended when `key` is None. Keys never change once created."""
    result = copy.deepcopy(definition)
    rows = _rows(result, kind)
    if key is None:
        rows.append(row)
        return result
    for index, existing in enumerate(rows):
        if existing.get("key") == key:
            rows[index] = {**row, "key": key}
            return result
    raise KeyError(key)


def without_row(definition: Definition, kind: str, key: str) -> Definition:
    result = copy.deepcopy(definition)
    rows = _rows(result, kind)
    remaining = [r for r in rows if r.get("key") != key]
    if len(remaining) == len(rows):
        raise KeyError(key)
    result[kind] = remaining
    return result


def with_settings(definition: Definition, settings: dict[str, Any]) -> Definition:
    result = copy.deepcopy(definition)
    for name in ("initial_state", "payment_state", "paid_action", "expired_action"):
        if name in settings:
            result[name] = settings[name] or None
    return result


def row(definition: Definition, kind: str, key: str) -> dict[str, Any] | None:
    return next((r for r in definition.get(kind, []) if r.get("key") == key), None)
