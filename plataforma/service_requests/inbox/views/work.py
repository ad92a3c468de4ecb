"""Working a request: a workflow action on its own page, taking the request ("Assumir"),
giving it to a colleague (gestor), and internal notes. Services check the rules again under
the request's row lock; these views only turn their answers into pages."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from plataforma.common.calendar import add_business_days
from plataforma.identity.models import User

from ...documents import ALL_KINDS, document_store, documents_discard
from ...services import service_request_act, workflow_of
from .. import selectors, services
from ..forms import ActionForm, AssignForm, NoteForm
from .common import apply_errors, forbidden, see_other, signed_in, work_request_or_404

NOT_YOURS = gettext_lazy("Você fez este pedido: quem pede um serviço não trabalha no próprio pedido.")


def _detail_url(found) -> str:
    return reverse("request_inbox:detail", kwargs={"protocol": found.protocol})


def _store(*, actor, uploads) -> list:
    """Store the uploads as the servant's documents; a refused file becomes a field error."""
    stored = []
    try:
        for upload in uploads:
            stored.append(
                document_store(
                    owner=actor, upload=upload, allowed_kinds=ALL_KINDS, max_mb=None, enforce_quota=False
                )
            )
    except ValidationError as exc:
        documents_discard(stored)
        raise ValidationError({"documents": exc.messages}) from exc
    return stored


@signed_in
@require_http_methods(["GET", "HEAD", "POST"])
def act(request: HttpRequest, protocol: str, action_key: str) -> HttpResponse:
    found = work_request_or_404(request, protocol)
    action = workflow_of(found).action(action_key)
    if action is None or action.roles == ["sistema"]:
        raise Http404
    roles = selectors.work_roles(user=request.user, request=found)
    if not roles:
        return forbidden(request, str(NOT_YOURS))
    if not roles.intersection(action.roles):
        return forbidden(request, _("O seu papel neste órgão não permite esta ação."))
    context = {"req": found, "action": action}
    if action.asks_question:
        context["answer_day"] = add_business_days(timezone.localdate(), action.answer_days)
    if found.state not in action.from_states:
        context["unavailable"] = True
        return render(request, "service_requests/inbox/action.html", context, status=400)
    if request.method != "POST":
        context["form"] = ActionForm(action=action)
        return render(request, "service_requests/inbox/action.html", context)
    form = ActionForm(request.POST, request.FILES, action=action)
    context["form"] = form
    if form.is_valid():
        stored: list = []
        try:
            with transaction.atomic():
                stored = _store(actor=request.user, uploads=form.cleaned_data.get("anexos") or [])
                service_request_act(
                    request_id=found.pk,
                    actor=request.user,
                    action_key=action.key,
                    note=form.cleaned_data["note"],
                    documents=stored,
                )
        except ValidationError as exc:
            documents_discard(stored)
            apply_errors(form, exc, field_map={"documents": "anexos"})
        except PermissionDenied as exc:
            documents_discard(stored)
            return forbidden(request, " ".join(str(a) for a in exc.args) or str(NOT_YOURS))
        except Exception:
            documents_discard(stored)
            raise
        else:
            messages.success(request, _("Feito: %(action)s.") % {"action": action.label})
            return see_other(_detail_url(found))
    return render(request, "service_requests/inbox/action.html", context, status=400)


@signed_in
@require_http_methods(["POST"])
def take(request: HttpRequest, protocol: str) -> HttpResponse:
    """ "Assumir": the servant becomes responsible for the request."""
    found = work_request_or_404(request, protocol)
    try:
        services.request_assign(actor=request.user, request_id=found.pk, assignee=request.user)
    except PermissionDenied as exc:
        return forbidden(request, " ".join(str(a) for a in exc.args) or str(NOT_YOURS))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return see_other(_detail_url(found))
    messages.success(request, _("Você é agora responsável por este pedido."))
    return see_other(_detail_url(found))


@signed_in
@require_http_methods(["GET", "HEAD", "POST"])
def assign(request: HttpRequest, protocol: str) -> HttpResponse:
    """ "Atribuir a…": the agency's gestor names who is responsible."""
    found = work_request_or_404(request, protocol)
    roles = selectors.work_roles(user=request.user, request=found)
    if not roles:
        return forbidden(request, str(NOT_YOURS))
    if "gestor" not in roles:
        return forbidden(request, _("Só o gestor do órgão atribui pedidos a outras pessoas."))
    people = [p for p in selectors.colleagues(agency_id=found.agency_id) if p.pk != found.requester_id]
    if request.method != "POST":
        initial = {"assignee": str(found.assignee_id)} if found.assignee_id else {}
        form = AssignForm(people=people, initial=initial)
        return render(request, "service_requests/inbox/assign.html", {"req": found, "form": form})
    form = AssignForm(request.POST, people=people)
    if form.is_valid():
        choice = form.cleaned_data["assignee"]
        assignee = None if choice == "ninguem" else User.objects.get(pk=choice)
        try:
            services.request_assign(actor=request.user, request_id=found.pk, assignee=assignee)
        except ValidationError as exc:
            apply_errors(form, exc)
        except PermissionDenied as exc:
            return forbidden(request, " ".join(str(a) for a in exc.args))
        else:
            messages.success(request, _("Responsável atualizado."))
            return see_other(_detail_url(found))
    return render(request, "service_requests/inbox/assign.html", {"req": found, "form": form}, status=400)


@signed_in
@require_http_methods(["GET", "HEAD", "POST"])
def internal_note(request: HttpRequest, protocol: str) -> HttpResponse:
    """An observação interna: part of the timeline only the agency reads."""
    found = work_request_or_404(request, protocol)
    if not selectors.work_roles(user=request.user, request=found):
        return forbidden(request, str(NOT_YOURS))
    if request.method != "POST":
        return render(request, "service_requests/inbox/note.html", {"req": found, "form": NoteForm()})
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.request_internal_note(
                actor=request.user, request_id=found.pk, note=form.cleaned_data["note"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        except PermissionDenied as exc:
            return forbidden(request, " ".join(str(a) for a in exc.args))
        else:
            messages.success(request, _("Observação interna registrada."))
            return see_other(_detail_url(found))
    return render(request, "service_requests/inbox/note.html", {"req": found, "form": form}, status=400)
