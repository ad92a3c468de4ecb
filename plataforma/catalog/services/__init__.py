"""Writes to the catalogue. Every function takes the acting user, checks permission, validates,
then acts inside one transaction and writes an audit row (HackSoft / Zulip habit).

The writes live in one module per sub-domain and are re-exported here, so callers keep using
`from plataforma.catalog import services` and `services.version_publish(...)`:

- validation: `validate_content` (a content document, with errors in Portuguese by field);
- workflow: creating a service and moving its versions from draft to published;
- reviews: confirming a review and flagging overdue reviews (art. 7 §4);
- units: service units of an agency;
- feedback: the public's "Esta informação foi útil?" answers.

A test that patches a function must patch it where it is looked up (for example
`plataforma.catalog.services.reviews._notify_overdue_reviews`), not here.
"""

from .feedback import feedback_record
from .reviews import flag_overdue_reviews, service_mark_reviewed
from .units import UNIT_FIELDS, unit_create, unit_update
from .validation import validate_content
from .workflow import (
    search_fields_for,
    service_create,
    service_draft_start,
    service_unpublish,
    version_discard,
    version_publish,
    version_return,
    version_submit,
    version_update,
)

__all__ = [
    "UNIT_FIELDS",
    "feedback_record",
    "flag_overdue_reviews",
    "search_fields_for",
    "service_create",
    "service_draft_start",
    "service_mark_reviewed",
    "service_unpublish",
    "unit_create",
    "unit_update",
    "validate_content",
    "version_discard",
    "version_publish",
    "version_return",
    "version_submit",
    "version_update",
]
