"""Print, as JSON, the addresses the accessibility scan visits that depend on the demo data
(a service, an area, an agency, the demo editor's service with a draft in progress, the demo
requests of issue #4 in each state, the request forms, the panel).

Run by scripts/a11y/run.sh after `load_demo`, with the same settings as the server, on the
scan's throw-away database. Three things the demo does not leave in place are prepared here,
through the platform's own services: a concluded request not rated yet (the demo rates every
concluded request, and a rated one has no rating page), a draft of a request form (the field
editor works on drafts only) and an agency workflow (the workflow editor edits copies only).
"""

import contextlib
import io
import json

import django

django.setup()

from plataforma.catalog.demo import DEMO_PASSWORD, EDITORS  # noqa: E402
from plataforma.catalog.demo.mtlogin import CITIZENS  # noqa: E402
from plataforma.catalog.models import Agency, Category, Service, ServiceVersion  # noqa: E402
from plataforma.identity.models import Level, User  # noqa: E402
from plataforma.service_requests import demo_inbox  # noqa: E402
from plataforma.service_requests.models import RequestForm, ServiceRequest, Workflow  # noqa: E402
from plataforma.service_requests.services import forms_admin, service_request_submit  # noqa: E402
from plataforma.service_requests.workflow import Status  # noqa: E402

# The demo citizen who signs in with a password only (no second step): João, level prata.
CITIZEN = CITIZENS[1]


def _protocol(**filters) -> str | None:
    found = (
        ServiceRequest.objects.filter(requester__cpf=CITIZEN.cpf, **filters)
        .order_by("-submitted_at")
        .values_list("protocol", flat=True)
        .first()
    )
    return found


def _concluded_unrated(citizen: User) -> str | None:
    """A request of the citizen approved just now: not rated yet, so its rating page opens."""
    agency = Agency.objects.get(acronym=demo_inbox.AGENCY)
    forms = demo_inbox._forms(agency, demo_inbox.InboxDemoReport())
    if not forms:
        return None
    form = forms[0]
    request, created = service_request_submit(
        user=citizen,
        service=form.service,
        data=demo_inbox._answers(form, citizen, 0),
        files={},
        idempotency_key="a11y-scan-concluida-sem-avaliacao",
        session_level=Level.OURO,
    )
    if created:
        analyst = User.objects.get(cpf=demo_inbox.ANALYST["cpf"])
        demo_inbox._play(
            request,
            analyst=analyst,
            steps=[("iniciar_analise", ""), ("deferir", "Pedido atendido.")],
            extras={},
        )
    return request.protocol


def _form_with_draft(actor: User) -> RequestForm | None:
    """The DETRAN-MT request form with a fee, with a draft started (as the editor would)."""
    form = (
        RequestForm.objects.filter(
            service__agency__acronym="DETRAN-MT", current_version__isnull=False, fee_amount__isnull=False
        )
        .select_related("service")
        .first()
    )
    if form is not None and not form.versions.filter(state="draft").exists():
        forms_admin.form_draft_start(actor=actor, form=form)
    return form


def _requests_targets(editor_account) -> dict:
    citizen = User.objects.get(cpf=CITIZEN.cpf)
    actor = User.objects.get(cpf=editor_account.cpf)
    fee_form = _form_with_draft(actor)
    draft = fee_form.versions.filter(state="draft").first() if fee_form else None
    file_field = next((f.key for f in draft.form_spec.fields if f.type == "file"), None) if draft else None
    workflow = Workflow.objects.filter(agency__acronym="DETRAN-MT").order_by("key", "-version").first()
    if workflow is None and fee_form is not None:
        workflow = forms_admin.workflow_copy_default(actor=actor, agency=fee_form.service.agency)
    # A second form without a fee, with choices (the SEFAZ exemption: multichoice and address).
    other_form = (
        RequestForm.objects.filter(
            accepts_requests=True, current_version__isnull=False, fee_amount__isnull=True
        )
        .exclude(service__min_login_level=Level.OURO)
        .select_related("service")
        .order_by("-service__name")
        .first()
    )
    receipt_code = (
        ServiceRequest.objects.filter(requester=citizen)
        .exclude(receipt_code="")
        .values_list("receipt_code", flat=True)
        .first()
    )
    inbox_received = (
        ServiceRequest.objects.filter(agency__acronym="DETRAN-MT", state="recebida")
        .order_by("submitted_at")
        .values_list("protocol", flat=True)
        .first()
    )
    panel_service = (
        ServiceRequest.objects.filter(agency__acronym="DETRAN-MT")
        .values_list("service__slug", flat=True)
        .order_by("service__slug")
        .first()
    )
    return {
        "citizen_cpf": CITIZEN.cpf,
        "submit_fee_slug": fee_form.service.slug if fee_form else None,
        "submit_other_slug": other_form.service.slug if other_form else None,
        "request_pending": _protocol(status=Status.PENDING_REQUESTER),
        "request_payment": _protocol(status=Status.AWAITING_PAYMENT),
        "request_concluded": _concluded_unrated(citizen),
        "receipt_code": receipt_code,
        "inbox_received": inbox_received,
        "panel_agency_slug": "detran-mt",
        "panel_service_slug": panel_service,
        "form_service_id": str(fee_form.service_id) if fee_form else None,
        "form_field_key": file_field,
        "workflow_id": str(workflow.pk) if workflow else None,
    }


