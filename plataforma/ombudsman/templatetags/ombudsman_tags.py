"""Template helpers of the ouvidoria's pages."""

from __future__ import annotations

from django import forms, template
from django.utils import dateformat, timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()

# Written in Python rather than as included templates: the inbox shows them on every row, and an
# include per cell was most of the page's rendering time (benchmarks/ombudsman_bench.py).
STATUS_ICONS = {
    "concluida": "fa-check",
    "arquivada": "fa-archive",
    "aguardando_usuario": "fa-exclamation",
    "encaminhada": "fa-share",
}


@register.simple_tag
def error_links(form) -> list[dict]:
    """The form's field errors as (anchor, label, message) for the summary at the top of the
    form: each links to its field (a radio group to its first option)."""
    if form is None or not form.errors:
        return []
    links = []
    for name, errors in form.errors.items():
        if name == "__all__" or name not in form.fields:
            continue
        bound = form[name]
        anchor = bound.auto_id
        if isinstance(bound.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
            anchor = f"{anchor}_0"
        for error in errors:
            links.append({"anchor": anchor, "label": bound.label, "message": error})
    return links


@register.simple_tag
def status_tag(manifestation):
    """The situação as a tag with an icon and text (never colour alone)."""
    status = manifestation.status
    return format_html(
        '<span class="br-tag text ouv-status ouv-status-{}">'
        '<i class="fas {}" aria-hidden="true"></i> {}</span>',
        status,
        STATUS_ICONS.get(status, "fa-hourglass-half"),
        manifestation.get_status_display(),
    )


@register.simple_tag
def deadline_cell(due, state):
    """A deadline with its state in words and an icon (never colour alone); the date in the
    active time zone (the pages render inside {% timezone "America/Cuiaba" %})."""
    if state == "encerrada":
        return "—"
    day = dateformat.format(timezone.localtime(due), "d/m/Y")
    if state == "atrasada":
        words = format_html(
            '<i class="fas fa-exclamation-triangle" aria-hidden="true"></i> <strong>{}</strong>', _("Vencido")
        )
    elif state == "em_breve":
        words = format_html('<i class="fas fa-clock" aria-hidden="true"></i> {}', _("Vence em breve"))
    elif state == "suspenso":
        words = format_html('<i class="fas fa-pause" aria-hidden="true"></i> {}', _("Suspenso"))
    else:
        words = _("No prazo")
    return format_html('{}<br><span class="portal-small">{}</span>', day, words)
