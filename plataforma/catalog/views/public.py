"""Public pages of the Portal Único de Serviços (the Carta de Serviços ao Usuário, Lei 13.460
art. 7). Thin views: validate the input, call a selector (or a service), render. Every page works
without JavaScript; bad input answers 400 with an explanation in Portuguese.
"""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import InvalidPage
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .. import selectors
from ..models import Audience
from ..pdf import render_pdf
from ..search import InvalidSearch, search_services
from ..services import feedback_record
from ..services.feedback import FeedbackThrottled
from .forms import FeedbackForm, SearchForm, ServiceFilterForm

PER_PAGE = 20
MIN_YEAR = 2017  # Lei 13.460 is from 2017: no Carta before it.


def bad_request(request: HttpRequest, errors: list[str], *, title: str | None = None) -> HttpResponse:
    """The 400 page with what was wrong, in plain Portuguese."""
    context = {"errors": errors, "error_title": title or _("Não foi possível entender o pedido")}
    return render(request, "400.html", context, status=400)


def _form_errors(form) -> list[str]:
    return [str(msg) for errors in form.errors.values() for msg in errors]


def _page_error() -> str:
    return _("Esta página da lista não existe. Volte para a primeira página.")


# --- Search and lists ---------------------------------------------------------------------------


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET, options=selectors.filter_options())
    if not form.is_valid():
        return bad_request(request, _form_errors(form), title=_("Não foi possível fazer a busca"))
    query = form.cleaned_data["q"]
    result = None
    if query or form.has_active_filters:
        try:
            result = search_services(
                query=query, filters=form.search_filters(), page=form.page_number, per_page=PER_PAGE
            )
        except InvalidSearch as exc:
            return bad_request(request, list(exc.messages), title=_("Não foi possível fazer a busca"))
    return render(request, "catalog/search.html", {"form": form, "query": query, "result": result})


def _browse(
    request: HttpRequest,
    *,
    template: str,
    fixed: dict[str, str] | None = None,
    extra: dict | None = None,
) -> HttpResponse:
    """A filtered, paginated A-to-Z list of published services. `fixed` pins filters that the page
    itself defines (audience, category) and removes them from the form."""
    fixed = fixed or {}
    field_of = {"audience": "publico", "agency": "orgao", "category": "area"}
    form = ServiceFilterForm(
        request.GET, options=selectors.filter_options(), fixed=tuple(field_of[k] for k in fixed)
    )
    if not form.is_valid():
        return bad_request(request, _form_errors(form))
    qs = selectors.service_list(filters=form.search_filters(**fixed))
    try:
        page = selectors.paginate(qs, page=form.page_number, per_page=PER_PAGE)
    except InvalidPage:
        return bad_request(request, [_page_error()])
    context = {"form": form, "page": page, "total": page.paginator.count, **(extra or {})}
    return render(request, template, context)


@require_GET
def service_list(request: HttpRequest) -> HttpResponse:
    return _browse(request, template="catalog/service_list.html")


@require_GET
def audience_detail(request: HttpRequest, code: str) -> HttpResponse:
    labels = dict(Audience.Code.choices)
    if code not in labels:
        raise Http404
    return _browse(
        request,
        template="catalog/audience_detail.html",
        fixed={"audience": code},
        extra={"audience_code": code, "audience_label": labels[code]},
    )


@require_GET
def category_list(request: HttpRequest) -> HttpResponse:
    return render(request, "catalog/category_list.html", {"categories": selectors.categories_with_counts()})


@require_GET
def category_detail(request: HttpRequest, slug: str) -> HttpResponse:
    category = selectors.category_get(slug=slug)
    return _browse(
        request,
        template="catalog/category_detail.html",
        fixed={"category": category.slug},
        extra={"category": category},
    )


# --- Agencies and their Carta -------------------------------------------------------------------


@require_GET
def agency_list(request: HttpRequest) -> HttpResponse:
    return render(request, "catalog/agency_list.html", {"agencies": selectors.agencies_with_counts()})


