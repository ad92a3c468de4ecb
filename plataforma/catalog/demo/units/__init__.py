"""Service units (unidades de atendimento) of the demo.

Real-style units: the Ganha Tempo network (run under SEPLAG, where several agencies have
counters), the DETRAN-MT ciretrans, Politec's identification institute, regional offices.
Streets and districts are those of the cities' usual administrative areas; numbers, CEPs and
telephones are ILLUSTRATIVE.

Each unit belongs to one agency (the catalogue checks that a service only lists units of its
own agency), so a Ganha Tempo building appears once per agency that attends there.

One module per group of agencies, the same groups as services/; `records` has the helpers
that write a unit and the Ganha Tempo buildings.
"""

from __future__ import annotations

from ..agencies import AGENCIES
from . import campo, educacao, empresas, fazenda, gestao, governo, saude_social, seguranca, transito

_GROUPS = (transito, fazenda, gestao, governo, seguranca, saude_social, educacao, empresas, campo)
_POSITION = {agency["acronym"]: n for n, agency in enumerate(AGENCIES)}

# Keyed in the order of AGENCIES, which is the order the loader creates the units in.
UNITS: dict[str, list[dict]] = dict(
    sorted(
        ((acronym, units) for group in _GROUPS for acronym, units in group.UNITS.items()),
        key=lambda item: _POSITION[item[0]],
    )
)
