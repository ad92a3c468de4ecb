"""Input of the agency's inbox: the list's filters (a GET form), a workflow action, an assignment
and an internal note."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..documents import ALL_KINDS, kinds_label
from ..services.transitions import MAX_EVENT_DOCUMENTS, MAX_NOTE
from ..workflow import Status
from .selectors import InboxFilters

SELECT = {"class": "portal-select"}


class InboxFilterForm(forms.Form):
    situacao = forms.ChoiceField(label=_("Situação"), required=False, widget=forms.Select(attrs=SELECT))
    servico = forms.ChoiceField(label=_("Serviço"), required=False, widget=forms.Select(attrs=SELECT))
    responsavel = forms.ChoiceField(label=_("Responsável"), required=False, widget=forms.Select(attrs=SELECT))
    prazo = forms.ChoiceField(
        label=_("Prazo"),
        required=False,
        choices=[
            ("", _("Qualquer prazo")),
            ("vencidos", _("Vencidos")),
            ("em_breve", _("Vencem em até 3 dias úteis")),
            ("no_prazo", _("No prazo")),
        ],
        widget=forms.Select(attrs=SELECT),
    )
    protocolo = forms.CharField(
        label=_("Protocolo"),
        required=False,
        max_length=64,
        help_text=_("O número completo, como 2026.DETRANMT.000123-7."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args, services=(), people=(), states=(), **kwargs):
        super().__init__(*args, **kwargs)
        status_choices = [("abertas", _("Em aberto (todas as etapas)")), ("todas", _("Todas"))]
        status_choices += [(f"situacao:{value}", label) for value, label in Status.choices]
        state_choices = [(f"etapa:{key}", label) for key, label, _status in states]
        self._state_status = {key: status for key, _label, status in states}
        self.fields["situacao"].choices = [
            (_("Situação"), status_choices),
            (_("Etapa do fluxo"), state_choices),
        ]
        self.fields["servico"].choices = [("", _("Todos os serviços"))] + [
            (str(s.pk), s.name) for s in services
        ]
        self.fields["responsavel"].choices = [
            ("", _("Qualquer pessoa")),
            ("eu", _("Comigo")),
            ("ninguem", _("Sem responsável")),
        ] + [(str(p.pk), p.display_name) for p in people]

    def clean_protocolo(self) -> str:
        from plataforma.common.protocols import protocol_normalise

        text = (self.cleaned_data.get("protocolo") or "").strip()
        if text and protocol_normalise(text) is None:
            raise forms.ValidationError(
                _(
                    "Confira o número do protocolo: ele tem o ano, a sigla, o número e o dígito, "
                    "como 2026.DETRANMT.000123-7."
                )
            )
        return text

    def filters(self) -> InboxFilters:
        data = self.cleaned_data
        situacao = data.get("situacao") or "abertas"
        status, state = situacao, ""
        if situacao.startswith("situacao:"):
            status = situacao.split(":", 1)[1]
        elif situacao.startswith("etapa:"):
            state = situacao.split(":", 1)[1]
            status = self._state_status[state]
        return InboxFilters(
            status=status,
            state=state,
            service_id=data.get("servico") or None,
            assignee=data.get("responsavel") or "",
            deadline=data.get("prazo") or "",
            protocol=data.get("protocolo") or "",
        )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class ActionForm(forms.Form):
    """A workflow action's note (its label from the workflow) and, where allowed, files."""

    note = forms.CharField(
        label=_("Observação"),
        required=False,
        max_length=MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        note = self.fields["note"]
        note.label = action.note_label
        note.required = action.requires_note
        note.error_messages["required"] = _("Preencha: %(label)s.") % {"label": action.note_label}
        note.error_messages["max_length"] = _("Use no máximo %(limit_value)d caracteres.")
        if action.allows_attachments:
            self.fields["anexos"] = MultipleFileField(
                label=_("Anexos (opcional)"),
                required=False,
                help_text=_("Até %(n)d arquivos %(kinds)s.")
                % {"n": MAX_EVENT_DOCUMENTS, "kinds": kinds_label(ALL_KINDS)},
            )

    def clean_anexos(self):
        files = self.cleaned_data.get("anexos") or []
        if len(files) > MAX_EVENT_DOCUMENTS:
            raise forms.ValidationError(_("Anexe no máximo %(n)d arquivos.") % {"n": MAX_EVENT_DOCUMENTS})
        return files


class AssignForm(forms.Form):
    assignee = forms.ChoiceField(
        label=_("Responsável"),
        widget=forms.Select(attrs=SELECT),
        error_messages={
            "required": _("Escolha a pessoa responsável."),
            "invalid_choice": _("Escolha uma pessoa da lista."),
        },
    )

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [
            ("", _("Escolha…")),
            ("ninguem", _("Ninguém (deixar sem responsável)")),
        ] + [(str(p.pk), p.display_name) for p in people]


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Observação interna"),
        max_length=MAX_NOTE,
        help_text=_("Só as pessoas do órgão leem esta observação; o solicitante não a vê."),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Escreva a observação."),
            "max_length": _("Use no máximo %(limit_value)d caracteres."),
        },
    )
