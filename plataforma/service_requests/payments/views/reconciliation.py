"""The agency's payments reconciled: /servidor/pagamentos/ — for the agency's gestor only.

Atendentes and analistas see the payment state on each request; totals, refunds due and the
CSV for the finance team are the gestor's (ADR 0020). Anyone else signed in gets 403; a gestor
asking for another agency's payments gets 404, as for an agency that does not exist.
"""

from __future__ import annotations

import csv
import functools

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from ..forms import ReconciliationFilterForm
from ..selectors import charges_of_agency, charges_totals, reconciliation_agencies

PER_PAGE = 50


def gestor_required(view):
    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        agencies = list(reconciliation_agencies(user=request.user))
        if not agencies:
            raise PermissionDenied
        wanted = request.GET.get("orgao")
        if wanted and wanted not in {a.slug for a in agencies}:
            raise Http404
        return view(request, agencies, *args, **kwargs)

    return wrapper


def _filtered(request: HttpRequest, agencies):
    form = ReconciliationFilterForm(request.GET or None, agencies=agencies)
    if request.GET and not form.is_valid():
        return form, None
    if not request.GET:
        form = ReconciliationFilterForm({}, agencies=agencies)
        form.is_valid()
    data = form.cleaned_data
    agency = form.agency()
    qs = charges_of_agency(
        agency_id=agency.pk,
        start=data["de"],
        end=data["ate"],
        status=data.get("situacao") or "",
        reconciliation=data.get("conciliacao") or "",
    )
    return form, (agency, qs)


@gestor_required
@require_http_methods(["GET", "HEAD"])
def reconciliation(request: HttpRequest, agencies) -> HttpResponse:
    form, result = _filtered(request, agencies)
    if result is None:
        return render(request, "payments/reconciliation.html", {"form": form}, status=400)
    agency, qs = result
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "payments/reconciliation.html",
        {
            "form": form,
            "agency": agency,
            "page": page,
            "totals": charges_totals(qs),
            "query": query.urlencode(),
        },
    )


class _Echo:
    def write(self, value):
        return value


def _cell(value) -> str:
    """No spreadsheet formulas from data (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _when(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


HEADER = [
    "protocolo",
    "servico",
    "txid",
    "valor",
    "situacao",
    "emitida_em",
    "vence_em",
    "paga_em",
    "valor_pago",
    "e2e",
    "conciliacao",
    "valor_a_conciliar",
    "e2e_a_conciliar",
]


@gestor_required
@require_http_methods(["GET", "HEAD"])
def reconciliation_csv(request: HttpRequest, agencies) -> HttpResponse:
    form, result = _filtered(request, agencies)
    if result is None:
        return render(request, "payments/reconciliation.html", {"form": form}, status=400)
    agency, qs = result
    writer = csv.writer(_Echo())

    def rows():
        yield writer.writerow(HEADER)
        for c in qs.iterator(chunk_size=2000):
            yield writer.writerow(
                [
                    _cell(v)
                    for v in (
                        c.request.protocol,
                        c.request.service.name,
                        c.txid,
                        c.amount,
                        c.status,
                        _when(c.created_at),
                        _when(c.expires_at),
                        _when(c.paid_at),
                        c.paid_amount,
                        c.end_to_end_id,
                        c.reconciliation,
                        c.reconciliation_amount,
                        c.reconciliation_end_to_end_id,
                    )
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    name = f"pagamentos-{agency.slug}-{form.cleaned_data['de']:%Y%m%d}-{form.cleaned_data['ate']:%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
