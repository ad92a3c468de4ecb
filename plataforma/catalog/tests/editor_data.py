"""Build the POST data a browser would send from the editor's content form (tests only)."""

from __future__ import annotations

from typing import Any

from django import forms

from plataforma.catalog.editor.content_forms import ContentEditor


def _form_values(form: forms.Form, data: dict[str, Any]) -> None:
    for bf in form:
        field, widget = bf.field, bf.field.widget
        value = bf.value()
        if isinstance(widget, forms.CheckboxInput):
            if value:
                data[bf.html_name] = "on"
        elif isinstance(widget, forms.CheckboxSelectMultiple | forms.SelectMultiple):
            data[bf.html_name] = [str(v) for v in value or []]
        elif isinstance(widget, forms.Select | forms.RadioSelect):
            data[bf.html_name] = "" if value is None else str(value)
        else:
            shown = widget.format_value(field.prepare_value(value))
            data[bf.html_name] = "" if shown is None else str(shown)


def editor_post_data(content: dict[str, Any] | None = None, **overrides: Any) -> dict[str, Any]:
    """Everything the content form would submit when showing `content` unchanged, plus overrides
    (form field names such as "name", "steps-0-title", "agency")."""
    editor = ContentEditor(content=content or {})
    data: dict[str, Any] = {}
    _form_values(editor.form, data)
    for formset in (editor.requesters, editor.steps, editor.legislation):
        _form_values(formset.management_form, data)
        for form in formset.forms:
            _form_values(form, data)
    for step in editor.steps.forms:
        for formset in (step.costs, step.channels):
            _form_values(formset.management_form, data)
            for form in formset.forms:
                _form_values(form, data)
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}
