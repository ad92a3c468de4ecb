"""The compact spec an agency module writes a service in: `svc` for the service, `st` for each
step, and the helpers for the total time (`ate`, `entre`, `media`, IMEDIATO, NAO_ESTIMADO)."""

from __future__ import annotations

from typing import Any


def svc(name: str, **facts: Any) -> dict[str, Any]:
    """One service, as written in an agency module. Keys:

    desc, aud ("cidadao empresa"), cat (category slugs), who [(type, requirements)],
    steps [st(...)], time (ate/entre/media/IMEDIATO/NAO_ESTIMADO), acronym, pop ("a; b"),
    valid (None, "indeterminada" or (n, "anos"|"meses"|"dias")), url (digital service),
    level, units ("key key" or "all"), laws ("key key" from LAWS, or (title, url) tuples),
    kw ("a; b"), and optional overrides: wait, status, priority, access.
    """
    return {"name": name, **facts}


def st(title: str, desc: str, docs: str = "", cost: list[tuple] | None = None, ch: str = "") -> dict:
    """One step. docs: "a; b"; cost: [(description, value)] or [(description, None)] for a
    variable cost; ch: channel tokens "web app presencial telefone email postal"."""
    return {"title": title, "desc": desc, "docs": docs, "cost": cost or [], "ch": ch}


def ate(n: int, unit: str) -> dict:
    return {"kind": "ate", "max": n, "unit": unit}


def entre(a: int, b: int, unit: str) -> dict:
    return {"kind": "entre", "min": a, "max": b, "unit": unit}


def media(n: int, unit: str) -> dict:
    return {"kind": "em-media", "max": n, "unit": unit}


IMEDIATO = {"kind": "imediato"}
NAO_ESTIMADO = {"kind": "nao-estimado"}
