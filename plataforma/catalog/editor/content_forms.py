"""Forms of the editors' back office.

`ContentEditor` turns the whole Carta content document (catalog.content.ServiceContent) into
plain HTML forms that work without JavaScript — a main form, formsets for requesters, steps and
legislation, and per step nested formsets for costs and channels — and back. Validation of the
content itself is done once, by catalog.services.validate_content; its errors (keyed by dotted
paths such as "steps.0.costs.1.value") are put back next to the field they concern.

Forms only convert input; every rule about the content lives in content.py / services.py.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.utils import ErrorDict, ErrorList
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from plataforma.catalog import services
from plataforma.catalog.content import CHANNEL_LABELS, LEVEL_LABELS
from plataforma.catalog.models import Audience, Category, ServiceUnit

TIME_KIND_CHOICES = [
    ("nao-estimado", _("Não estimado")),
    ("imediato", _("Atendimento imediato")),
    ("ate", _("Até (prazo máximo)")),
    ("em-media", _("Em média")),
    ("entre", _("Entre um mínimo e um máximo")),
]
TIME_UNIT_CHOICES = [
    ("", _("— escolha a unidade —")),
    ("minutos", _("minutos")),
    ("horas", _("horas")),
    ("dias", _("dias corridos")),
    ("dias-uteis", _("dias úteis")),
    ("meses", _("meses")),
]
VALIDITY_KIND_CHOICES = [
    ("nao-se-aplica", _("Não se aplica (o serviço não emite documento com validade)")),
    ("indeterminada", _("Indeterminada")),
    ("determinada", _("Determinada")),
]
VALIDITY_UNIT_CHOICES = [
    ("", _("— escolha a unidade —")),
    ("dias", _("dias")),
    ("meses", _("meses")),
    ("anos", _("anos")),
]
CHANNEL_CHOICES = [("", _("— escolha o tipo de canal —")), *CHANNEL_LABELS.items()]
WAIT_KIND_CHOICES = [("", _("Não informar")), *TIME_KIND_CHOICES[1:]]
QUALITY_FIELDS = [
    (
        "priority_treatment",
        _("Prioridades de atendimento"),
        _("Quem tem atendimento prioritário e como (Lei 10.048/2000; Lei 13.460, art. 7º, § 3º, I)."),
    ),
    ("expected_wait", _("Tempo de espera previsto para o atendimento"), _("Art. 7º, § 3º, II.")),
    (
        "communication_channels",
        _("Canais de comunicação com o usuário"),
        _("Telefones, e-mails e outros canais para tirar dúvidas (art. 7º, § 3º, III)."),
    ),
    (
        "manifestation_handling",
        _("Como reclamar, sugerir, denunciar ou elogiar"),
        _("Onde e como a manifestação é recebida e respondida (art. 7º, § 2º, VI e § 3º, IV)."),
    ),
    (
        "status_consultation",
        _("Como consultar o andamento"),
        _("Como acompanhar o pedido e a manifestação (art. 7º, § 3º, V)."),
    ),
    ("accessibility_conditions", _("Condições de acessibilidade"), ""),
]


class LinesField(forms.CharField):
    """A textarea where each non-empty line is one item of a list."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 20000)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        return [line.strip() for line in text.splitlines() if line.strip()]

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(str(v) for v in value)
        return value

    def run_validators(self, value):
        # max_length applies to the text typed, checked by the CharField before splitting.
        return None

    def clean(self, value):
        text = value or ""
        if self.max_length is not None and len(text) > self.max_length:
            raise ValidationError(_("Texto longo demais."), code="max_length")
        return super().clean(value)


def _text(max_length: int, label, *, textarea: bool = False, help_text="", rows: int = 4) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if textarea else forms.TextInput()
    return forms.CharField(
        label=label, max_length=max_length, required=False, help_text=help_text, widget=widget
    )


def _int(label, *, max_value: int = 100000, min_value: int = 0) -> forms.IntegerField:
    return forms.IntegerField(label=label, required=False, min_value=min_value, max_value=max_value)


