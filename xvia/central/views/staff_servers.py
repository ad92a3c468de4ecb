"""Security servers (address, client subsystems, TLS authentication certificates from CSRs),
certificate download and revocation."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .. import services
from ..forms import ChooseSubsystemForm, CsrForm, RevokeForm, ServerForm
from ..models import SecurityServerClient, Subsystem
from ..selectors import registry as selectors
from .common import administration, see_other
from .staff import _run, is_uuid


@require_http_methods(["GET", "HEAD", "POST"])
@administration
def server_detail(request: HttpRequest, pk) -> HttpResponse:
    server = selectors.managed_server(request.user, pk)
    if server is None:
        raise Http404
    action = request.POST.get("acao") if request.method == "POST" else None
    post = request.POST if request.method == "POST" else None
    own_subsystems = Subsystem.objects.filter(member=server.owner).order_by("code")
    address_form = ServerForm(
        post if action == "endereco" else None,
        initial={"code": server.code, "address": server.address},
        prefix="end",
    )
    address_form.fields["code"].disabled = True
    client_form = ChooseSubsystemForm(
        post if action == "cliente" else None, subsystems=own_subsystems, prefix="cli"
    )
    csr_form = CsrForm(
        post if action == "csr" else None, request.FILES if action == "csr" else None, prefix="csr"
    )
    here = reverse("xvia:server", args=[server.pk])
    user = request.user
    if request.method == "POST":
        if action == "endereco":
            done = _run(
                request,
                address_form,
                lambda d: services.server_move(actor=user, server=server, address=d["address"]),
                _("Endereço atualizado."),
                here,
            )
        elif action == "cliente":
            done = _run(
                request,
                client_form,
                lambda d: services.server_client_add(actor=user, server=server, subsystem=d["subsystem"]),
                _("Subsistema registrado como cliente do servidor."),
                here,
            )
        elif action == "csr":
            done = _run(
                request,
                csr_form,
                lambda d: services.issue_certificate(d["csr"], "auth", server=server, actor=user),
                _("Certificado de autenticação emitido. Baixe-o na lista abaixo."),
                here,
            )
        elif action == "remover-cliente":
            pk_ = request.POST.get("id")
            link = (
                SecurityServerClient.objects.filter(pk=pk_, server=server).first() if is_uuid(pk_) else None
            )
            if link is None:
                raise Http404
            services.server_client_remove(actor=user, link=link)
            messages.success(request, _("Cliente removido do servidor."))
            return see_other(here)
        else:
            return render(request, "400.html", {"errors": [_("Ação desconhecida.")]}, status=400)
        if done:
            return done
    context = {
        "server": server,
        "links": list(server.client_links.select_related("subsystem__member__member_class")),
        "certificates": selectors.server_certificates(server),
        "address_form": address_form,
        "client_form": client_form,
        "csr_form": csr_form,
    }
    return render(
        request, "xvia_central/staff/server.html", context, status=400 if request.method == "POST" else 200
    )


@require_GET
@administration
def certificate_download(request: HttpRequest, pk) -> HttpResponse:
    cert = selectors.managed_certificate(request.user, pk)
    if cert is None:
        raise Http404
    response = HttpResponse(cert.certificate_pem, content_type="application/x-pem-file")
    response["Content-Disposition"] = f'attachment; filename="xvia-{cert.kind}-{cert.serial_hex[:16]}.pem"'
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@administration
def certificate_revoke(request: HttpRequest, pk) -> HttpResponse:
    cert = selectors.managed_certificate(request.user, pk)
    if cert is None:
        raise Http404
    form = RevokeForm(request.POST or None)
    back = (
        reverse("xvia:server", args=[cert.security_server_id])
        if cert.security_server_id
        else reverse("xvia:member", args=[cert.member_id])
    )
    if request.method == "POST":
        done = _run(
            request,
            form,
            lambda d: services.certificate_revoke(actor=request.user, certificate=cert, reason=d["reason"]),
            _("Certificado revogado. A revogação vai na próxima configuração global."),
            back,
        )
        if done:
            return done
    return render(
        request,
        "xvia_central/staff/certificate_revoke.html",
        {"cert": cert, "form": form, "back": back},
        status=400 if request.method == "POST" else 200,
    )
