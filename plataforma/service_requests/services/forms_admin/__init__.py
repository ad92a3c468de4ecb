"""The editors' side of request forms and workflows (issue #4: "an agency's editors give any
digital service a request form without writing code"; "each service's agency configures its
workflow as states and the actions each role may take").

Who may do what: the agency's `carta_editor` or `gestor` (identity.AgencyRole) edit the request
forms of the agency's services; only the `gestor` edits the agency's workflows. Everybody else
gets PermissionDenied. Every write is atomic and audited (ids, keys and counts only).

Forms are versioned: editors change a draft (a copy of the published version) field by field and
publish it; the previous version is kept as superseded and requests keep the version they were
made with. Workflows are immutable rows: saving one inserts its next version, and the agency's
forms that used the workflow move to the new version (requests keep the row they started with).
"""

from .errors import pydantic_errors
from .forms import (
    form_draft_discard,
    form_draft_start,
    form_field_move,
    form_field_remove,
    form_field_save,
    form_version_publish,
    request_form_configure,
    request_form_get_or_create,
)
from .permissions import (
    check_can_edit_forms,
    check_can_edit_workflows,
    form_editor_agency_ids,
    workflow_editor_agency_ids,
)
from .workflows import DEFAULT_COPY_KEY, describe_workflow_location, workflow_copy_default, workflow_save

__all__ = [
    "DEFAULT_COPY_KEY",
    "check_can_edit_forms",
    "check_can_edit_workflows",
    "describe_workflow_location",
    "form_draft_discard",
    "form_draft_start",
    "form_editor_agency_ids",
    "form_field_move",
    "form_field_remove",
    "form_field_save",
    "form_version_publish",
    "pydantic_errors",
    "request_form_configure",
    "request_form_get_or_create",
    "workflow_copy_default",
    "workflow_editor_agency_ids",
    "workflow_save",
]
