"""Empresas, trabalho e infraestrutura: JUCEMAT, SEDEC, Desenvolve MT, AGER and SINFRA.
JUCEMAT fees are illustrative values of the range the board charges."""

from ..merge import merged
from . import ager, desenvolve_mt, jucemat, sedec, sinfra

SERVICES: dict[str, list[dict]] = merged(jucemat, sedec, desenvolve_mt, ager, sinfra)
