"""The operator's pages: global groups, certificate authorities, the audit log."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .. import services
from ..access import is_operator
from ..forms import ChooseSubsystemForm, ExternalCaForm, GroupForm
from ..models import CertificateAuthority, GlobalGroup, GlobalGroupMember, Subsystem
from ..selectors import registry as selectors
from .common import administration, see_other
from .staff import _run, is_uuid


def _operator_only(request) -> None:
    if not is_operator(request.user):
        raise Http404


@require_http_methods(["GET", "HEAD", "POST"])
@administration
def groups(request: HttpRequest) -> HttpResponse:
    _operator_only(request)
    action = request.POST.get("acao") if request.method == "POST" else None
    post = request.POST if request.method == "POST" else None
    all_subsystems = Subsystem.objects.select_related("member__member_class").order_by("member__name", "code")
    group_form = GroupForm(post if action == "grupo" else None, prefix="grp")
    posted_group = request.POST.get("grupo") if action == "membro" else None

    def member_form_for(group) -> ChooseSubsystemForm:
        # one form per group, each with its own prefix so that field ids stay unique on the page
        bound = post if posted_group == str(group.pk) else None
        return ChooseSubsystemForm(bound, subsystems=all_subsystems, prefix=f"mbr-{group.pk.hex[:12]}")

    here = reverse("xvia:groups")
    user = request.user
    if request.method == "POST":
        if action == "grupo":
            done = _run(
                request,
                group_form,
                lambda d: services.group_create(actor=user, **d),
                _("Grupo global criado."),
                here,
            )
        elif action == "membro":
            group = GlobalGroup.objects.filter(pk=posted_group).first() if is_uuid(posted_group) else None
            if group is None:
                raise Http404
            done = _run(
                request,
                member_form_for(group),
                lambda d: services.group_member_add(actor=user, group=group, subsystem=d["subsystem"]),
                _("Subsistema incluído no grupo."),
                here,
            )
        elif action == "remover-membro":
            link_id = request.POST.get("id")
            link = GlobalGroupMember.objects.filter(pk=link_id).first() if is_uuid(link_id) else None
            if link is None:
                raise Http404
            services.group_member_remove(actor=user, link=link)
            messages.success(request, _("Subsistema retirado do grupo."))
            return see_other(here)
        else:
            return render(request, "400.html", {"errors": [_("Ação desconhecida.")]}, status=400)
        if done:
            return done
    context = {"groups": [(g, member_form_for(g)) for g in selectors.groups()], "group_form": group_form}
    return render(
        request, "xvia_central/staff/groups.html", context, status=400 if request.method == "POST" else 200
    )


@require_http_methods(["GET", "HEAD", "POST"])
@administration
def authorities(request: HttpRequest) -> HttpResponse:
    _operator_only(request)
    action = request.POST.get("acao") if request.method == "POST" else None
    form = ExternalCaForm(
        request.POST if action == "externa" else None,
        request.FILES if action == "externa" else None,
        prefix="ac",
    )
    here = reverse("xvia:authorities")
    if request.method == "POST":
        if action == "externa":
            done = _run(
                request,
                form,
                lambda d: services.external_ca_add(
                    actor=request.user,
                    name=d["name"],
                    certificate_pem=d["certificate"].decode("ascii", "replace"),
                ),
                _("Autoridade certificadora externa cadastrada."),
                here,
            )
            if done:
                return done
        elif action == "confianca":
            ca_id = request.POST.get("id")
            ca = CertificateAuthority.objects.filter(pk=ca_id).first() if is_uuid(ca_id) else None
            if ca is None:
                raise Http404
            services.ca_set_trusted(actor=request.user, ca=ca, trusted=request.POST.get("confiavel") == "1")
            messages.success(request, _("Confiança na autoridade certificadora atualizada."))
            return see_other(here)
        else:
            return render(request, "400.html", {"errors": [_("Ação desconhecida.")]}, status=400)
    context = {"authorities": selectors.authorities(), "form": form}
    return render(
        request,
        "xvia_central/staff/authorities.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


@require_GET
@administration
def audit(request: HttpRequest) -> HttpResponse:
    _operator_only(request)
    return render(request, "xvia_central/staff/audit.html", {"events": selectors.audit_events()})
