"""Campo, terras e meio ambiente: INDEA, SEAF, EMPAER, Intermat and SEMA."""

from ..merge import merged
from . import agricultura_familiar, indea, intermat, sema

SERVICES: dict[str, list[dict]] = merged(indea, agricultura_familiar, intermat, sema)
