"""Joins the agencies' service specs of several demo modules."""

from __future__ import annotations

from types import ModuleType


def merged(*modules: ModuleType) -> dict[str, list[dict]]:
    """The SERVICES of the modules as one dict, in the modules' order. An agency whose services are
    spread over several modules (DETRAN-MT, SEFAZ, SEPLAG) gets its lists joined in that order."""
    result: dict[str, list[dict]] = {}
    for module in modules:
        for acronym, specs in module.SERVICES.items():
            result.setdefault(acronym, []).extend(specs)
    return result
