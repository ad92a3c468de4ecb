"""Área do Servidor pages, mounted at /servidor/ (namespace "servants")."""

from .home import home
from .members import member_revoke, members
from .ties import tie_decide, tie_queue

__all__ = ["home", "member_revoke", "members", "tie_decide", "tie_queue"]
