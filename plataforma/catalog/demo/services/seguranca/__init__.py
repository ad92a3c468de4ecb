"""Segurança pública: SESP, Polícia Judiciária Civil, Politec, Polícia Militar and Bombeiros."""

from ..merge import merged
from . import bombeiros, pjc, pmmt, politec, sesp

SERVICES: dict[str, list[dict]] = merged(sesp, pjc, politec, pmmt, bombeiros)
