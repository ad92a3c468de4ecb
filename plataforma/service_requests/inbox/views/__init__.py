"""The agency's inbox in the Área do Servidor, mounted at /servidor/solicitacoes/ (namespace
"request_inbox")."""

from .attachments import attachment
from .detail import detail
from .listing import inbox_list
from .work import act, assign, internal_note, take

__all__ = ["act", "assign", "attachment", "detail", "inbox_list", "internal_note", "take"]
