"""Once-only (Lei 13.460 art. 5 XV): what the platform already knows about the requester is
prefilled and never asked again.

Sources are pluggable: a source is a callable that, given the person and the company they act
for, returns the values it knows. Callers say which keys they need (`keys`): a source none of
whose keys is wanted is not called, and a source may skip items nobody asked for (an X-VIA
source then makes no call to another agency for a form that does not use its data). Today the
sources read MT Login (person) and the Área Empresarial (company); X-VIA sources (data held by
other agencies) register the same way with `register_source` and are looked up by the same field
`prefill` keys.

A source that reads another agency's data (`consent` names that agency) is called only for the
namespaces the person consented to for this request (`consented`), and is told why (`purpose`):
the query travels through X-VIA with the person's CPF and that purpose, and the person sees it in
"Quem acessou meus dados" (Lei 14.129 art. 40 §1; `prefill_xvia.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

PrefillValues = dict[str, Any]
Fetch = Callable[..., PrefillValues]


@dataclass(frozen=True)
class PrefillSource:
    """`fetch(user=..., company=..., wanted=...)` returns {"<namespace>.<item>": value} for what
    it knows; `wanted` is the set of keys the caller needs (None: all), which it may use to skip
    work."""

    namespace: str
    label: str
    items: dict[str, tuple[str, tuple[str, ...]]]  # item -> (label, field types it can fill)
    fetch: Fetch
    consent: str = ""  # the agency that holds the data; set: called only with the person's consent
    min_level: str = ""  # the sign-in level the session needs (a proven CPF for other agencies' data)

    def level_allows(self, level: str) -> bool:
        from plataforma.identity.models import Level

        return not self.min_level or (bool(level) and Level.rank(level) >= Level.rank(self.min_level))


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


def consent_sources(keys: Iterable[str]) -> list[PrefillSource]:
    """The sources among these prefill keys that need the person's consent (other agencies)."""
    namespaces = {key.partition(".")[0] for key in keys}
    return [s for s in _SOURCES.values() if s.consent and s.namespace in namespaces]


def prefill_values(
    *,
    user,
    company=None,
    keys: Iterable[str] | None = None,
    consented: Iterable[str] = (),
    purpose: str = "",
    level: str = "",
) -> PrefillValues:
    """What the registered sources know about this person (and company): everything, or only
    the prefill `keys` given (a form's `prefill` keys). Sources of other agencies only for the
    `consented` namespaces, with the `purpose` of the query, and only for a session of the source's
    `level`. A failing source never blocks a request: the person is simply asked."""
    wanted = frozenset(keys) if keys is not None else None
    namespaces = {key.partition(".")[0] for key in wanted} if wanted is not None else None
    allowed = frozenset(consented)
    values: PrefillValues = {}
    for source in _SOURCES.values():
        if namespaces is not None and source.namespace not in namespaces:
            continue
        if source.consent and source.namespace not in allowed:
            continue
        if not source.level_allows(level):
            continue
        extra = {"purpose": purpose} if source.consent else {}
        try:
            found = source.fetch(user=user, company=company, wanted=wanted, **extra)
        except Exception:
            import logging

            logging.getLogger(__name__).warning("prefill source %s failed", source.namespace)
            continue
        values.update(
            {
                k: v
                for k, v in found.items()
                if v not in (None, "", [], {}) and (wanted is None or k in wanted)
            }
        )
    return values


def _person(*, user, company=None, wanted: frozenset[str] | None = None) -> PrefillValues:
    # the address is a query of its own: read it only when a form uses it
    needs_address = wanted is None or "person.address" in wanted
    address = getattr(user, "postal_address", None) if needs_address and hasattr(user, "pk") else None
    return {
        "person.name": user.display_name,
        "person.full_name": user.full_name,
        "person.cpf": user.cpf,
        "person.email": user.email if user.email_verified else "",
        "person.phone": user.phone_number,
        "person.address": address.as_dict() if address is not None else None,
    }


def _company(*, user, company=None, wanted: frozenset[str] | None = None) -> PrefillValues:
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
