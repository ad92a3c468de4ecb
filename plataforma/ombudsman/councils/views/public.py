"""Public pages (/conselhos-de-usuarios/…): the councils, each council, each public call with its
result and draw data, the published consultations, how the draw works, and the application form
(which needs MT Login). Unknown or malformed ids answer 404; drafts are never shown."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .. import opendata
from ..forms import apply_service_errors
from ..forms.citizen import ApplicationForm
from ..models import ACTIVE_APPLICATION, Application, Vote
from ..selectors import public as reads
from ..services.applications import application_submit, check_call_accepts
from ..services.calls import window_state

T = "councils/public/"


def _council(slug: str):
    council = reads.council_by_slug(slug)
    if council is None:
        raise Http404
    return council


@require_GET
def council_list(request: HttpRequest) -> HttpResponse:
    return render(request, T + "list.html", {"councils": reads.public_councils()})


@require_GET
def council_detail(request: HttpRequest, slug: str) -> HttpResponse:
    council = _council(slug)
    ongoing, finished = reads.public_consultations(council)
    services = list(council.services.filter(is_published=True).order_by("name")[:200])
    context = {
        "council": council,
        "categories": reads.categories_of(council),
        "members": reads.current_members(council),
        "calls": reads.public_calls(council),
        "ongoing": ongoing,
        "finished": finished,
        "services": services,
    }
    return render(request, T + "council.html", context)


def _call(slug: str, call_id):
    council = _council(slug)
    call = reads.public_call(council, call_id)
    if call is None:
        raise Http404
    return council, call


@require_GET
def call_detail(request: HttpRequest, slug: str, call_id) -> HttpResponse:
    council, call = _call(slug, call_id)
    categories = reads.categories_of(council)
    counts = reads.application_counts(call)
    mine = None
    if request.user.is_authenticated:
        mine = Application.objects.filter(
            call=call, person=request.user, state__in=ACTIVE_APPLICATION
        ).first()
    context = {
        "council": council,
        "call": call,
        "window": window_state(call),
        "categories": [(c, counts.get(c.code, 0)) for c in categories],
        "result": reads.call_result(call),
        "mine": mine,
        "total_seats": sum(c.seats for c in categories),
    }
    return render(request, T + "call.html", context)


@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, slug: str, call_id) -> HttpResponse:
    council, call = _call(slug, call_id)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    categories = reads.categories_of(council)
    context = {"council": council, "call": call}
    try:
        check_call_accepts(call)
    except ValidationError as exc:
        context["problem"] = exc.messages[0]
        return render(
            request, T + "apply_closed.html", context, status=409 if request.method == "POST" else 200
        )
    form = ApplicationForm(request.POST or None, categories=categories)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            category = next(c for c in categories if c.code == data["category"])
            try:
                application = application_submit(
                    actor=request.user,
                    call=call,
                    category=category,
                    municipality_code=data["municipality"],
                    motivation=data["motivation"],
                    declares_no_conflict=data["declares_no_conflict"],
                    declares_unpaid=data["declares_unpaid"],
                )
            except PermissionDenied as exc:
                raise Http404 from exc
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Inscrição nº %(n)s recebida. Acompanhe em Meus conselhos.")
                    % {"n": application.number_display},
                )
                return redirect("councils:mine")
        context["form"] = form
        return render(request, T + "apply.html", context, status=400)
    context["form"] = form
    return render(request, T + "apply.html", context)


@require_GET
def consultation_detail(request: HttpRequest, slug: str, consultation_id) -> HttpResponse:
    council = _council(slug)
    consultation = reads.published_consultation(council, consultation_id)
    if consultation is None:
        raise Http404
    totals = reads.vote_totals(consultation)
    context = {
        "council": council,
        "consultation": consultation,
        "opinions": reads.opinions_of(consultation),
        "totals": [(label, totals.get(value, 0)) for value, label in Vote.choices],
    }
    return render(request, T + "consultation.html", context)


@require_GET
def draw_help(request: HttpRequest) -> HttpResponse:
    return render(request, T + "draw_help.html")


@require_GET
def open_data(request: HttpRequest) -> HttpResponse:
    datasets = [
        {"name": name, "title": d["title"], "columns": d["columns"]} for name, d in opendata.DATASETS.items()
    ]
    return render(request, T + "data.html", {"datasets": datasets})


def _export(name: str, fmt: str) -> HttpResponse:
    if fmt == "csv":
        response = HttpResponse(opendata.render_csv(name), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    else:
        response = HttpResponse(opendata.render_json(name), content_type="application/json")
    response["Cache-Control"] = "public, max-age=300"
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def dataset(request: HttpRequest, name: str, fmt: str) -> HttpResponse:
    if name not in opendata.DATASETS or fmt not in ("csv", "json"):
        raise Http404
    return _export(name, fmt)