# The DETRAN-MT editor: the demo leaves a draft of the CNH renewal in progress, so the edit
# form, the history (two versions) and the diff have real content.
editor = next(account for account in EDITORS if "DETRAN-MT" in account.agencies)
draft = (
    ServiceVersion.objects.filter(
        state=ServiceVersion.State.DRAFT,
        service__agency__acronym="DETRAN-MT",
        service__published_version__isnull=False,
    )
    .select_related("service__agency")
    .order_by("service__name")
    .first()
)
service = Service.objects.filter(published_version__isnull=False).order_by("name").first()


def _scheduling_targets() -> dict:
    """Issue #5: a DETRAN-MT unit with a calendar (agenda, queue, gestor's pages, waiting-room
    screen) and a service people can book (the citizen's flow)."""
    from plataforma.scheduling.models import Offering

    offering = (
        Offering.objects.filter(active=True, calendar__unit__agency__acronym="DETRAN-MT", mode="presencial")
        .select_related("calendar", "service")
        .order_by("calendar__unit__name", "service__name")
        .first()
    )
    if offering is None:
        return {}
    from plataforma.scheduling.selectors.availability import day_slots, service_availability
    from plataforma.scheduling.services.booking import appointment_book
    from plataforma.scheduling.services.slots import local_today

    days = next(
        (
            a.days
            for a in service_availability(service=offering.service, start=local_today(), days=30)
            if a.offering.pk == offering.pk
        ),
        [],
    )
    open_day = days[0].day if days else None
    slots = day_slots(offering=offering, day=open_day) if open_day else []
    code = None
    if len(slots) > 1:
        # the demo citizen's appointment (the same key on every run: booked once)
        citizen = User.objects.get(cpf=CITIZEN.cpf)
        appointment, _created = appointment_book(
            person=citizen, slot_id=slots[-1].slot_id, idempotency_key="a11y-scan"
        )
        code = appointment.code
    return {
        "sched_calendar_id": str(offering.calendar_id),
        "sched_unit_id": str(offering.calendar.unit_id),
        "sched_offering_id": str(offering.pk),
        "sched_service_slug": offering.service.slug,
        "sched_open_day": open_day.isoformat() if open_day else None,
        "sched_slot_id": slots[0].slot_id if slots else None,
        "sched_code": code,
    }


def _ombudsman_targets() -> dict:
    """Issue #6: the demo's manifestações by their demo keys (ombudsman/demo.py), for the pages of
    the author (João), the DETRAN-MT ouvidora, the Ouvidoria-Geral and the DETRAN-MT analyst."""
    from plataforma.ombudsman import demo as ouvidoria
    from plataforma.ombudsman.models import Forwarding, Manifestation

    def protocol(cpf: str, key: str) -> str:
        return Manifestation.objects.get(requester__cpf=cpf, idempotency_key=f"demo-ouvidoria-{key}").protocol

    joao, maria = ouvidoria.CITIZEN_CPFS[1], ouvidoria.CITIZEN_CPFS[0]
    forwarding = Forwarding.objects.filter(status="aberto", agency__acronym=ouvidoria.AGENCY).first()
    return {
        "ouv_waiting": protocol(joao, "aguardando-usuario"),
        "ouv_concluded": protocol(joao, "concluida"),
        "ouv_analysis": protocol(joao, "em-analise"),
        "ouv_forwarded": protocol(maria, "encaminhada"),
        "ouv_forwarding_id": str(forwarding.pk) if forwarding else None,
        "ouvidor_cpf": ouvidoria.OUVIDOR["cpf"],
        "ouvidor_geral_cpf": ouvidoria.GENERAL["cpf"],
        "analyst_cpf": ouvidoria.ANALYST_CPF,
    }


