"""The requester's actions on a request: answer the agency's question, cancel (with a
confirmation page), or any other action the service's workflow gives the requester."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from plataforma.common.ratelimit import hit

from ..documents import ALL_KINDS, document_store, documents_discard, effective_max_mb, kinds_label
from ..models import Document
from ..services import available_actions, service_request_act, workflow_of
from ..services.transitions import MAX_EVENT_DOCUMENTS, MAX_NOTE
from ..workflow import ActionDef, Status
from .common import (
    ACT_LIMIT,
    acting_company,
    apply_errors,
    area_documents,
    bad_request,
    forbidden,
    requester_request_or_404,
    see_other,
    too_many,
)
from .requests import REQUESTER_ROLES


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class ActionForm(forms.Form):
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), max_length=MAX_NOTE, required=False)

    def __init__(self, *args, action: ActionDef, documents, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        note = self.fields["note"]
        note.label = action.note_label
        note.required = action.requires_note
        note.error_messages["required"] = _("Preencha: %(label)s.") % {"label": action.note_label}
        if action.allows_attachments:
            self.fields["uploads"] = MultipleFileField(
                label=_("Enviar arquivos"),
                required=False,
                help_text=_("%(kinds)s, até %(mb)d MB cada, no máximo %(n)d arquivos.")
                % {"kinds": kinds_label(ALL_KINDS), "mb": effective_max_mb(None), "n": MAX_EVENT_DOCUMENTS},
            )
            self.fields["reuse"] = forms.ModelMultipleChoiceField(
                label=_("Ou escolha documentos que você já guardou"),
                queryset=documents,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
            self.fields["reuse"].label_from_instance = lambda d: d.name

    def clean(self):
        cleaned = super().clean()
        count = len(cleaned.get("uploads") or []) + len(cleaned.get("reuse") or [])
        if count > MAX_EVENT_DOCUMENTS:
            raise ValidationError(_("Anexe no máximo %(n)d arquivos.") % {"n": MAX_EVENT_DOCUMENTS})
        return cleaned


def _action_documents(request: HttpRequest):
    # The workflow accepts only the actor's own documents on a step.
    return area_documents(user=request.user, company=acting_company(request)).filter(owner=request.user)


@login_required
@require_http_methods(["GET", "POST"])
def act(request: HttpRequest, protocol: str, action_key: str) -> HttpResponse:
    service_request = requester_request_or_404(request, protocol)
    workflow = workflow_of(service_request)
    action = next(
        (a for a in available_actions(request=service_request, roles=REQUESTER_ROLES) if a.key == action_key),
        None,
    )
    if action is None:
        if request.method == "GET":
            raise Http404
        return bad_request(request, [_("Esta ação não está disponível para este pedido agora.")])
    company = acting_company(request)
    form = ActionForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        action=action,
        documents=_action_documents(request),
    )
    context = {
        "sr": service_request,
        "action": action,
        "form": form,
        "state": workflow.state(service_request.state),
        "is_cancel": workflow.state(action.to_state).status == Status.CANCELLED,
    }
    template = "service_requests/citizen/act.html"
    if request.method == "GET":
        return render(request, template, context)
    if not hit(ACT_LIMIT, str(request.user.pk)):
        return too_many(request)
    if not form.is_valid():
        return render(request, template, context, status=400)

    stored: list[Document] = []
    try:
        with transaction.atomic():
            documents = list(form.cleaned_data.get("reuse") or [])
            for upload in form.cleaned_data.get("uploads") or []:
                try:
                    document = document_store(
                        owner=request.user,
                        company=company,
                        upload=upload,
                        allowed_kinds=ALL_KINDS,
                        max_mb=None,
                    )
                except ValidationError as exc:
                    raise ValidationError({"documents": exc.messages}) from exc
                stored.append(document)
                documents.append(document)
            updated = service_request_act(
                request_id=service_request.pk,
                actor=request.user,
                action_key=action.key,
                note=form.cleaned_data.get("note", ""),
                documents=documents,
                acting_company=company,
            )
    except ValidationError as exc:
        documents_discard(stored)
        apply_errors(form, exc, field_map={"documents": "uploads"})
        return render(request, template, context, status=400)
    except PermissionDenied as exc:
        documents_discard(stored)
        return forbidden(request, str(exc) or _("Você não pode realizar esta ação neste pedido."))
    except BaseException:
        documents_discard(stored)
        raise
    state = workflow.state(updated.state)
    messages.success(request, _("Feito. O pedido agora está em: %(state)s.") % {"state": state.label})
    return see_other(reverse("service_requests:detail", kwargs={"protocol": service_request.protocol}))
