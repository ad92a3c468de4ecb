"""Administration of members, subsystems and services (/servidor/xvia/). The operator sees every
member; an agency's administrators see only their own (others are 404)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .. import services
from ..access import is_operator
from ..forms import (
    CsrForm,
    EndpointForm,
    MemberForm,
    OpenAPIForm,
    RightForm,
    ServerForm,
    ServiceEditForm,
    ServiceForm,
    SubsystemForm,
)
from ..models import AccessRight, Endpoint, GlobalGroup, Subsystem
from ..selectors import registry as selectors
from .common import administration, apply_errors, see_other


def _run(request, form, action, done: str, url: str) -> HttpResponse | None:
    """Validate the form and call the service: on success a 303 to `url`; None when the form
    now carries the errors to show."""
    if not form.is_valid():
        return None
    try:
        action(form.cleaned_data)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as exc:
        apply_errors(form, exc)
        return None
    messages.success(request, done)
    return see_other(url)


def is_uuid(value) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


@require_GET
@administration
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "members": selectors.managed_members(request.user)[: selectors.LIMIT],
        "operator": is_operator(request.user),
        "configuration": selectors.latest_configuration(),
    }
    return render(request, "xvia_central/staff/home.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@administration
def member_create(request: HttpRequest) -> HttpResponse:
    if not is_operator(request.user):
        raise Http404
    form = MemberForm(request.POST or None)
    if request.method == "POST":
        created = {}

        def act(data):
            created["member"] = services.member_create(
                actor=request.user,
                member_class=data["member_class"],
                code=data["code"],
                name=data["name"],
                agency=data["agency"],
            )

        if _run(request, form, act, _("Membro cadastrado."), reverse("xvia:home")):
            return see_other(reverse("xvia:member", args=[created["member"].pk]))
    return render(
        request, "xvia_central/staff/member_create.html", {"form": form}, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "HEAD", "POST"])
@administration
def member_detail(request: HttpRequest, pk) -> HttpResponse:
    member = selectors.managed_member(request.user, pk)
    if member is None:
        raise Http404
    action = request.POST.get("acao") if request.method == "POST" else None
    subsystem_form = SubsystemForm(request.POST if action == "subsistema" else None, prefix="sub")
    server_form = ServerForm(request.POST if action == "servidor" else None, prefix="srv")
    csr_form = CsrForm(
        request.POST if action == "assinatura" else None,
        request.FILES if action == "assinatura" else None,
        prefix="csr",
    )
    here = reverse("xvia:member", args=[member.pk])
    if request.method == "POST":
        if action == "subsistema":
            done = _run(
                request,
                subsystem_form,
                lambda d: services.subsystem_create(
                    actor=request.user,
                    member=member,
                    code=d["code"],
                    name=d["name"],
                    message_log=d["message_log"],
                ),
                _("Subsistema cadastrado."),
                here,
            )
        elif action == "servidor":
            done = _run(
                request,
                server_form,
                lambda d: services.server_create(
                    actor=request.user, owner=member, code=d["code"], address=d["address"]
                ),
                _("Servidor de segurança cadastrado."),
                here,
            )
        elif action == "assinatura":
            done = _run(
                request,
                csr_form,
                lambda d: services.issue_certificate(d["csr"], "sign", member=member, actor=request.user),
                _("Certificado de assinatura emitido. Baixe-o na lista abaixo."),
                here,
            )
        else:
            return render(request, "400.html", {"errors": [_("Ação desconhecida.")]}, status=400)
        if done:
            return done
    context = {
        "member": member,
        **selectors.member_overview(member),
        "subsystem_form": subsystem_form,
        "server_form": server_form,
        "csr_form": csr_form,
        "operator": is_operator(request.user),
    }
    return render(
        request, "xvia_central/staff/member.html", context, status=400 if request.method == "POST" else 200
    )


@require_http_methods(["GET", "HEAD", "POST"])
@administration
def service_create(request: HttpRequest, pk) -> HttpResponse:
    member = selectors.managed_member(request.user, pk)
    if member is None:
        raise Http404
    form = ServiceForm(
        request.POST or None, request.FILES or None, subsystems=member.subsystems.order_by("code")
    )
    if request.method == "POST":
        created = {}

        def act(d):
            created["service"] = services.service_create(
                actor=request.user,
                subsystem=d["subsystem"],
                code=d["code"],
                title=d["title"],
                description=d["description"],
                personal_data=d["personal_data"],
                openapi=d["openapi"] or None,
            )

        if _run(request, form, act, _("Serviço cadastrado."), reverse("xvia:member", args=[member.pk])):
            return see_other(reverse("xvia:service", args=[created["service"].pk]))
    return render(
        request,
        "xvia_central/staff/service_create.html",
        {"member": member, "form": form},
        status=400 if form.errors else 200,
    )


def _subject(value: str):
    kind, _sep, pk = value.partition(":")
    if kind == "s":
        return {"subject_subsystem": Subsystem.objects.filter(pk=pk).first()}
    return {"subject_group": GlobalGroup.objects.filter(pk=pk).first()}


@require_http_methods(["GET", "HEAD", "POST"])
@administration
def service_detail(request: HttpRequest, pk) -> HttpResponse:
    service = selectors.managed_service(request.user, pk)
    if service is None:
        raise Http404
    action = request.POST.get("acao") if request.method == "POST" else None
    post = request.POST if request.method == "POST" else None
    edit_form = ServiceEditForm(
        post if action == "editar" else None,
        initial={
            "title": service.title,
            "description": service.description,
            "personal_data": service.personal_data,
        },
        prefix="edit",
    )
    openapi_form = OpenAPIForm(
        post if action == "openapi" else None, request.FILES if action == "openapi" else None, prefix="oas"
    )
    endpoint_form = EndpointForm(post if action == "operacao" else None, prefix="op")
    right_form = RightForm(
        post if action == "direito" else None, subjects=selectors.subject_choices(), prefix="dir"
    )
    here = reverse("xvia:service", args=[service.pk])
    if request.method == "POST":
        user = request.user
        if action == "editar":
            done = _run(
                request,
                edit_form,
                lambda d: services.service_update(actor=user, service=service, **d),
                _("Serviço atualizado."),
                here,
            )
        elif action == "openapi":
            done = _run(
                request,
                openapi_form,
                lambda d: services.service_openapi_set(actor=user, service=service, openapi=d["openapi"]),
                _("Descrição OpenAPI substituída; as operações foram lidas de novo."),
                here,
            )
        elif action == "operacao":
            done = _run(
                request,
                endpoint_form,
                lambda d: services.endpoint_add(actor=user, service=service, **d),
                _("Operação incluída."),
                here,
            )
        elif action == "direito":
            done = _run(
                request,
                right_form,
                lambda d: services.access_right_grant(
                    actor=user, service=service, method=d["method"], path=d["path"], **_subject(d["subject"])
                ),
                _("Direito de acesso concedido."),
                here,
            )
        elif action in ("remover-operacao", "revogar-direito"):
            model = Endpoint if action == "remover-operacao" else AccessRight
            target = (
                model.objects.filter(pk=request.POST.get("id"), service=service).first()
                if is_uuid(request.POST.get("id"))
                else None
            )
            if target is None:
                raise Http404
            if action == "remover-operacao":
                services.endpoint_remove(actor=user, endpoint=target)
                messages.success(request, _("Operação removida."))
            else:
                services.access_right_revoke(actor=user, right=target)
                messages.success(request, _("Direito de acesso revogado."))
            return see_other(here)
        else:
            return render(request, "400.html", {"errors": [_("Ação desconhecida.")]}, status=400)
        if done:
            return done
    context = {
        "service": service,
        "endpoints": list(service.endpoints.all()),
        "rights": selectors.rights_of(service),
        "edit_form": edit_form,
        "openapi_form": openapi_form,
        "endpoint_form": endpoint_form,
        "right_form": right_form,
    }
    return render(
        request, "xvia_central/staff/service.html", context, status=400 if request.method == "POST" else 200
    )
