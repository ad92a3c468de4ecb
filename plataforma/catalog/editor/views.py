"""The editors' back office (/gestao/carta/): thin views over catalog.services.

Access rules, in this order:
- anonymous → redirect to the sign-in page;
- signed in without the `carta_editor` role in any agency → 403 page explaining why;
- objects (services, versions, units) are looked up only among the agencies the user edits:
  another agency's service answers 404, exactly like an id that does not exist, so nobody can
  learn which drafts other agencies have. A posted agency id outside the user's agencies is a
  field error (400) and creates nothing;
- every write goes through catalog.services, which checks the agency again
  (catalog.permissions → PermissionDenied → 403) and writes the audit trail.
Invalid input re-renders the form with field-level errors and status 400; nothing is saved.
"""

from __future__ import annotations

import functools
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from plataforma.catalog import services
from plataforma.catalog.content import ServiceContent
from plataforma.catalog.diff import diff_content
from plataforma.catalog.models import Service, ServiceVersion
from plataforma.catalog.permissions import check_can_edit_agency, editable_agency_ids

from . import selectors
from .content_forms import ContentEditor, data_with_added_row
from .forms import ReturnForm, UnitForm

State = ServiceVersion.State


def editor_required(view):
    """Signed in, and editor of at least one agency; sets request.editor_agency_ids."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        agency_ids = editable_agency_ids(request.user)
        if not agency_ids:
            return render(request, "catalog/editor/no_role.html", status=403)
        request.editor_agency_ids = agency_ids
        return view(request, *args, **kwargs)

    return wrapper


def _service(request: HttpRequest, service_id: UUID) -> Service:
    service = selectors.service_for_editor(service_id=service_id, agency_ids=request.editor_agency_ids)
    check_can_edit_agency(request.user, service.agency_id)
    return service


# --- dashboard ----------------------------------------------------------------------------------
@editor_required
@require_http_methods(["GET", "HEAD"])
def dashboard(request: HttpRequest) -> HttpResponse:
    agencies = list(selectors.editor_agencies(agency_ids=request.editor_agency_ids))
    slug = request.GET.get("orgao", "")
    agency = next((a for a in agencies if a.slug == slug), None) if slug else agencies[0]
    if agency is None:
        raise Http404
    check_can_edit_agency(request.user, agency.pk)
    overdue_only = request.GET.get("atrasados") == "1"
    page = Paginator(selectors.agency_services(agency=agency, overdue_only=overdue_only), 50).get_page(
        request.GET.get("pagina")
    )
    overdue = selectors.overdue_counts(agency_ids=request.editor_agency_ids)
    return render(
        request,
        "catalog/editor/dashboard.html",
        {
            "agencies": [(a, overdue.get(a.pk, 0)) for a in agencies],
            "agency": agency,
            "page": page,
            "overdue_only": overdue_only,
            "overdue_count": overdue.get(agency.pk, 0),
            "comments": selectors.latest_comments(agency=agency),
        },
    )


# --- content form -------------------------------------------------------------------------------
def _render_editor(request, *, editor, service=None, version=None, status=200) -> HttpResponse:
    return render(
        request,
        "catalog/editor/service_form.html",
        {"editor": editor, "form": editor.form, "service": service, "version": version},
        status=status,
    )


def _add_row(request, editor_kwargs) -> ContentEditor | None:
    target = request.POST.get("adicionar")
    if target is None:
        return None
    data = data_with_added_row(request.POST, target)
    if data is None:
        data = request.POST
    editor = ContentEditor(data=data, **editor_kwargs)
    editor.is_valid()
    editor.silence()
    return editor


@editor_required
@require_http_methods(["GET", "HEAD", "POST"])
def service_create(request: HttpRequest) -> HttpResponse:
    agencies = selectors.editor_agencies(agency_ids=request.editor_agency_ids)
    kwargs = {"agencies": agencies, "units": selectors.units_of(agency_ids=request.editor_agency_ids)}
    if request.method != "POST":
        return _render_editor(request, editor=ContentEditor(**kwargs))
    editor = _add_row(request, kwargs)
    if editor is not None:
        return _render_editor(request, editor=editor)
    editor = ContentEditor(data=request.POST, **kwargs)
    if editor.is_valid():
        try:
            version = services.service_create(
                actor=request.user,
                agency=editor.form.cleaned_data["agency"],
                content=editor.content(),
                change_summary=editor.form.cleaned_data.get("change_summary", ""),
            )
        except ValidationError as exc:
            editor.add_errors(exc)
        else:
            messages.success(request, _("Serviço criado como rascunho. Ele ainda não é público."))
            return redirect("catalog_editor:service_detail", service_id=version.service_id)
    return _render_editor(request, editor=editor, status=400)


@editor_required
@require_http_methods(["GET", "HEAD", "POST"])
def version_edit(request: HttpRequest, service_id: UUID) -> HttpResponse:
    service = _service(request, service_id)
    version = selectors.working_version(service=service)
    if version is None or version.state != State.DRAFT:
        if version is not None:
            messages.warning(
                request, _("Esta versão está em revisão. Devolva-a para rascunho para poder alterá-la.")
            )
        else:
            messages.info(request, _("Não há rascunho. Crie uma nova versão para alterar o serviço."))
        return redirect("catalog_editor:service_detail", service_id=service.pk)
    kwargs = {"units": selectors.units_of(agency_ids={service.agency_id})}
    if request.method != "POST":
        editor = ContentEditor(content=version.content, change_summary=version.change_summary, **kwargs)
        return _render_editor(request, editor=editor, service=service, version=version)
    editor = _add_row(request, kwargs)
    if editor is not None:
        return _render_editor(request, editor=editor, service=service, version=version)
    editor = ContentEditor(data=request.POST, **kwargs)
    if editor.is_valid():
        try:
            services.version_update(
                actor=request.user,
                version=version,
                content=editor.content(),
                change_summary=editor.form.cleaned_data.get("change_summary", ""),
            )
        except ValidationError as exc:
            editor.add_errors(exc)
        else:
            messages.success(request, _("Rascunho salvo. Ele ainda não é público."))
            return redirect("catalog_editor:service_detail", service_id=service.pk)
    return _render_editor(request, editor=editor, service=service, version=version, status=400)


@editor_required
@require_POST
def draft_start(request: HttpRequest, service_id: UUID) -> HttpResponse:
    service = _service(request, service_id)
    services.service_draft_start(actor=request.user, service=service)
    return redirect("catalog_editor:version_edit", service_id=service.pk)


# --- service page and workflow actions ----------------------------------------------------------
@editor_required
@require_http_methods(["GET", "HEAD"])
def service_detail(request: HttpRequest, service_id: UUID) -> HttpResponse:
    service = _service(request, service_id)
    working = selectors.working_version(service=service)
    published = (
        selectors.version_of(service=service, number=service.published_version.number)
        if (service.published_version_id)
        else None
    )
    return render(
        request,
        "catalog/editor/service_detail.html",
        {
            "service": service,
            "working": working,
            "published": published,
            "versions": selectors.versions_of(service=service)[:5],
            "feedback": selectors.feedback_counts(service=service),
            "comments": selectors.service_comments(service=service, limit=10),
        },
    )


class _Action:
    def __init__(self, *, title, question, explanation, button, done, danger=False, note=False):
        self.title, self.question, self.explanation = title, question, explanation
        self.button, self.done, self.danger, self.note = button, done, danger, note


VERSION_ACTIONS = {
    "enviar": _Action(
        title=gettext_lazy("Enviar para revisão"),
        question=gettext_lazy("Enviar esta versão para revisão?"),
        explanation=gettext_lazy(
            "Depois de enviada, a versão não pode mais ser alterada até que outro editor a publique "
            "ou a devolva para rascunho. Ela continua sem aparecer para o público."
        ),
        button=gettext_lazy("Sim, enviar para revisão"),
        done=gettext_lazy("Versão enviada para revisão."),
    ),
    "devolver": _Action(
        title=gettext_lazy("Devolver para rascunho"),
        question=gettext_lazy("Devolver esta versão para rascunho?"),
        explanation=gettext_lazy(
            "Explique o que precisa ser corrigido. A observação fica visível para quem for editar o rascunho."
        ),
        button=gettext_lazy("Devolver para rascunho"),
        done=gettext_lazy("Versão devolvida para rascunho com a sua observação."),
        note=True,
    ),
    "publicar": _Action(
        title=gettext_lazy("Publicar"),
        question=gettext_lazy("Publicar esta versão na Carta de Serviços?"),
        explanation=gettext_lazy(
            "A versão passa a ser a informação oficial do serviço no portal, para todas as pessoas. "
            "A versão publicada anterior fica guardada no histórico. Publicar também conta como revisão "
            "do serviço (Lei 13.460/2017, art. 7º, § 4º)."
        ),
        button=gettext_lazy("Sim, publicar"),
        done=gettext_lazy("Versão publicada. Ela já aparece no portal."),
    ),
    "descartar": _Action(
        title=gettext_lazy("Descartar"),
        question=gettext_lazy("Descartar esta versão?"),
        explanation=gettext_lazy(
            "A versão deixa de poder ser editada ou publicada. Ela continua no histórico, e a versão "
            "publicada (se houver) não muda."
        ),
        button=gettext_lazy("Sim, descartar"),
        done=gettext_lazy("Versão descartada."),
        danger=True,
    ),
}
SERVICE_ACTIONS = {
    "confirmar-revisao": _Action(
        title=gettext_lazy("Confirmar revisão"),
        question=gettext_lazy("Confirmar que a informação publicada continua correta?"),
        explanation=gettext_lazy(
            "Use quando você conferiu todo o conteúdo publicado e nada precisa mudar. A data da última "
            "revisão é atualizada e o aviso de revisão atrasada some (Lei 13.460/2017, art. 7º, § 4º)."
        ),
        button=gettext_lazy("Sim, confirmar revisão"),
        done=gettext_lazy("Revisão confirmada."),
    ),
    "despublicar": _Action(
        title=gettext_lazy("Despublicar"),
        question=gettext_lazy("Retirar este serviço do portal?"),
        explanation=gettext_lazy(
            "O serviço deixa de aparecer no portal e na Carta de Serviços (por exemplo, quando deixou de ser "
            "prestado). Todas as versões continuam no histórico e ele pode ser publicado de novo."
        ),
        button=gettext_lazy("Sim, despublicar"),
        done=gettext_lazy("O serviço foi retirado do portal."),
        danger=True,
    ),
}


def _confirm(request, *, action, service, version=None, form=None, error=None, status=200):
    return render(
        request,
        "catalog/editor/action_confirm.html",
        {"action": action, "service": service, "version": version, "form": form, "error": error},
        status=status,
    )


@editor_required
@require_http_methods(["GET", "HEAD", "POST"])
def version_action(request: HttpRequest, service_id: UUID, number: int, action: str) -> HttpResponse:
    if action not in VERSION_ACTIONS:
        raise Http404
    spec = VERSION_ACTIONS[action]
    service = _service(request, service_id)
    version = selectors.version_of(service=service, number=number)
    form = ReturnForm(request.POST if request.method == "POST" else None) if spec.note else None
    if request.method != "POST":
        return _confirm(request, action=spec, service=service, version=version, form=form)
    if form is not None and not form.is_valid():
        return _confirm(request, action=spec, service=service, version=version, form=form, status=400)
    try:
        if action == "enviar":
            services.version_submit(actor=request.user, version=version)
        elif action == "devolver":
            services.version_return(actor=request.user, version=version, note=form.cleaned_data["note"])
        elif action == "publicar":
            services.version_publish(actor=request.user, version=version)
        else:
            services.version_discard(actor=request.user, version=version)
    except ValidationError as exc:
        if form is not None and hasattr(exc, "error_dict"):
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            error = None
        else:
            error = " ".join(exc.messages)
        return _confirm(
            request, action=spec, service=service, version=version, form=form, error=error, status=400
        )
    messages.success(request, str(spec.done))
    return redirect("catalog_editor:service_detail", service_id=service.pk)


@editor_required
@require_http_methods(["GET", "HEAD", "POST"])
def service_action(request: HttpRequest, service_id: UUID, action: str) -> HttpResponse:
    if action not in SERVICE_ACTIONS:
        raise Http404
    spec = SERVICE_ACTIONS[action]
    service = _service(request, service_id)
    if request.method != "POST":
        return _confirm(request, action=spec, service=service)
    try:
        if action == "confirmar-revisao":
            services.service_mark_reviewed(actor=request.user, service=service)
        else:
            services.service_unpublish(actor=request.user, service=service)
    except ValidationError as exc:
        return _confirm(request, action=spec, service=service, error=" ".join(exc.messages), status=400)
    messages.success(request, str(spec.done))
    return redirect("catalog_editor:service_detail", service_id=service.pk)


# --- versions: history, preview, comparison, audit ----------------------------------------------
@editor_required
@require_http_methods(["GET", "HEAD"])
def version_history(request: HttpRequest, service_id: UUID) -> HttpResponse:
    service = _service(request, service_id)
    versions = list(selectors.versions_of(service=service))
    return render(request, "catalog/editor/history.html", {"service": service, "versions": versions})


@editor_required
@require_http_methods(["GET", "HEAD"])
def version_preview(request: HttpRequest, service_id: UUID, number: int) -> HttpResponse:
    """How this version would look on the public service page (drafts included, for editors)."""
    from plataforma.catalog.selectors import ServiceView

    service = _service(request, service_id)
    version = selectors.version_of(service=service, number=number)
    try:
        content = ServiceContent.model_validate(version.content)
    except ValueError:
        content = None
    entry = None
    if content is not None:
        units = [
            u for u in selectors.units_of(agency_ids={service.agency_id}) if str(u.pk) in content.unit_ids
        ]
        entry = ServiceView(service=service, content=content, version=version, units=units)
    return render(
        request,
        "catalog/editor/preview.html",
        {"service": service, "version": version, "content": content, "entry": entry},
    )


def _version_number(value: str | None) -> int | None:
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if number > 0 else None


@editor_required
@require_http_methods(["GET", "HEAD"])
def version_compare(request: HttpRequest, service_id: UUID) -> HttpResponse:
    service = _service(request, service_id)
    versions = list(selectors.versions_of(service=service))
    numbers = [v.number for v in versions]
    status = 200
    error = None
    old_n, new_n = _version_number(request.GET.get("de")), _version_number(request.GET.get("para"))
    if "de" not in request.GET and "para" not in request.GET:
        # By default: the published version against the newest one, or the two newest.
        new_n = numbers[0] if numbers else None
        published = service.published_version.number if service.published_version_id else None
        old_n = published if published and published != new_n else (numbers[1] if len(numbers) > 1 else new_n)
    elif old_n not in numbers or new_n not in numbers:
        error = _("Escolha duas versões existentes deste serviço.")
        status = 400
    changes = []
    old = new = None
    if error is None and old_n and new_n:
        old = selectors.version_of(service=service, number=old_n)
        new = selectors.version_of(service=service, number=new_n)
        changes = diff_content(
            old.content,
            new.content,
            category_names=selectors.category_names,
            unit_names=selectors.unit_names,
        )
    return render(
        request,
        "catalog/editor/compare.html",
        {
            "service": service,
            "versions": versions,
            "old": old,
            "new": new,
            "old_n": old_n,
            "new_n": new_n,
            "changes": changes,
            "error": error,
        },
        status=status,
    )


AUDIT_LABELS = {
    "catalog.service.create": gettext_lazy("Serviço criado"),
    "catalog.version.draft": gettext_lazy("Nova versão em rascunho"),
    "catalog.version.update": gettext_lazy("Rascunho alterado"),
    "catalog.version.submit": gettext_lazy("Enviado para revisão"),
    "catalog.version.return": gettext_lazy("Devolvido para rascunho"),
    "catalog.version.discard": gettext_lazy("Versão descartada"),
    "catalog.version.publish": gettext_lazy("Versão publicada"),
    "catalog.service.review": gettext_lazy("Revisão confirmada"),
    "catalog.service.unpublish": gettext_lazy("Serviço retirado do portal"),
    "catalog.service.review_overdue": gettext_lazy("Revisão atrasada sinalizada"),
}


@editor_required
@require_http_methods(["GET", "HEAD"])
def service_audit(request: HttpRequest, service_id: UUID) -> HttpResponse:
    service = _service(request, service_id)
    page = Paginator(selectors.service_audit_trail(service=service), 50).get_page(request.GET.get("pagina"))
    numbers = {str(pk): n for pk, n in service.versions.values_list("pk", "number")}
    rows = [
        {
            "event": event,
            "label": AUDIT_LABELS.get(event.action, event.action),
            "version": numbers.get(event.target_id) if event.target_type.endswith("serviceversion") else None,
        }
        for event in page
    ]
    return render(request, "catalog/editor/audit.html", {"service": service, "page": page, "rows": rows})


# --- service units ------------------------------------------------------------------------------
@editor_required
@require_http_methods(["GET", "HEAD"])
def unit_list(request: HttpRequest) -> HttpResponse:
    units = selectors.units_of(agency_ids=request.editor_agency_ids)
    page = Paginator(units, 50).get_page(request.GET.get("pagina"))
    return render(request, "catalog/editor/units.html", {"page": page})


@editor_required
@require_http_methods(["GET", "HEAD", "POST"])
def unit_create(request: HttpRequest) -> HttpResponse:
    agencies = selectors.editor_agencies(agency_ids=request.editor_agency_ids)
    form = UnitForm(request.POST if request.method == "POST" else None, agencies=agencies)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.unit_create(
                    actor=request.user, agency=form.cleaned_data["agency"], data=form.unit_data()
                )
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                messages.success(request, _("Unidade de atendimento cadastrada."))
                return redirect("catalog_editor:unit_list")
        return render(request, "catalog/editor/unit_form.html", {"form": form}, status=400)
    return render(request, "catalog/editor/unit_form.html", {"form": form})


@editor_required
@require_http_methods(["GET", "HEAD", "POST"])
def unit_edit(request: HttpRequest, unit_id: UUID) -> HttpResponse:
    unit = selectors.unit_for_editor(unit_id=unit_id, agency_ids=request.editor_agency_ids)
    check_can_edit_agency(request.user, unit.agency_id)
    initial = {name: getattr(unit, name) for name in services.UNIT_FIELDS}
    form = UnitForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.unit_update(actor=request.user, unit=unit, data=form.unit_data())
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                messages.success(request, _("Unidade de atendimento atualizada."))
                return redirect("catalog_editor:unit_list")
        return render(request, "catalog/editor/unit_form.html", {"form": form, "unit": unit}, status=400)
    return render(request, "catalog/editor/unit_form.html", {"form": form, "unit": unit})
