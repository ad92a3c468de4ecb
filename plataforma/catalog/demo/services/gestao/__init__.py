"""Gestão de pessoas: SEPLAG, MTPREV and MT Saúde (and SEPLAG's citizen and supplier services)."""

from ..merge import merged
from . import mt_saude, mtprev, seplag_cidadao, seplag_servidor

SERVICES: dict[str, list[dict]] = merged(seplag_servidor, seplag_cidadao, mtprev, mt_saude)
