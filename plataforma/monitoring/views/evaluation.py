"""The requester rates a request (Lei 13.460 art. 23; Lei 14.129 art. 21 V)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from plataforma.service_requests.selectors import request_for_requester

from ..forms import EvaluationForm
from ..selectors import rating_steps_open
from ..services import evaluation_submit

FIELD_OF_ERROR = {"score": "score", "comment": "comment", "step": None}


@login_required
@require_http_methods(["GET", "POST"])
def rate(request: HttpRequest, protocol: str) -> HttpResponse:
    """GET: the rating form of one open step (`?etapa=`, default: the first open one).
    POST: record it, then back to the request page. 404 for anyone not on the requester's side
    and when nothing is open for rating (nothing leaks about other people's requests)."""
    acting_company = getattr(request, "acting_company", None)
    service_request = request_for_requester(
        user=request.user, protocol=protocol, acting_company=acting_company
    )
    if service_request is None:
        raise Http404
    steps = rating_steps_open(request=service_request)
    if not steps:
        raise Http404
    step_key = request.POST.get("etapa") if request.method == "POST" else request.GET.get("etapa")
    labels = dict(steps)
    if step_key in (None, ""):
        step_key = steps[-1][0] if steps[-1][0] == "conclusao" else steps[0][0]
    if step_key not in labels:
        raise Http404
    form = EvaluationForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                evaluation_submit(
                    actor=request.user,
                    request=service_request,
                    step=step_key,
                    score=form.cleaned_data["score"],
                    dimensions=form.dimensions(),
                    comment=form.cleaned_data["comment"],
                    anonymous=form.cleaned_data["anonymous"],
                    acting_company=acting_company,
                )
            except PermissionDenied as exc:  # pragma: no cover - checked above
                raise Http404 from exc
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for field_name, errors in exc.message_dict.items():
                        target = field_name if field_name in form.fields else None
                        for message in errors:
                            form.add_error(target, message)
                else:
                    for message in exc.messages:
                        form.add_error(None, message)
            else:
                messages.success(request, _("Obrigado pela sua avaliação! Ela ajuda a melhorar o serviço."))
                return redirect("service_requests:detail", protocol=service_request.protocol)
    context = {
        "service_request": service_request,
        "form": form,
        "step_key": step_key,
        "step_label": labels[step_key],
        "other_steps": [(k, label) for k, label in steps if k != step_key],
    }
    return render(request, "monitoring/rate.html", context, status=status)
