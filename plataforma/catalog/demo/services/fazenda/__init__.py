"""SEFAZ (tributos estaduais) and PGE (dívida ativa). Values are illustrative."""

from ..merge import merged
from . import icms, ipva_itcd, pge

SERVICES: dict[str, list[dict]] = merged(ipva_itcd, icms, pge)
