"""Área Empresarial pages, mounted at /empresas/ (namespace "companies")."""

from .area import acting_start, acting_stop, home, tie_request
from .company import company_detail, company_grant, tie_approve, tie_revoke

__all__ = [
    "acting_start",
    "acting_stop",
    "company_detail",
    "company_grant",
    "home",
    "tie_approve",
    "tie_request",
    "tie_revoke",
]
