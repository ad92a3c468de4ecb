"""Display helpers for the public pages (money, channels, MT Login levels)."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.translation import gettext as _

from plataforma.catalog.content import CHANNEL_LABELS

register = template.Library()

CHANNEL_ICONS = {
    "web": "fa-globe",
    "aplicativo-movel": "fa-mobile-alt",
    "presencial": "fa-building",
    "telefone": "fa-phone",
    "e-mail": "fa-envelope",
    "postal": "fa-mail-bulk",
    "sms": "fa-sms",
}


@register.filter
def brl(value) -> str:
    """Decimal('1234.5') -> 'R$ 1.234,50'."""
    if value is None or value == "":
        return ""
    amount = Decimal(value).quantize(Decimal("0.01"))
    integer, _dot, cents = f"{amount:,.2f}".partition(".")
    return f"R$ {integer.replace(',', '.')},{cents}"


@register.filter
def channel_label(channel_type: str) -> str:
    return CHANNEL_LABELS.get(channel_type, channel_type)


@register.filter
def channel_icon(channel_type: str) -> str:
    return CHANNEL_ICONS.get(channel_type, "fa-info-circle")


@register.filter
def is_link(address: str) -> bool:
    return str(address).startswith(("https://", "http://"))


@register.filter
def login_level_text(level: str) -> str:
    """What each MT Login level means, in plain words (ADR 0011)."""
    texts = {
        "bronze": _("Basta ter uma conta MT Login com o e-mail confirmado."),
        "prata": _(
            "Sua conta MT Login precisa ser nível prata: confirme a sua identidade pessoalmente, com "
            "um documento com foto, em uma unidade de atendimento (como o Ganha Tempo)."
        ),
        "ouro": _(
            "Sua conta MT Login precisa ser nível ouro: entre uma vez com o seu certificado digital "
            "ICP-Brasil (e-CPF)."
        ),
    }
    return texts.get(level, "")


@register.filter
def validity_text(validity) -> str:
    """DocumentValidity -> plain text with the unit in Portuguese."""
    if validity.kind == "determinada":
        units = {"dias": ("dia", "dias"), "meses": ("mês", "meses"), "anos": ("ano", "anos")}
        singular, plural = units.get(validity.unit, (validity.unit, validity.unit))
        return f"{validity.quantity} {singular if validity.quantity == 1 else plural}"
    return str(validity)


@register.inclusion_tag("portal/_breadcrumb.html")
def breadcrumb(*parts):
    """{% breadcrumb "Órgãos" url_orgaos "SEFAZ" %}: (label, url) pairs, then the current page."""
    *pairs, current = parts
    links = [{"label": pairs[i], "url": pairs[i + 1]} for i in range(0, len(pairs) - 1, 2)]
    return {"links": links, "current": current}


@register.simple_tag
def page_range(page):
    """Page numbers around the current one, with '…' gaps (Paginator.ELLIPSIS)."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
