"""`ContentEditor`: all the forms of one content document and the mapping between them and the
document; `data_with_added_row`: adding a row without JavaScript."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import QueryDict

from plataforma.catalog import services
from plataforma.catalog.models import Category, ServiceUnit

from .basic import PLAIN_FIELDS, QUALITY_FIELDS, ContentForm
from .errors import ContentErrors
from .fields import _blank, _deleted
from .requesters_legislation import LegislationFormSet, RequesterFormSet
from .steps import StepFormSet


def _time_doc(kind, min_, max_, unit) -> dict[str, Any]:
    doc: dict[str, Any] = {"kind": kind or "nao-estimado"}
    if min_ is not None:
        doc["min"] = min_
    if max_ is not None:
        doc["max"] = max_
    if unit:
        doc["unit"] = unit
    return doc


_ADD_TARGET = re.compile(r"^(requesters|steps|legislation)$|^steps-(\d{1,2})-(costs|channels)$")


class ContentEditor(ContentErrors):
    """All the forms of one content document, bound or not, and the mapping between them and
    the document. Use: `is_valid()`, then `content()`; on a service's ValidationError,
    `add_errors(exc)` puts each message next to its field."""

    def __init__(
        self,
        *,
        data: QueryDict | None = None,
        content: dict[str, Any] | None = None,
        change_summary: str = "",
        agencies=None,
        units=None,
    ):
        content = content or {}
        categories = [(c.slug, c.name) for c in Category.objects.order_by("name")]
        unit_list = list(units if units is not None else ServiceUnit.objects.none())
        several = len({u.agency_id for u in unit_list}) > 1
        unit_choices = [(str(u.pk), f"{u.agency.acronym} — {u}" if several else str(u)) for u in unit_list]
        self.form = ContentForm(
            data,
            initial=None if data is not None else self._main_initial(content, change_summary),
            agencies=agencies,
            unit_choices=unit_choices,
            category_choices=categories,
        )
        self.requesters = RequesterFormSet(
            data, initial=None if data is not None else content.get("requesters"), prefix="requesters"
        )
        self.steps = StepFormSet(
            data,
            initial=None if data is not None else [self._step_initial(s) for s in content.get("steps", [])],
            prefix="steps",
        )
        self.legislation = LegislationFormSet(
            data, initial=None if data is not None else content.get("legislation"), prefix="legislation"
        )
        self._requester_rows: list[int] = []
        self._step_rows: list[int] = []
        self._cost_rows: dict[int, list[int]] = {}
        self._channel_rows: dict[int, list[int]] = {}
        self._legislation_rows: list[int] = []

    # --- initial values -----------------------------------------------------------------------
    @staticmethod
    def _main_initial(content: dict[str, Any], change_summary: str) -> dict[str, Any]:
        time = content.get("total_time") or {}
        validity = content.get("document_validity") or {}
        initial = {key: content.get(key) for key in PLAIN_FIELDS}
        initial.update(
            total_time_kind=time.get("kind", "nao-estimado"),
            total_time_min=time.get("min"),
            total_time_max=time.get("max"),
            total_time_unit=time.get("unit") or "",
            is_free=content.get("is_free", True),
            validity_kind=validity.get("kind", "nao-se-aplica"),
            validity_quantity=validity.get("quantity"),
            validity_unit=validity.get("unit") or "",
            is_digital=content.get("is_digital", False),
            digital_url=content.get("digital_url") or "",
            min_login_level=content.get("min_login_level", "bronze"),
            units=content.get("unit_ids", []),
            change_summary=change_summary,
            **{name: content.get(name, "") for name, _label, _help in QUALITY_FIELDS},
        )
        return initial

    @staticmethod
    def _step_initial(step: dict[str, Any]) -> dict[str, Any]:
        channels = []
        for ch in step.get("channels", []):
            wait = ch.get("estimated_wait") or {}
            channels.append(
                {
                    "type": ch.get("type", ""),
                    "description": ch.get("description", ""),
                    "address": ch.get("address", ""),
                    "wait_kind": wait.get("kind", ""),
                    "wait_min": wait.get("min"),
                    "wait_max": wait.get("max"),
                    "wait_unit": wait.get("unit") or "",
                }
            )
        costs = [
            {
                "description": c.get("description", ""),
                "value": Decimal(str(c["value"])) if c.get("value") not in (None, "") else None,
                "variable": c.get("variable", False),
            }
            for c in step.get("costs", [])
        ]
        return {
            "title": step.get("title", ""),
            "description": step.get("description", ""),
            "documents": step.get("documents", []),
            "costs": costs,
            "channels": channels,
        }

    # --- validation ---------------------------------------------------------------------------
    def _all_formsets(self):
        yield self.requesters
        yield self.steps
        yield self.legislation
        for step in self.steps.forms:
            yield step.costs
            yield step.channels

    def is_valid(self) -> bool:
        """Check the input and the content document; on failure every error is attached."""
        valid = self.form.is_valid()
        for formset in list(self._all_formsets()):
            valid = formset.is_valid() and valid
        try:
            services.validate_content(self.content())
        except ValidationError as exc:
            self.add_errors(exc)
            return False
        return valid

    def content(self) -> dict[str, Any]:
        """The content document built from the input (fields with input errors are left out)."""
        cd = getattr(self.form, "cleaned_data", {})
        doc: dict[str, Any] = {}
        for key in PLAIN_FIELDS:
            if key in cd:
                doc[key] = cd[key]
        for name, _label, _help in QUALITY_FIELDS:
            if name in cd:
                doc[name] = cd[name]
        doc["total_time"] = _time_doc(
            cd.get("total_time_kind"),
            cd.get("total_time_min"),
            cd.get("total_time_max"),
            cd.get("total_time_unit"),
        )
        validity: dict[str, Any] = {"kind": cd.get("validity_kind") or "nao-se-aplica"}
        if validity["kind"] == "determinada":
            if cd.get("validity_quantity") is not None:
                validity["quantity"] = cd["validity_quantity"]
            if cd.get("validity_unit"):
                validity["unit"] = cd["validity_unit"]
        doc["document_validity"] = validity
        doc["is_free"] = bool(cd.get("is_free"))
        doc["is_digital"] = bool(cd.get("is_digital"))
        doc["digital_url"] = cd.get("digital_url") or None
        if "min_login_level" in cd:
            doc["min_login_level"] = cd["min_login_level"]
        doc["unit_ids"] = cd.get("units", [])

        self._requester_rows, doc["requesters"] = self._collect(
            self.requesters, lambda f: {"type": f.get("type", ""), "requirements": f.get("requirements", "")}
        )
        self._legislation_rows, doc["legislation"] = self._collect(
            self.legislation, lambda f: {"title": f.get("title", ""), "url": f.get("url") or None}
        )
        steps = []
        self._step_rows = []
        for index, form in enumerate(self.steps.forms):
            if _deleted(form):
                continue
            cost_rows, costs = self._collect(form.costs, self._cost_doc)
            channel_rows, channels = self._collect(form.channels, self._channel_doc)
            if _blank(form) and not costs and not channels:
                continue
            f = getattr(form, "cleaned_data", {})
            steps.append(
                {
                    "title": f.get("title", ""),
                    "description": f.get("description", ""),
                    "documents": f.get("documents", []),
                    "costs": costs,
                    "channels": channels,
                }
            )
            self._step_rows.append(index)
            self._cost_rows[index] = cost_rows
            self._channel_rows[index] = channel_rows
        doc["steps"] = steps
        return doc

    @staticmethod
    def _cost_doc(f: dict[str, Any]) -> dict[str, Any]:
        return {
            "description": f.get("description", ""),
            "value": f.get("value"),
            "variable": bool(f.get("variable")),
        }

    @staticmethod
    def _channel_doc(f: dict[str, Any]) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "type": f.get("type", ""),
            "description": f.get("description", ""),
            "address": f.get("address", ""),
        }
        if f.get("wait_kind"):
            doc["estimated_wait"] = _time_doc(
                f["wait_kind"], f.get("wait_min"), f.get("wait_max"), f.get("wait_unit")
            )
        return doc

    @staticmethod
    def _collect(formset, build) -> tuple[list[int], list[dict[str, Any]]]:
        rows: list[int] = []
        items: list[dict[str, Any]] = []
        for index, form in enumerate(formset.forms):
            if _deleted(form) or _blank(form):
                continue
            items.append(build(getattr(form, "cleaned_data", {}) or {}))
            rows.append(index)
        return rows, items


def data_with_added_row(data: QueryDict, target: str) -> QueryDict | None:
    """A copy of the submitted data with one more empty row in `target` (a formset prefix), so
    that rows can be added without JavaScript. None when `target` is not a known formset."""
    match = _ADD_TARGET.match(target or "")
    if not match:
        return None
    limits = {"requesters": 20, "steps": 30, "legislation": 30, "costs": 20, "channels": 20}
    limit = limits[match.group(1) or match.group(3)]
    data = data.copy()
    key = f"{target}-TOTAL_FORMS"
    try:
        total = int(data.get(key, "0"))
    except ValueError:
        return None
    if total >= limit:
        return data
    data[key] = str(total + 1)
    data.setdefault(f"{target}-INITIAL_FORMS", "0")
    if target == "steps":
        for nested in ("costs", "channels"):
            data[f"steps-{total}-{nested}-TOTAL_FORMS"] = "1"
            data[f"steps-{total}-{nested}-INITIAL_FORMS"] = "0"
    return data
