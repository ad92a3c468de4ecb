"""Workflow actions, each behind a confirmation page: on a version (submit, return, publish,
discard) and on a service (confirm review, unpublish)."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from plataforma.catalog import services

from .. import selectors
from ..forms import ReturnForm
from .access import _service, editor_required


class _Action:
    def __init__(self, *, title, question, explanation, button, done, danger=False, note=False):
        self.title, self.question, self.explanation = title, question, explanation
        self.button, self.done, self.danger, self.note = button, done, danger, note


VERSION_ACTIONS = {
    "enviar": _Action(
        title=gettext_lazy("Enviar para revisão"),
        question=gettext_lazy("Enviar esta versão para revisão?"),
        explanation=gettext_lazy(
            "Depois de enviada, a versão não pode mais ser alterada até que outro editor a publique "
            "ou a devolva para rascunho. Ela continua sem aparecer para o público."
        ),
        button=gettext_lazy("Sim, enviar para revisão"),
        done=gettext_lazy("Versão enviada para revisão."),
    ),
    "devolver": _Action(
        title=gettext_lazy("Devolver para rascunho"),
        question=gettext_lazy("Devolver esta versão para rascunho?"),
        explanation=gettext_lazy(
            "Explique o que precisa ser corrigido. A observação fica visível para quem for editar o rascunho."
        ),
        button=gettext_lazy("Devolver para rascunho"),
        done=gettext_lazy("Versão devolvida para rascunho com a sua observação."),
        note=True,
    ),
    "publicar": _Action(
        title=gettext_lazy("Publicar"),
        question=gettext_lazy("Publicar esta versão na Carta de Serviços?"),
        explanation=gettext_lazy(
            "A versão passa a ser a informação oficial do serviço no portal, para todas as pessoas. "
            "A versão publicada anterior fica guardada no histórico. Publicar também conta como revisão "
            "do serviço (Lei 13.460/2017, art. 7º, § 4º)."
        ),
        button=gettext_lazy("Sim, publicar"),
        done=gettext_lazy("Versão publicada. Ela já aparece no portal."),
    ),
    "descartar": _Action(
        title=gettext_lazy("Descartar"),
        question=gettext_lazy("Descartar esta versão?"),
        explanation=gettext_lazy(
            "A versão deixa de poder ser editada ou publicada. Ela continua no histórico, e a versão "
            "publicada (se houver) não muda."
        ),
        button=gettext_lazy("Sim, descartar"),
        done=gettext_lazy("Versão descartada."),
        danger=True,
    ),
}
SERVICE_ACTIONS = {
    "confirmar-revisao": _Action(
        title=gettext_lazy("Confirmar revisão"),
        question=gettext_lazy("Confirmar que a informação publicada continua correta?"),
        explanation=gettext_lazy(
            "Use quando você conferiu todo o conteúdo publicado e nada precisa mudar. A data da última "
            "revisão é atualizada e o aviso de revisão atrasada some (Lei 13.460/2017, art. 7º, § 4º)."
        ),
        button=gettext_lazy("Sim, confirmar revisão"),
        done=gettext_lazy("Revisão confirmada."),
    ),
    "despublicar": _Action(
        title=gettext_lazy("Despublicar"),
        question=gettext_lazy("Retirar este serviço do portal?"),
        explanation=gettext_lazy(
            "O serviço deixa de aparecer no portal e na Carta de Serviços (por exemplo, quando deixou de ser "
            "prestado). Todas as versões continuam no histórico e ele pode ser publicado de novo."
        ),
        button=gettext_lazy("Sim, despublicar"),
        done=gettext_lazy("O serviço foi retirado do portal."),
        danger=True,
    ),
}


def _confirm(request, *, action, service, version=None, form=None, error=None, status=200):
    return render(
        request,
        "catalog/editor/action_confirm.html",
        {"action": action, "service": service, "version": version, "form": form, "error": error},
        status=status,
    )


@editor_required
@require_http_methods(["GET", "HEAD", "POST"])
def version_action(request: HttpRequest, service_id: UUID, number: int, action: str) -> HttpResponse:
    if action not in VERSION_ACTIONS:
        raise Http404
    spec = VERSION_ACTIONS[action]
    service = _service(request, service_id)
    version = selectors.version_of(service=service, number=number)
    form = ReturnForm(request.POST if request.method == "POST" else None) if spec.note else None
    if request.method != "POST":
        return _confirm(request, action=spec, service=service, version=version, form=form)
    if form is not None and not form.is_valid():
        return _confirm(request, action=spec, service=service, version=version, form=form, status=400)
    try:
        if action == "enviar":
            services.version_submit(actor=request.user, version=version)
        elif action == "devolver":
            services.version_return(actor=request.user, version=version, note=form.cleaned_data["note"])
        elif action == "publicar":
            services.version_publish(actor=request.user, version=version)
        else:
            services.version_discard(actor=request.user, version=version)
    except ValidationError as exc:
        if form is not None and hasattr(exc, "error_dict"):
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            error = None
        else:
            error = " ".join(exc.messages)
        return _confirm(
            request, action=spec, service=service, version=version, form=form, error=error, status=400
        )
    messages.success(request, str(spec.done))
    return redirect("catalog_editor:service_detail", service_id=service.pk)


@editor_required
@require_http_methods(["GET", "HEAD", "POST"])
def service_action(request: HttpRequest, service_id: UUID, action: str) -> HttpResponse:
    if action not in SERVICE_ACTIONS:
        raise Http404
    spec = SERVICE_ACTIONS[action]
    service = _service(request, service_id)
    if request.method != "POST":
        return _confirm(request, action=spec, service=service)
    try:
        if action == "confirmar-revisao":
            services.service_mark_reviewed(actor=request.user, service=service)
        else:
            services.service_unpublish(actor=request.user, service=service)
    except ValidationError as exc:
        return _confirm(request, action=spec, service=service, error=" ".join(exc.messages), status=400)
    messages.success(request, str(spec.done))
    return redirect("catalog_editor:service_detail", service_id=service.pk)
