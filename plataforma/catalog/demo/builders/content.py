"""Assembles the whole Carta content document of a service from its compact spec."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..categories import CATEGORY_ALIASES
from .channels import AgencyInfo, UnitInfo, default_channels, step_channels
from .commitments import (
    accessibility_conditions,
    communication_channels,
    expected_wait,
    manifestation_handling,
    priority_treatment,
    status_consultation,
)
from .laws import LAWS


@dataclass
class Built:
    content: dict[str, Any]
    unit_ids: list[str] = field(default_factory=list)


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def _cost(item: tuple) -> dict:
    description, value = item[0], item[1]
    if value is None:
        return {"description": description, "value": None, "variable": True}
    return {
        "description": description,
        "value": str(Decimal(str(value)).quantize(Decimal("0.01"))),
        "variable": False,
    }


def _legislation(laws: Any) -> list[dict]:
    result: list[dict] = []
    items = laws.split() if isinstance(laws, str) else list(laws)
    for item in [*items, "13460"]:
        title, url = LAWS[item] if isinstance(item, str) else item
        entry = {"title": title, "url": url}
        if entry not in result:
            result.append(entry)
    return result


def _validity(valid: Any) -> dict:
    if valid is None:
        return {"kind": "nao-se-aplica"}
    if valid == "indeterminada":
        return {"kind": "indeterminada"}
    quantity, unit = valid
    return {"kind": "determinada", "quantity": quantity, "unit": unit}


def build_content(spec: dict, agency: AgencyInfo, agency_units: dict[str, UnitInfo]) -> dict[str, Any]:
    """The whole Carta content document (catalog.content.ServiceContent as JSON-able dict)."""
    unit_keys = spec.get("units", "")
    if unit_keys == "all":
        units = list(agency_units.values())
    else:
        units = [agency_units[key] for key in unit_keys.split()]
    steps = []
    for step in spec["steps"]:
        tokens = step["ch"] or default_channels(spec, units)
        steps.append(
            {
                "title": step["title"],
                "description": step["desc"],
                "documents": _split(step["docs"]),
                "costs": [_cost(c) for c in step["cost"]],
                "channels": step_channels(
                    tokens, spec, agency, units if "presencial" in tokens.split() else []
                ),
            }
        )
    channel_types = {ch["type"] for s in steps for ch in s["channels"]}
    used_unit_ids = [u.id for u in units] if "presencial" in channel_types else []
    is_free = not any(s["costs"] for s in steps)
    # Digital (gov.br servicoDigital) when it is requested online and no step needs a visit in person.
    is_digital = bool(spec.get("url")) and all(
        any(ch["type"] != "presencial" for ch in s["channels"]) for s in steps
    )
    return {
        "name": spec["name"],
        "acronym": spec.get("acronym", ""),
        "popular_names": _split(spec.get("pop", "")),
        "description": spec["desc"],
        "audiences": spec["aud"].split(),
        "categories": [CATEGORY_ALIASES[c] for c in spec["cat"].split()],
        "requesters": [{"type": t, "requirements": r} for t, r in spec["who"]],
        "steps": steps,
        "total_time": spec["time"],
        "is_free": is_free,
        "document_validity": _validity(spec.get("valid")),
        "is_digital": is_digital,
        "digital_url": spec.get("url") if is_digital else None,
        "min_login_level": spec.get("level", "bronze"),
        "unit_ids": used_unit_ids,
        "priority_treatment": priority_treatment(spec),
        "expected_wait": expected_wait(channel_types, spec),
        "communication_channels": communication_channels(agency),
        "manifestation_handling": manifestation_handling(agency),
        "status_consultation": status_consultation(spec, agency),
        "accessibility_conditions": accessibility_conditions(
            spec, channel_types, units if "presencial" in channel_types else []
        ),
        "legislation": _legislation(spec.get("laws", "")),
        "keywords": _split(spec.get("kw", "")),
    }
