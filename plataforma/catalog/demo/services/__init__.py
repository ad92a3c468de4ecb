"""The demo services, one module per group of agencies. Each module exposes SERVICES, a dict
from agency acronym to the list of that agency's service specs (see builders.svc)."""

from __future__ import annotations

from . import campo, educacao, empresas, fazenda, gestao, governo, saude_social, seguranca, transito

# Services that exist only as a first draft (never published), to show work in progress.
DRAFT_ONLY: dict[str, list[dict]] = governo.DRAFT_ONLY

_MODULES = (transito, fazenda, gestao, governo, seguranca, saude_social, educacao, empresas, campo)


def all_services() -> dict[str, list[dict]]:
    """Every agency's service specs, in a stable order."""
    merged: dict[str, list[dict]] = {}
    for module in _MODULES:
        for acronym, specs in module.SERVICES.items():
            merged.setdefault(acronym, []).extend(specs)
    return merged
