"""The editors' pages at /gestao/solicitacoes/: thin views over services.forms_admin.

Access, in this order: anonymous → sign-in page; without the role (carta_editor or gestor for
forms, gestor for workflows) in any agency → 403 page; services and workflows are looked up only
among the user's agencies, so another agency's look exactly like ones that do not exist (404);
every write goes through services.forms_admin, which checks the role again (403) and audits.
Invalid input re-renders the page with the errors and status 400; nothing is saved.
"""

from .fields import field_edit, field_move, field_new, field_remove
from .forms_pages import (
    dashboard,
    draft_discard,
    draft_publish,
    draft_start,
    history,
    preview,
    service_detail,
    settings_save,
    version_detail,
)
from .workflows import (
    workflow_copy_default,
    workflow_detail,
    workflow_list,
    workflow_row,
    workflow_row_remove,
    workflow_settings,
)

__all__ = [
    "dashboard",
    "draft_discard",
    "draft_publish",
    "draft_start",
    "field_edit",
    "field_move",
    "field_new",
    "field_remove",
    "history",
    "preview",
    "service_detail",
    "settings_save",
    "version_detail",
    "workflow_copy_default",
    "workflow_detail",
    "workflow_list",
    "workflow_row",
    "workflow_row_remove",
    "workflow_settings",
]
