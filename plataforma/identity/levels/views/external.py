"""External validation (/conta/nivel/validacao-externa/<name>/): the person asks one of the
configured validators to confirm their data; a yes raises the account to prata."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from plataforma.identity.auth_flow import safe_next
from plataforma.identity.models import Level

from .. import services
from ..external import ExternalValidationError
from ..forms import ExternalValidationForm, StepUpQueryForm
from ..models import LevelValidation
from .common import EXTERNAL_LIMIT, over_limit, too_many
from .stepup import enabled_validators


def _next(request: HttpRequest) -> str:
    query = StepUpQueryForm({"next": request.POST.get("next") or request.GET.get("next", "")})
    raw = query.cleaned_data["next"] if query.is_valid() else ""
    return safe_next(request, raw, default=reverse("levels:raise"))


@login_required
@require_http_methods(["GET", "POST"])
def external_validation(request: HttpRequest, name: str) -> HttpResponse:
    validator = next((v for v in enabled_validators() if v.name == name), None)
    if validator is None:
        raise Http404
    user = request.user
    next_url = _next(request)
    if user.has_level(Level.PRATA):
        messages.info(request, _("A sua conta já tem o nível Prata ou superior."))
        return redirect(next_url)
    form = ExternalValidationForm(
        request.POST if request.method == "POST" else None, needs_birth_date=validator.needs_birth_date
    )
    context = {"validator": validator, "form": form, "next_url": next_url}
    if request.method == "GET":
        return render(request, "levels/external.html", context)
    if over_limit(request, EXTERNAL_LIMIT):
        return too_many(request)
    if not form.is_valid():
        return render(request, "levels/external.html", context, status=400)
    try:
        result = validator.validate(
            cpf=user.cpf, name=user.full_name, birth_date=form.cleaned_data.get("data_nascimento")
        )
    except ExternalValidationError as exc:
        form.add_error(None, exc.message)
        return render(request, "levels/external.html", context, status=502)
    if not result.valid:
        form.add_error(
            None,
            _(
                "O serviço de validação não confirmou os seus dados. Confira a data informada ou "
                "procure uma unidade de atendimento para a validação presencial."
            ),
        )
        return render(request, "levels/external.html", context, status=400)
    with transaction.atomic():
        services.level_raise(
            user=user,
            level=Level.PRATA,
            method=LevelValidation.Method.EXTERNAL,
            actor=user,
            provider=validator.name,
            external_reference=result.reference,
            request=request,
        )
        services.sign_in_step_up(request=request, level=Level.PRATA)
    messages.success(request, _("Dados confirmados. A sua conta agora tem o nível Prata."))
    return redirect(next_url)
