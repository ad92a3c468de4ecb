"""The gestor's and ouvidor's pages about councils (/servidor/conselhos/…): the list, creating and
editing a council, its categories, and its mandates (ending one, calling the next suplente).

Access: anonymous → sign-in; no gestor/ouvidor role anywhere → 403 page; a council of another
agency → 404; every write goes through the services, which check the role again and audit.
Invalid input re-renders with field errors and status 400; nothing is saved."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from plataforma.catalog.models import Service

from ..forms import RequiredNoteForm, apply_service_errors
from ..forms.staff import CategoryForm, CouncilForm
from ..models import CallState, Membership
from ..selectors import staff as reads
from ..selectors.public import parse_uuid
from ..services import councils as services
from ..services.memberships import membership_end, membership_replace, next_substitute
from .common import STAFF, audit_reads, staff_required


def _council(request: HttpRequest, council_id):
    council = reads.council_for_staff(request.user, council_id)
    if council is None:
        raise Http404
    return council


@staff_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    agencies = request.managed_agencies
    councils = reads.councils_of([a.pk for a in agencies])
    by_agency = [(a, [c for c in councils if c.agency_id == a.pk]) for a in agencies]
    return render(request, STAFF + "home.html", {"by_agency": by_agency})


def _services_qs(agency):
    return Service.objects.filter(agency=agency, is_published=True).order_by("name")


@staff_required
@require_http_methods(["GET", "POST"])
def council_new(request: HttpRequest) -> HttpResponse:
    slug = request.GET.get("orgao", "")
    agency = next((a for a in request.managed_agencies if a.slug == slug), None)
    if agency is None:
        if slug or len(request.managed_agencies) != 1:
            raise Http404
        agency = request.managed_agencies[0]
    form = CouncilForm(request.POST or None, services_queryset=_services_qs(agency))
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                council = services.council_create(
                    actor=request.user,
                    agency=agency,
                    rules=services.CouncilRules(
                        data["name"], data["description"], data["mandate_months"], data["requirements"]
                    ),
                    services=list(data["services"]),
                    with_suggested=data["with_suggested"],
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(
                    request, _("Conselho criado. Confira as categorias e abra o chamamento público.")
                )
                return redirect("councils:staff_council", council.pk)
        return render(request, STAFF + "council_form.html", {"form": form, "agency": agency}, status=400)
    return render(request, STAFF + "council_form.html", {"form": form, "agency": agency})


@staff_required
@require_http_methods(["GET", "POST"])
def council_edit(request: HttpRequest, council_id) -> HttpResponse:
    council = _council(request, council_id)
    initial = {
        "name": council.name,
        "description": council.description,
        "mandate_months": council.mandate_months,
        "requirements": council.requirements,
        "services": list(council.services.values_list("pk", flat=True)),
        "is_active": council.is_active,
    }
    form = CouncilForm(
        request.POST or None, initial=initial, services_queryset=_services_qs(council.agency), editing=True
    )
    context = {"form": form, "agency": council.agency, "council": council}
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.council_update(
                    actor=request.user,
                    council=council,
                    rules=services.CouncilRules(
                        data["name"], data["description"], data["mandate_months"], data["requirements"]
                    ),
                    services=list(data["services"]),
                    is_active=data["is_active"],
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Regras do conselho salvas."))
                return redirect("councils:staff_council", council.pk)
        return render(request, STAFF + "council_form.html", context, status=400)
    return render(request, STAFF + "council_form.html", context)


@staff_required
@require_GET
def council_detail(request: HttpRequest, council_id) -> HttpResponse:
    council = _council(request, council_id)
    today = timezone.localdate()
    memberships = reads.council_memberships(council)
    calls = list(council.calls.order_by("-year", "-number")[:50])
    context = {
        "council": council,
        "categories": list(council.categories.order_by("position", "name")),
        "calls": calls,
        "running_call": next(
            (c for c in calls if c.state in (CallState.DRAFT, CallState.OPEN, CallState.SELECTION)), None
        ),
        "memberships": [(m, m.is_active_on(today)) for m in memberships],
        "consultations": reads.council_consultations(council),
        "services": list(council.services.order_by("name")[:200]),
        "now": timezone.now(),
    }
    return render(request, STAFF + "council.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def category_edit(request: HttpRequest, council_id, category_id=None) -> HttpResponse:
    council = _council(request, council_id)
    category = None
    if category_id is not None:
        pk = parse_uuid(category_id)
        category = council.categories.filter(pk=pk).first() if pk else None
        if category is None:
            raise Http404
    initial = CategoryForm.initial_for(category) if category else None
    form = CategoryForm(request.POST or None, initial=initial)
    context = {"council": council, "category": category, "form": form}
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.category_save(
                    actor=request.user,
                    council=council,
                    category=category,
                    data=services.CategoryData(
                        name=data["name"],
                        kind=data["kind"],
                        description=data["description"],
                        seats=data["seats"],
                        substitutes=data["substitutes"],
                        municipalities=data["municipalities"],
                        position=data["position"],
                    ),
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Categoria salva."))
                return redirect("councils:staff_council", council.pk)
        return render(request, STAFF + "category_form.html", context, status=400)
    return render(request, STAFF + "category_form.html", context)


@staff_required
@require_POST
def category_delete(request: HttpRequest, council_id, category_id) -> HttpResponse:
    council = _council(request, council_id)
    pk = parse_uuid(category_id)
    category = council.categories.filter(pk=pk).first() if pk else None
    if category is None:
        raise Http404
    try:
        services.category_delete(actor=request.user, category=category)
    except ValidationError as exc:
        form = CategoryForm(initial=CategoryForm.initial_for(category))
        context = {"council": council, "category": category, "form": form, "problem": exc.messages[0]}
        return render(request, STAFF + "category_form.html", context, status=409)
    messages.success(request, _("Categoria removida."))
    return redirect("councils:staff_council", council.pk)


@staff_required
@require_http_methods(["GET", "POST"])
def membership_detail(request: HttpRequest, membership_id) -> HttpResponse:
    membership = reads.membership_for_staff(request.user, membership_id)
    if membership is None:
        raise Http404
    if membership.application_id:
        audit_reads(request, [membership.application], "councils.membership.staff_read")
    form = RequiredNoteForm(request.POST if request.POST.get("acao") == "encerrar" else None)
    context = {
        "membership": membership,
        "form": form,
        "active": membership.is_active_on(timezone.localdate()),
        "endable": membership.ended_on is None and membership.ends_on >= timezone.localdate(),
        "substitute": next_substitute(membership),
        "replaced": Membership.objects.filter(replaces=membership).select_related("person").first(),
    }
    if request.method == "POST":
        action = request.POST.get("acao")
        try:
            if action == "encerrar":
                if not form.is_valid():
                    return render(request, STAFF + "membership.html", context, status=400)
                membership_end(actor=request.user, membership=membership, note=form.cleaned_data["note"])
                messages.success(request, _("Mandato encerrado."))
            elif action == "substituir":
                new = membership_replace(actor=request.user, membership=membership)
                messages.success(
                    request,
                    _("Suplente convocado(a): o mandato vai até %(d)s.")
                    % {"d": new.ends_on.strftime("%d/%m/%Y")},
                )
            else:
                context["problem"] = _("Escolha uma ação.")
                return render(request, STAFF + "membership.html", context, status=400)
        except ValidationError as exc:
            context["problem"] = exc.messages[0]
            return render(request, STAFF + "membership.html", context, status=409)
        return redirect("councils:staff_council", membership.council_id)
    return render(request, STAFF + "membership.html", context)
