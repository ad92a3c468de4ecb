"""Once-only (Lei 13.460 art. 5 XV): what the platform already knows about the requester is
prefilled and never asked again.

Sources are pluggable: a source is a callable that, given the person and the company they act
for, returns the values it knows. Today the sources read MT Login (person) and the Área
Empresarial (company); X-VIA sources (data held by other agencies) register the same way with
`register_source` and are looked up by the same field `prefill` keys.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

PrefillValues = dict[str, Any]
Fetch = Callable[..., PrefillValues]


@dataclass(frozen=True)
class PrefillSource:
    """`fetch(user=..., company=...)` returns {"<namespace>.<item>": value} for what it knows."""

    namespace: str
    label: str
    items: dict[str, tuple[str, tuple[str, ...]]]  # item -> (label, field types it can fill)
    fetch: Fetch


_SOURCES: dict[str, PrefillSource] = {}


def register_source(source: PrefillSource) -> None:
    _SOURCES[source.namespace] = source


def sources() -> list[PrefillSource]:
    return list(_SOURCES.values())


def prefill_source_types() -> dict[str, tuple[str, ...]]:
    """{"person.email": ("email",), …}: which field types each prefill key may fill."""
    return {
        f"{source.namespace}.{item}": types
        for source in _SOURCES.values()
        for item, (_label, types) in source.items.items()
    }


def prefill_choices() -> list[tuple[str, str]]:
    return [
        (f"{source.namespace}.{item}", f"{source.label}: {label}")
        for source in _SOURCES.values()
        for item, (label, _types) in source.items.items()
    ]


def prefill_values(*, user, company=None) -> PrefillValues:
    """Everything the registered sources know about this person (and company). A failing
    source never blocks a request: the person is simply asked."""
    values: PrefillValues = {}
    for source in _SOURCES.values():
        try:
            found = source.fetch(user=user, company=company)
        except Exception:
            import logging

            logging.getLogger(__name__).warning("prefill source %s failed", source.namespace)
            continue
        values.update({k: v for k, v in found.items() if v not in (None, "", [], {})})
    return values


def _person(*, user, company=None) -> PrefillValues:
    address = getattr(user, "postal_address", None) if hasattr(user, "pk") else None
    return {
        "person.name": user.display_name,
        "person.full_name": user.full_name,
        "person.cpf": user.cpf,
        "person.email": user.email if user.email_verified else "",
        "person.phone": user.phone_number,
        "person.address": address.as_dict() if address is not None else None,
    }


def _company(*, user, company=None) -> PrefillValues:
    if company is None:
        return {}
    return {
        "company.cnpj": company.cnpj,
        "company.legal_name": company.legal_name,
        "company.trade_name": company.trade_name,
    }


register_source(
    PrefillSource(
        namespace="person",
        label="Conta MT Login",
        items={
            "name": ("Nome (social, se houver)", ("text",)),
            "full_name": ("Nome completo", ("text",)),
            "cpf": ("CPF", ("cpf",)),
            "email": ("E-mail confirmado", ("email",)),
            "phone": ("Celular", ("phone",)),
            "address": ("Endereço", ("cep",)),
        },
        fetch=_person,
    )
)
register_source(
    PrefillSource(
        namespace="company",
        label="Empresa representada",
        items={
            "cnpj": ("CNPJ", ("cnpj",)),
            "legal_name": ("Razão social", ("text",)),
            "trade_name": ("Nome fantasia", ("text",)),
        },
        fetch=_company,
    )
)
