"""Putting a content ValidationError back next to the field it concerns.

catalog.services.validate_content keys its messages by dotted paths into the content document
("name", "steps.0.costs.1.value", "document_validity.unit"). Blank and removed rows are left out
of the document, so position N in the document is not always row N of the formset: ContentEditor
records which row became which item while building the document, and the methods here use that
record to find the form (and the field) each message belongs to.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.utils import ErrorDict, ErrorList

from .basic import QUALITY_FIELDS
from .fields import _deleted

# Where the content document's keys are shown in ContentForm.
_MAIN_FIELDS = {
    "name": "name",
    "acronym": "acronym",
    "popular_names": "popular_names",
    "description": "description",
    "audiences": "audiences",
    "categories": "categories",
    "total_time": "total_time_max",
    "total_time.kind": "total_time_kind",
    "total_time.min": "total_time_min",
    "total_time.max": "total_time_max",
    "total_time.unit": "total_time_unit",
    "is_free": "is_free",
    "document_validity": "validity_quantity",
    "document_validity.kind": "validity_kind",
    "document_validity.quantity": "validity_quantity",
    "document_validity.unit": "validity_unit",
    "is_digital": "is_digital",
    "digital_url": "digital_url",
    "min_login_level": "min_login_level",
    "unit_ids": "units",
    "keywords": "keywords",
    "change_summary": "change_summary",
    **{name: name for name, _label, _help in QUALITY_FIELDS},
}
_CHANNEL_FIELDS = {
    "type": "type",
    "description": "description",
    "address": "address",
    "estimated_wait": "wait_max",
    "estimated_wait.kind": "wait_kind",
    "estimated_wait.min": "wait_min",
    "estimated_wait.max": "wait_max",
    "estimated_wait.unit": "wait_unit",
}


class ContentErrors:
    """Error handling of ContentEditor (its only user). Relies on the editor's forms (`form`,
    `requesters`, `steps`, `legislation`), on `_all_formsets()`, and on the row record that
    `ContentEditor.content()` fills (`_requester_rows`, `_step_rows`, `_cost_rows`,
    `_channel_rows`, `_legislation_rows`)."""

    def add_errors(self, exc: ValidationError) -> None:
        """Attach a service's ValidationError to the fields it names (dotted content paths)."""
        if not hasattr(exc, "error_dict"):
            self.form.add_error(None, exc.messages)
            return
        for key, messages in exc.message_dict.items():
            self._attach(key, messages)

    @staticmethod
    def _put(form: forms.Form, field: str | None, messages: list[str]) -> None:
        if field is not None and field not in form.fields:
            field = None
        if field is not None and form.errors.get(field):
            return  # the input error already explains it
        existing = form.errors.get(field or NON_FIELD_ERRORS, [])
        new = [m for m in messages if m not in existing]
        if new:
            form.add_error(field, new)

    @staticmethod
    def _put_formset(formset, messages: list[str]) -> None:
        errors = formset.non_form_errors()
        for m in messages:
            if m not in errors:
                errors.append(m)

    def _attach(self, key: str, messages: list[str]) -> None:
        if key == NON_FIELD_ERRORS:
            self._put(self.form, None, messages)
            return
        parts = key.split(".")
        head = parts[0]
        if head in ("requesters", "legislation", "steps") and len(parts) == 1:
            self._put_formset(getattr(self, head), messages)
            return
        if head in ("requesters", "legislation", "steps") and parts[1].isdigit():
            rows = {"requesters": self._requester_rows, "legislation": self._legislation_rows}.get(
                head, self._step_rows
            )
            position = int(parts[1])
            formset = getattr(self, head)
            if position >= len(rows):
                self._put_formset(formset, messages)
                return
            form_index = rows[position]
            form = formset.forms[form_index]
            rest = parts[2:]
            if head == "steps" and rest and rest[0] in ("costs", "channels"):
                self._attach_nested(form, form_index, rest, messages)
                return
            self._put(form, rest[0] if rest else None, messages)
            return
        # main form; list items ("popular_names.3") go to the list's field
        for length in range(len(parts), 0, -1):
            field = _MAIN_FIELDS.get(".".join(parts[:length]))
            if field:
                self._put(self.form, field, messages)
                return
        self._put(self.form, None, messages)

    def _attach_nested(self, step_form, step_index: int, rest: list[str], messages: list[str]) -> None:
        kind = rest[0]
        formset = step_form.costs if kind == "costs" else step_form.channels
        rows = (self._cost_rows if kind == "costs" else self._channel_rows).get(step_index, [])
        if len(rest) == 1 or not rest[1].isdigit() or int(rest[1]) >= len(rows):
            self._put_formset(formset, messages)
            return
        form = formset.forms[rows[int(rest[1])]]
        path = ".".join(rest[2:])
        if kind == "channels":
            field = _CHANNEL_FIELDS.get(path) or _CHANNEL_FIELDS.get(path.split(".")[0])
        else:
            field = rest[2] if len(rest) > 2 else None
        self._put(form, field, messages)

    def has_errors(self) -> bool:
        forms_ = [self.form, *self.requesters.forms, *self.steps.forms, *self.legislation.forms]
        for step in self.steps.forms:
            forms_ += [*step.costs.forms, *step.channels.forms]
        return any(f.errors for f in forms_) or any(fs.non_form_errors() for fs in self._all_formsets())

    def error_count(self) -> int:
        total = sum(len(e) for e in self.form.errors.values())
        for fs in self._all_formsets():
            total += len(fs.non_form_errors())
            total += sum(len(e) for f in fs.forms if not _deleted(f) for e in f.errors.values())
        return total

    def silence(self) -> None:
        """Show the bound input again without any error (after adding a row)."""
        self.form._errors = ErrorDict()
        self.form.cleaned_data = {}
        for formset in self._all_formsets():
            formset._errors = []
            formset._non_form_errors = ErrorList()
            for form in formset.forms:
                form._errors = ErrorDict()
                form.cleaned_data = {}
