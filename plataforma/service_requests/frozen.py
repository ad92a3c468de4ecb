"""Parsed specifications of rows that do not change once in use, kept per process.

A published form version, a workflow version and a published Carta version are frozen (their
models say so). Every submission needs their parsed content — a pydantic FormSpec, a
WorkflowDefinition, the Carta's time estimate — and parsing JSON into pydantic models on each
call costs more than the rest of the look-up. So the submission path loads the rows WITHOUT
their JSON columns and takes the parsed content from here.

The key is (model, primary key, updated_at): should a row ever be written again, its
`updated_at` (auto_now) changes and the old entry is simply never asked for again. A miss reads
the one JSON column it needs. The cache is bounded (cleared when full) and shared by a process's
threads: entries are immutable and dict reads and writes are atomic under the GIL.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models

MAX_ENTRIES = 2048

_entries: dict[tuple[str, Any, Any], Any] = {}


def _parsed(instance: models.Model, column: str, parse: Callable[[Any], Any]) -> Any:
    key = (instance._meta.label_lower, instance.pk, instance.updated_at)
    found = _entries.get(key)
    if found is None:
        if column in instance.get_deferred_fields():
            raw = type(instance)._base_manager.filter(pk=instance.pk).values_list(column, flat=True).first()
        else:
            raw = getattr(instance, column)
        found = parse(raw)
        if len(_entries) >= MAX_ENTRIES:
            _entries.clear()
        _entries[key] = found
    return found


def clear() -> None:
    _entries.clear()


def attach_specs(request_form) -> None:
    """Give a RequestForm loaded by `services.submit.open_request_form` (JSON columns deferred)
    its parsed form and workflow specifications, from the cache when possible."""
    from .formspec import FormSpec
    from .workflow import WorkflowDefinition

    version = request_form.current_version
    if version is not None:
        version._form_spec = _parsed(version, "spec", lambda raw: FormSpec.model_validate(raw or {}))
    if request_form.workflow_id:
        workflow = request_form.workflow
        workflow._spec = _parsed(workflow, "definition", WorkflowDefinition.model_validate)


def carta_total_time(service) -> dict:
    """The published Carta's tempo total estimado of `service` ({} when it has none): all that a
    new request's deadline needs from the Carta (services.deadlines.promised_deadline)."""
    if not service.published_version_id:
        return {}
    version = service.published_version
    return _parsed(version, "content", lambda raw: dict((raw or {}).get("total_time") or {}))
