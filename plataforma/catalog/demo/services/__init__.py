"""The demo services, one subpackage per group of agencies (`governo` is a single module). In a
group there is one module per agency, or per sub-domain where an agency has many services
(DETRAN-MT, SEFAZ, SEPLAG); facts several of them share are in the group's `common`. Each
module and each group exposes SERVICES, a dict from agency acronym to the list of that agency's
service specs (see builders.svc); `merge.merged` joins them in a stable order.
"""

from __future__ import annotations

from . import campo, educacao, empresas, fazenda, gestao, governo, saude_social, seguranca, transito
from .merge import merged

# Services that exist only as a first draft (never published), to show work in progress.
DRAFT_ONLY: dict[str, list[dict]] = governo.DRAFT_ONLY

_MODULES = (transito, fazenda, gestao, governo, seguranca, saude_social, educacao, empresas, campo)


def all_services() -> dict[str, list[dict]]:
    """Every agency's service specs, in a stable order."""
    return merged(*_MODULES)
