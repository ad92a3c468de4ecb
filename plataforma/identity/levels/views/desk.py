"""In-person validation at a service desk (Área do Servidor, /servidor/validacao/).

Access: anonymous → sign-in; signed in without an active `atendente` or `gestor` role → 403 page.
The servant searches a person by CPF (POST, so the CPF never sits in an address or a log); the
search is audited as an access to personal data. The result shows the name, masked CPF and level
and the validation form, which carries a signed reference to that person bound to this servant.
After checking the original document with a photo, the servant records agency, unit, document
type and its last 4 characters; the account goes to prata (levels.services.level_raise, which
checks the servant's role in that agency again and refuses a servant validating themselves).
"""

from __future__ import annotations

import functools

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from plataforma.identity.models import Level

from .. import selectors, services
from ..forms import DeskValidationForm, PersonLookupForm, person_from_token, person_token
from ..models import LevelValidation
from .common import DESK_LOOKUP_LIMIT, over_limit, too_many


def desk_required(view):
    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not selectors.desk_agency_ids(user=request.user):
            return render(request, "levels/desk/no_role.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


def _person_page(
    request: HttpRequest, person, form: DeskValidationForm, *, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "levels/desk/person.html",
        {"person": person, "form": form, "is_self": person.pk == request.user.pk},
        status=status,
    )


@desk_required
@require_http_methods(["GET", "POST"])
def lookup(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "levels/desk/lookup.html", {"form": PersonLookupForm()})
    form = PersonLookupForm(request.POST)
    if not form.is_valid():
        return render(request, "levels/desk/lookup.html", {"form": form}, status=400)
    if over_limit(request, DESK_LOOKUP_LIMIT):
        return too_many(request)
    person = selectors.person_by_cpf(cpf=form.cleaned_data["cpf"])
    if person is None:
        form.add_error(
            "cpf",
            _("Não há conta MT Login ativa com este CPF. A pessoa precisa criar a conta antes da validação."),
        )
        return render(request, "levels/desk/lookup.html", {"form": form}, status=404)
    with transaction.atomic():
        services.person_lookup_record(actor=request.user, person=person)
    validation_form = DeskValidationForm(
        servant=request.user, initial={"pessoa": person_token(servant=request.user, person=person)}
    )
    return _person_page(request, person, validation_form)


@desk_required
@require_POST
def validate(request: HttpRequest) -> HttpResponse:
    person = person_from_token(token=request.POST.get("pessoa", "")[:500], servant=request.user)
    if person is None:
        messages.error(request, _("A busca expirou ou não é válida. Busque a pessoa pelo CPF de novo."))
        return render(request, "levels/desk/lookup.html", {"form": PersonLookupForm()}, status=400)
    form = DeskValidationForm(request.POST, servant=request.user)
    if person.pk == request.user.pk:
        form.add_error(None, _("Você não pode validar a sua própria conta. Peça a outro servidor."))
        return _person_page(request, person, form, status=400)
    if not form.is_valid():
        return _person_page(request, person, form, status=400)
    data = form.cleaned_data
    try:
        services.level_raise(
            user=person,
            level=Level.PRATA,
            method=LevelValidation.Method.DESK,
            actor=request.user,
            agency=data["orgao"],
            unit=data["unidade"],
            document_type=data["tipo_documento"],
            document_reference=data["final_documento"],
        )
    except ValidationError as exc:
        for message in exc.messages:
            form.add_error(None, message)
        return _person_page(request, person, form, status=400)
    messages.success(
        request,
        _("Validação registrada: %(name)s agora tem o nível %(level)s.")
        % {"name": person.display_name, "level": person.get_level_display()},
    )
    return redirect("levels_servant:lookup")