@require_GET
def agency_detail(request: HttpRequest, slug: str) -> HttpResponse:
    agency = selectors.agency_get(slug=slug)
    context = {"agency": agency, "services": selectors.agency_services(agency=agency)}
    return render(request, "catalog/agency_detail.html", context)


def _carta_context(slug: str) -> dict:
    agency = selectors.agency_get(slug=slug)
    return {
        "agency": agency,
        "entries": selectors.agency_carta(agency=agency),
        "generated_at": timezone.now(),
    }


@require_GET
def agency_carta(request: HttpRequest, slug: str) -> HttpResponse:
    context = {**_carta_context(slug), "base_template": "base.html"}
    return render(request, "catalog/agency_carta.html", context)


PDF_CACHE_SECONDS = 24 * 60 * 60


@require_GET
def agency_carta_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    """The same Carta template as the printable page, rendered to PDF by WeasyPrint. Rendering
    takes seconds, so the PDF is cached until the agency's published Carta changes."""
    agency = selectors.agency_get(slug=slug)
    cache_key = (
        "carta-pdf:" + hashlib.sha256(selectors.agency_carta_stamp(agency=agency).encode()).hexdigest()
    )
    pdf = cache.get(cache_key)
    if pdf is None:
        context = {**_carta_context(slug), "base_template": "catalog/print_base.html", "for_pdf": True}
        html = render_to_string("catalog/agency_carta.html", context, request=request)
        pdf = render_pdf(html, base_url=request.build_absolute_uri("/"))
        cache.set(cache_key, pdf, PDF_CACHE_SECONDS)
    filename = f"carta-de-servicos-{agency.slug}-{timezone.localdate():%Y-%m-%d}.pdf"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def quadro_geral(request: HttpRequest) -> HttpResponse:
    """Lei 13.460 art. 3: the yearly quadro geral of services and responsible bodies."""
    current = timezone.localdate().year
    raw = request.GET.get("ano", "")
    if raw == "":
        year = current
    else:
        if not (raw.isascii() and raw.isdigit() and len(raw) == 4):
            return bad_request(
                request, [_("O ano precisa ter 4 algarismos, por exemplo %(ano)d.") % {"ano": current}]
            )
        year = int(raw)
        if not MIN_YEAR <= year <= current:
            return bad_request(
                request,
                [_("Escolha um ano entre %(de)d e %(ate)d.") % {"de": MIN_YEAR, "ate": current}],
            )
    context = {
        "quadro": selectors.quadro_geral(year=year),
        "years": list(range(current, MIN_YEAR - 1, -1)),
    }
    return render(request, "catalog/quadro_geral.html", context)


# --- The service page ---------------------------------------------------------------------------


def _service_page(request: HttpRequest, slug: str, *, feedback_form: FeedbackForm, status: int = 200):
    view = selectors.service_detail(slug=slug)
    context = {
        "entry": view,
        "service": view.service,
        "content": view.content,
        "feedback_form": feedback_form,
    }
    return render(request, "catalog/service_detail.html", context, status=status)


@require_GET
def service_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return _service_page(request, slug, feedback_form=FeedbackForm())


@require_POST
def service_feedback(request: HttpRequest, slug: str) -> HttpResponse:
    """'Esta informação foi útil?': counts one anonymous answer, then back to the page."""
    service = selectors.service_for_feedback(slug=slug)
    form = FeedbackForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            feedback_record(
                service=service, helpful=form.cleaned_data["util"], comment=form.cleaned_data["comentario"]
            )
        except ValidationError as exc:
            status = 429 if isinstance(exc, FeedbackThrottled) else 400
            for message in exc.messages:
                form.add_error(None, message)
    if not form.is_valid():
        return _service_page(request, slug, feedback_form=form, status=status)
    messages.success(request, _("Obrigado! Sua resposta foi registrada e ajuda a melhorar esta página."))
    return redirect(reverse("catalog:service_detail", args=[slug]) + "#avaliacao")