def _xvia_targets() -> dict:
    """Issue #7: X-VIA's demo registry (load_demo), seen by DETRAN-MT's gestor (its member's
    administrator) and by the platform's administrator (the operator)."""
    from plataforma.catalog.demo import ADMIN
    from xvia.central.models import Member, SecurityServer
    from xvia.central.models import Service as XViaService

    member = Member.objects.filter(subsystems__code="DETRAN-VEICULOS").first()
    service = XViaService.objects.filter(subsystem__code="DETRAN-VEICULOS").first()
    server = SecurityServer.objects.filter(code="ss-detran").first()
    return {
        "xvia_member_id": str(member.pk) if member else None,
        "xvia_service_id": str(service.pk) if service else None,
        "xvia_server_id": str(server.pk) if server else None,
        "admin_cpf": ADMIN.cpf,
    }


def _governance_targets() -> dict:
    """Issue #8: the governance demo's records, seen by the public, the Núcleo (SEPLAG), MTI's
    staff and DETRAN-MT's gestor (the demo editor)."""
    from plataforma.common.documents import make_cpf
    from plataforma.governance.demo import ACCOUNTS
    from plataforma.governance.models import (
        ExceptionRequest,
        GuidancePage,
        PlanCycle,
        PriceVersion,
        StandardService,
        TechJustification,
        Track,
    )

    cpf = {str(spec[4]): make_cpf(spec[0]) for spec in ACCOUNTS}
    track = Track.objects.filter(nomination__agency__acronym="DETRAN-MT").order_by("created_at").first()
    open_cycle = PlanCycle.objects.filter(status=PlanCycle.Status.OPEN).first()
    public_exc = ExceptionRequest.objects.filter(status=ExceptionRequest.Status.APPROVED).first()
    pending_exc = ExceptionRequest.objects.filter(status=ExceptionRequest.Status.SUBMITTED).first()
    service = StandardService.objects.filter(prices__status=PriceVersion.Status.APPROVED).first()
    proposal = PriceVersion.objects.filter(status=PriceVersion.Status.SUBMITTED).first()
    decided = TechJustification.objects.filter(status=TechJustification.Status.APPROVED).first()
    pending_just = TechJustification.objects.filter(status=TechJustification.Status.SUBMITTED).first()
    guide = GuidancePage.objects.filter(is_published=True).first()

    def pk(obj):
        return str(obj.pk) if obj else None

    return {
        "gov_nucleo_cpf": cpf.get("nucleo"),
        "gov_mti_cpf": cpf.get("mti"),
        "gov_track_id": pk(track),
        "gov_open_cycle_id": pk(open_cycle),
        "gov_exception_number": public_exc.number if public_exc else None,
        "gov_exception_id": pk(public_exc),
        "gov_pending_exception_id": pk(pending_exc),
        "gov_mti_code": service.code if service else None,
        "gov_mti_service_id": pk(service),
        "gov_proposal_id": pk(proposal),
        "gov_justification_number": decided.number if decided else None,
        "gov_pending_justification_id": pk(pending_just),
        "gov_guide_slug": guide.slug if guide else None,
        "gov_guide_id": pk(guide),
    }


# Notifications of the requests prepared below are e-mailed to the console (stdout): keep them
# out of the JSON (and out of the scan's output).
with contextlib.redirect_stdout(io.StringIO()):
    requests_targets = _requests_targets(editor)
    scheduling_targets = _scheduling_targets()
    from plataforma.ombudsman.councils.demo import councils_a11y_targets

    councils_targets = councils_a11y_targets()  # issue #6: conselhos de usuários
    ombudsman_targets = _ombudsman_targets()  # issue #6: manifestações
    xvia_targets = _xvia_targets()  # issue #7: X-VIA
    governance_targets = _governance_targets()  # issue #8: Núcleo de Governança Digital
print(
    json.dumps(
        {
            **requests_targets,
            **scheduling_targets,
            **councils_targets,
            **ombudsman_targets,
            **xvia_targets,
            **governance_targets,
            "service_slug": draft.service.slug if draft else service.slug,
            "category_slug": Category.objects.order_by("name").first().slug,
            "agency_slug": (draft.service.agency if draft else service.agency).slug,
            "editor_cpf": editor.cpf,
            "editor_password": DEMO_PASSWORD,
            # the demo citizen with an authenticator app: her password leads to the second step
            "mfa_cpf": CITIZENS[2].cpf,
            "editor_service_id": str(draft.service_id) if draft else None,
        }
    )
)
