"""Demo data of the agency's inbox: a DETRAN-MT analyst and a few requests of the demo citizens
in every step of the default workflow (received, in analysis and assigned, waiting for the
requester, overdue, approved, rejected), so that the Área do Servidor shows its inbox at work.

Call `load_inbox_demo()` after the catalogue's demo (agencies, services, citizens, the DETRAN-MT
gestor) and after the request forms' demo (`demo_forms`). Everything goes through the real
services (submit, workflow actions, assignment, internal notes). Idempotent: each request has a
fixed idempotency key per requester, and a request found again is left as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from plataforma.catalog.models import Agency, Service
from plataforma.common.documents import format_cpf, make_cpf
from plataforma.identity.models import AgencyRole, Level, User
from plataforma.identity.services import agency_role_grant

from .formspec import FieldSpec
from .inbox.services import request_assign, request_internal_note
from .models import RequestForm, RequestFormVersion, ServiceRequest
from .prefill import prefill_values
from .services import service_request_act, service_request_submit, service_request_system_act, workflow_of

AGENCY = "DETRAN-MT"
ANALYST = {
    "cpf": make_cpf("321654987"),
    "full_name": "Rafael Souza Pinheiro",
    "email": "rafael.pinheiro.demo@mt.gov.br",
    "label": "Analista — DETRAN-MT (caixa de solicitações)",
}
CITIZEN_CPFS = (make_cpf("741852963"), make_cpf("852963741"), make_cpf("963741852"))  # catalog demo
FALLBACK_FIELDS: list[dict[str, Any]] = [
    {"key": "nome", "type": "text", "label": "Nome completo", "prefill": "person.full_name"},
    {"key": "email", "type": "email", "label": "E-mail", "prefill": "person.email"},
    {"key": "placa", "type": "text", "label": "Placa do veículo", "min_length": 7, "max_length": 8},
    {"key": "renavam", "type": "text", "label": "Renavam", "min_length": 9, "max_length": 11},
    {"key": "motivo", "type": "textarea", "label": "Conte o que precisa", "required": False},
]

# (key, requester index, steps through the workflow, extras)
SCENARIOS: list[tuple[str, int, list[tuple[str, str]], dict[str, Any]]] = [
    ("recebida", 0, [], {"due_in_days": 2}),
    (
        "em-analise",
        1,
        [("iniciar_analise", "")],
        {"assign": True, "note": "Vistoria agendada para a próxima semana."},
    ),
    (
        # João (prata, no second factor): the requester's side of "pendente" can be seen by
        # signing in with a password only.
        "pendente",
        1,
        [
            ("iniciar_analise", ""),
            ("solicitar_informacoes", "Envie a foto do documento do veículo assinado no verso."),
        ],
        {},
    ),
    ("atrasado", 0, [("iniciar_analise", "")], {"due_in_days": -3}),
    (
        "deferida",
        1,
        [
            ("iniciar_analise", ""),
            ("deferir", "Transferência registrada. O novo CRV-e já está no aplicativo."),
        ],
        {},
    ),
    (
        "indeferida",
        2,
        [
            ("iniciar_analise", ""),
            ("indeferir", "O veículo tem restrição judicial. Procure a vara que a determinou."),
        ],
        {},
    ),
    ("sem-responsavel", 1, [], {}),
]
# A request of a service with a fee, left waiting for the PIX payment (the requester's page shows
# the charge with its QR code; the gestor's reconciliation lists it as open).
AWAITING_PAYMENT = ("aguardando-pagamento", 1)


@dataclass
class InboxDemoReport:
    created: dict[str, int] = field(default_factory=dict)
    accounts: list[tuple[str, str]] = field(default_factory=list)

    def add(self, what: str, n: int = 1) -> None:
        self.created[what] = self.created.get(what, 0) + n


def _analyst(agency: Agency, report: InboxDemoReport) -> User:
    from plataforma.catalog.demo import DEMO_PASSWORD

    user = User.objects.filter(cpf=ANALYST["cpf"]).first()
    if user is None:
        user = User.objects.create_user(
            ANALYST["cpf"],
            None,
            full_name=ANALYST["full_name"],
            email=ANALYST["email"],
            email_verified_at=timezone.now(),
            level=Level.PRATA,
        )
        user.password = make_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        report.add("contas")
    if not AgencyRole.objects.filter(
        user=user, agency=agency, role="analista", revoked_at__isnull=True
    ).exists():
        granter = _gestor(agency) or User.objects.filter(is_staff=True).order_by("date_joined").first()
        agency_role_grant(actor=granter, user=user, agency=agency, role="analista")
        report.add("papéis")
    return user


def _gestor(agency: Agency) -> User | None:
    return (
        User.objects.filter(
            agency_roles__agency=agency, agency_roles__role="gestor", agency_roles__revoked_at__isnull=True
        )
        .order_by("date_joined")
        .first()
    )


def _forms(agency: Agency, report: InboxDemoReport) -> list[RequestForm]:
    """The agency's open request forms without a fee (demo_forms'); if there is none, one simple
    form for a published service that has none yet."""
    forms = list(
        RequestForm.objects.filter(
            service__agency=agency,
            accepts_requests=True,
            current_version__isnull=False,
            fee_amount__isnull=True,
        )
        .select_related("service", "current_version")
        .order_by("service__name")[:2]
    )
    if forms:
        return forms
    service = (
        Service.objects.filter(agency=agency, is_published=True, request_form__isnull=True)
        .order_by("name")
        .first()
    )
    if service is None:
        return []
    with transaction.atomic():
        form = RequestForm.objects.create(service=service)
        version = RequestFormVersion.objects.create(
            form=form,
            number=1,
            state=RequestFormVersion.State.PUBLISHED,
            spec={"fields": FALLBACK_FIELDS},
            published_at=timezone.now(),
        )
        form.current_version = version
        form.accepts_requests = True
        form.save()
    report.add("formulários")
    return [form]


def _sample(spec: FieldSpec, known: dict[str, Any], n: int) -> Any:
    if spec.prefill and known.get(spec.prefill) not in (None, ""):
        return known[spec.prefill]
    samples = {
        "text": "QBX1A23" if "placa" in spec.key else ("12345678901" if "renavam" in spec.key else "Exemplo"),
        "textarea": "Pedido de demonstração criado para mostrar a caixa de solicitações.",
        "number": str(spec.min_value if spec.min_value is not None else 1),
        "date": (timezone.localdate() - timedelta(days=30 * (n + 1))).isoformat(),
        "email": known.get("person.email", ""),
        "phone": known.get("person.phone") or "+5565999990000",
        "cpf": known.get("person.cpf", ""),
        "yesno": True,
        "choice": spec.choices[0].value if spec.choices else "",
        "multichoice": [spec.choices[0].value] if spec.choices else [],
    }
    return samples.get(spec.type)


def _answers(form: RequestForm, user: User, n: int) -> dict[str, Any]:
    known = prefill_values(user=user)
    answers = {}
    for spec in form.current_version.form_spec.fields:
        value = _sample(spec, known, n)
        if value not in (None, "", []):
            answers[spec.key] = value
    return answers


def _play(request: ServiceRequest, *, analyst: User, steps, extras: dict[str, Any]) -> None:
    workflow = workflow_of(request)
    if request.state == workflow.payment_state and workflow.paid_action:
        service_request_system_act(request_id=request.pk, action_key=workflow.paid_action)
    for key, note in steps:
        if workflow.action(key) is None:
            break
        service_request_act(request_id=request.pk, actor=analyst, action_key=key, note=note)
    if extras.get("assign"):
        request_assign(actor=analyst, request_id=request.pk, assignee=analyst)
    if extras.get("note"):
        request_internal_note(actor=analyst, request_id=request.pk, note=extras["note"])
    if "due_in_days" in extras:
        ServiceRequest.objects.filter(pk=request.pk).update(
            due_at=timezone.now() + timedelta(days=extras["due_in_days"])
        )


def load_inbox_demo() -> InboxDemoReport:
    """Create the inbox demo (see the module docstring). Returns what was created and the
    analyst's account to print."""
    report = InboxDemoReport()
    agency = Agency.objects.filter(acronym=AGENCY).first()
    citizens = list(User.objects.filter(cpf__in=CITIZEN_CPFS))
    if agency is None or len(citizens) < len(CITIZEN_CPFS):
        return report
    citizens.sort(key=lambda u: CITIZEN_CPFS.index(u.cpf))
    analyst = _analyst(agency, report)
    report.accounts.append((ANALYST["label"], format_cpf(ANALYST["cpf"])))
    forms = _forms(agency, report)
    for n, (key, who, steps, extras) in enumerate(SCENARIOS):
        if not forms:
            break
        form = forms[n % len(forms)]
        requester = citizens[who]
        request, created = service_request_submit(
            user=requester,
            service=form.service,
            data=_answers(form, requester, n),
            files={},
            idempotency_key=f"demo-inbox-{key}",
            session_level=Level.OURO,
        )
        if created:
            _play(request, analyst=analyst, steps=steps, extras=extras)
            report.add("solicitações")
    _awaiting_payment(agency, citizens, report)
    return report


def _awaiting_payment(agency: Agency, citizens: list[User], report: InboxDemoReport) -> None:
    """One request of the agency's first form with a fee, left in the payment step."""
    form = (
        RequestForm.objects.filter(
            service__agency=agency,
            accepts_requests=True,
            current_version__isnull=False,
            fee_amount__isnull=False,
        )
        .select_related("service", "current_version")
        .order_by("service__name")
        .first()
    )
    if form is None:
        return
    key, who = AWAITING_PAYMENT
    requester = citizens[who]
    _request, created = service_request_submit(
        user=requester,
        service=form.service,
        data=_answers(form, requester, 0),
        files={},
        idempotency_key=f"demo-inbox-{key}",
        session_level=Level.OURO,
    )
    if created:
        report.add("solicitações")
