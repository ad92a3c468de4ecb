from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe

from ..providers import SANDBOX, sandbox_simulation_enabled
from ..qr import pix_qr_svg
from ..selectors import charge_is_payable

register = template.Library()


@register.simple_tag
def charge_view(charge) -> dict:
    """{% charge_view charge as pix %}: what the charge panel shows — whether it can still be
    paid, its QR code (SVG), and whether the sandbox "Simular pagamento" button appears."""
    if charge is None:
        return {"payable": False}
    payable = charge_is_payable(charge)
    return {
        "payable": payable,
        "qr_svg": mark_safe(pix_qr_svg(charge.br_code)) if payable and charge.br_code else "",  # noqa: S308
        "can_simulate": payable and charge.provider == SANDBOX and sandbox_simulation_enabled(),
    }
