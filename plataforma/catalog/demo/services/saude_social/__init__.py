"""Saúde (SES), assistência social (SETASC) and defesa do consumidor (Procon-MT)."""

from ..merge import merged
from . import procon, ses, setasc

SERVICES: dict[str, list[dict]] = merged(ses, setasc, procon)
