"""The editors' back office (/gestao/carta/): thin views over catalog.services.

Access rules, in this order:
- anonymous → redirect to the sign-in page;
- signed in without the `carta_editor` role in any agency → 403 page explaining why;
- objects (services, versions, units) are looked up only among the agencies the user edits:
  another agency's service answers 404, exactly like an id that does not exist, so nobody can
  learn which drafts other agencies have. A posted agency id outside the user's agencies is a
  field error (400) and creates nothing;
- every write goes through catalog.services, which checks the agency again
  (catalog.permissions → PermissionDenied → 403) and writes the audit trail.
Invalid input re-renders the form with field-level errors and status 400; nothing is saved.

One module per area: access (the rules above), dashboard, editing (the content form), versions
(a service's page, history, preview, comparison, audit), actions (workflow actions) and units.
"""

from .access import editor_required
from .actions import SERVICE_ACTIONS, VERSION_ACTIONS, service_action, version_action
from .dashboard import dashboard
from .editing import draft_start, service_create, version_edit
from .units import unit_create, unit_edit, unit_list
from .versions import (
    AUDIT_LABELS,
    service_audit,
    service_detail,
    version_compare,
    version_history,
    version_preview,
)

__all__ = [
    "AUDIT_LABELS",
    "SERVICE_ACTIONS",
    "VERSION_ACTIONS",
    "dashboard",
    "draft_start",
    "editor_required",
    "service_action",
    "service_audit",
    "service_create",
    "service_detail",
    "unit_create",
    "unit_edit",
    "unit_list",
    "version_action",
    "version_compare",
    "version_edit",
    "version_history",
    "version_preview",
]
