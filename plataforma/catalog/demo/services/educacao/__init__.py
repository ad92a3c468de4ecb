"""Educação, ciência e cultura: SEDUC, UNEMAT, SECITECI and SECEL."""

from ..merge import merged
from . import secel, seciteci, seduc, unemat

SERVICES: dict[str, list[dict]] = merged(seduc, unemat, seciteci, secel)