class ContentForm(forms.Form):
    """The scalar part of the content: basic data, audiences, categories, time, quality commitments."""

    name = _text(200, _("Nome do serviço"), help_text=_("Comece por um verbo: “Emitir…”, “Solicitar…”."))
    acronym = _text(30, _("Sigla"))
    description = _text(
        5000,
        _("Descrição"),
        textarea=True,
        rows=6,
        help_text=_(
            "O que é o serviço e para que serve, em linguagem simples. A primeira linha vira o resumo."
        ),
    )
    popular_names = LinesField(
        label=_("Nomes populares"), help_text=_("Um por linha. Como as pessoas chamam o serviço.")
    )
    keywords = LinesField(
        label=_("Palavras-chave"), help_text=_("Uma por linha. Ajudam a encontrar o serviço.")
    )
    audiences = forms.MultipleChoiceField(
        label=_("Público"), choices=Audience.Code.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    categories = forms.MultipleChoiceField(
        label=_("Áreas de interesse"), choices=(), required=False, widget=forms.CheckboxSelectMultiple
    )
    total_time_kind = forms.ChoiceField(
        label=_("Tipo de prazo"), choices=TIME_KIND_CHOICES, initial="nao-estimado", widget=forms.RadioSelect
    )
    total_time_min = _int(_("Mínimo"))
    total_time_max = _int(_("Máximo (ou a média, em “Em média”)"))
    total_time_unit = forms.ChoiceField(label=_("Unidade"), choices=TIME_UNIT_CHOICES, required=False)
    is_free = forms.BooleanField(label=_("O serviço é gratuito"), required=False)
    validity_kind = forms.ChoiceField(
        label=_("Validade do documento emitido"),
        choices=VALIDITY_KIND_CHOICES,
        initial="nao-se-aplica",
        widget=forms.RadioSelect,
    )
    validity_quantity = _int(_("Quantidade"), max_value=1000, min_value=1)
    validity_unit = forms.ChoiceField(
        label=_("Unidade da validade"), choices=VALIDITY_UNIT_CHOICES, required=False
    )
    is_digital = forms.BooleanField(label=_("O serviço pode ser solicitado pela internet"), required=False)
    digital_url = _text(
        500, _("Endereço onde o serviço digital é solicitado"), help_text=_("Começando por https://")
    )
    min_login_level = forms.ChoiceField(
        label=_("Nível mínimo da conta MT Login"),
        choices=list(LEVEL_LABELS.items()),
        initial="bronze",
        widget=forms.RadioSelect,
        help_text=_("Bronze: dados básicos; Prata: validação bancária ou facial; Ouro: certificado digital."),
    )
    units = forms.MultipleChoiceField(
        label=_("Unidades de atendimento"), choices=(), required=False, widget=forms.CheckboxSelectMultiple
    )
    change_summary = _text(
        300, _("Resumo da alteração"), help_text=_("O que mudou nesta versão, para o histórico.")
    )

    def __init__(self, *args, agencies=None, unit_choices=(), category_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        for name, label, help_text in QUALITY_FIELDS:
            self.fields[name] = _text(5000, label, textarea=True, help_text=help_text, rows=3)
        self.fields["categories"].choices = list(category_choices)
        self.fields["units"].choices = list(unit_choices)
        if agencies is not None:
            self.fields["agency"] = forms.ModelChoiceField(
                label=_("Órgão responsável"),
                queryset=agencies,
                empty_label=_("— escolha o órgão —"),
                error_messages={"invalid_choice": _("Escolha um dos órgãos em que você é editor.")},
            )
            self.order_fields(["agency"])

    @property
    def quality_fields(self):
        return [self[name] for name, _label, _help in QUALITY_FIELDS]


class RequesterForm(forms.Form):
    type = _text(300, _("Quem pode solicitar"), help_text=_("Por exemplo: “Cidadão maior de 18 anos”."))
    requirements = _text(5000, _("Requisitos"), textarea=True, rows=3)


class LegislationForm(forms.Form):
    title = _text(300, _("Norma"), help_text=_("Por exemplo: “Lei nº 13.460, de 26 de junho de 2017”."))
    url = _text(500, _("Endereço da norma na internet"))


class CostForm(forms.Form):
    description = _text(300, _("Descrição do custo"))
    value = forms.DecimalField(
        label=_("Valor (R$)"),
        required=False,
        min_value=Decimal(0),
        max_digits=12,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    variable = forms.BooleanField(label=_("O valor varia"), required=False)


class ChannelForm(forms.Form):
    type = forms.ChoiceField(label=_("Tipo de canal"), choices=CHANNEL_CHOICES, required=False)
    description = _text(1000, _("Descrição do canal"))
    address = _text(500, _("Endereço, telefone, e-mail ou site"))
    wait_kind = forms.ChoiceField(label=_("Tempo de espera"), choices=WAIT_KIND_CHOICES, required=False)
    wait_min = _int(_("Espera mínima"))
    wait_max = _int(_("Espera máxima (ou média)"))
    wait_unit = forms.ChoiceField(label=_("Unidade da espera"), choices=TIME_UNIT_CHOICES, required=False)


class _RowFormSet(forms.BaseFormSet):
    """Rows may be left blank (they are ignored) or removed with the “Remover” box."""

    deletion_widget = forms.CheckboxInput

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remover")


def _rows(form_class, *, max_num: int, formset=_RowFormSet):
    return forms.formset_factory(
        form_class,
        formset=formset,
        extra=1,
        can_delete=True,
        max_num=max_num,
        validate_max=True,
        absolute_max=max_num + 10,
    )


CostFormSet = _rows(CostForm, max_num=20)
ChannelFormSet = _rows(ChannelForm, max_num=20)


class StepForm(forms.Form):
    title = _text(300, _("Título da etapa"))
    description = _text(5000, _("Descrição da etapa"), textarea=True, rows=3)
    documents = LinesField(
        label=_("Documentos necessários nesta etapa"),
        help_text=_("Um por linha, como a pessoa deve apresentá-lo."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        data = self.data if self.is_bound else None
        self.costs = CostFormSet(
            data, initial=None if data else self.initial.get("costs"), prefix=f"{self.prefix}-costs"
        )
        self.channels = ChannelFormSet(
            data, initial=None if data else self.initial.get("channels"), prefix=f"{self.prefix}-channels"
        )


RequesterFormSet = _rows(RequesterForm, max_num=20)
StepFormSet = _rows(StepForm, max_num=30)
LegislationFormSet = _rows(LegislationForm, max_num=30)


def _blank(form: forms.Form, *, ignore: tuple[str, ...] = ()) -> bool:
    """A row with nothing typed (checkbox defaults and DELETE aside)."""
    if form.is_bound:
        values = [form[name].value() for name in form.fields if name not in ("DELETE", *ignore)]
    else:
        return True
    for value in values:
        if isinstance(value, bool):
            if value:
                return False
        elif value not in (None, "", [], ()):
            return False
    return True


def _deleted(form: forms.Form) -> bool:
    return bool(form.is_bound and form["DELETE"].value()) if "DELETE" in form.fields else False


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


class ContentEditor:
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
        initial = {
            key: content.get(key)
            for key in (
                "name",
                "acronym",
                "description",
                "popular_names",
                "keywords",
                "audiences",
                "categories",
            )
        }
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
        for key in ("name", "acronym", "description", "popular_names", "keywords", "audiences", "categories"):
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

    # --- errors -------------------------------------------------------------------------------
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
