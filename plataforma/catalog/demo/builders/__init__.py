"""Small helpers that turn the compact, hand-written service facts of the agency modules into
complete Carta content documents (catalog.content.ServiceContent).

An agency module only writes what is specific to a service (name, steps, documents, costs,
time, legislation…), in the compact spec of `spec` (`svc`, `st`), naming shared legislation
by its key in `laws`. The parts every Carta entry shares are filled in by `content.build_content`:
the §3 quality commitments of Lei 13.460/2017 art. 7 (priority treatment, expected wait,
communication channels, how manifestações are handled, how to consult the status) and the
accessibility conditions in `commitments`, the channels built from the agency's units in
`channels`.
"""

from __future__ import annotations

from .channels import MT_CIDADAO, AgencyInfo, UnitInfo
from .content import Built, build_content
from .laws import LAWS
from .spec import IMEDIATO, NAO_ESTIMADO, ate, entre, media, st, svc

__all__ = [
    "IMEDIATO",
    "LAWS",
    "MT_CIDADAO",
    "NAO_ESTIMADO",
    "AgencyInfo",
    "Built",
    "UnitInfo",
    "ate",
    "build_content",
    "entre",
    "media",
    "st",
    "svc",
]
