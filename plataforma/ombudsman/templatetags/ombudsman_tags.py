"""Template helpers of the ouvidoria's pages."""

from __future__ import annotations

from django import forms, template

register = template.Library()


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


@register.inclusion_tag("ombudsman/_status_tag.html")
def status_tag(manifestation):
    return {"status": manifestation.status, "label": manifestation.get_status_display()}
