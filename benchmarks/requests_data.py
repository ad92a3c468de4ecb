"""Synthetic data for the service-request benchmark: agencies, services with request forms,
citizens, servants and N requests bulk-loaded with PostgreSQL COPY (issue #4, Performance).

Shapes follow what a state platform sees: one agency (the DETRAN-like first one) receives a quarter
of all requests; most requests are concluded, recent ones are in progress or pending; one heavy
requester (a despachante) holds 500 requests; deadlines of 15 business days, some missed.
"""

from __future__ import annotations

import io
import json
import random
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

CUIABA = ZoneInfo("America/Cuiaba")
AGENCIES = 20
SERVICES_PER_AGENCY = 10
FIELDS = [
    {"key": "placa", "type": "text", "label": "Placa do veículo", "min_length": 7, "max_length": 8},
    {"key": "motivo", "type": "textarea", "label": "Motivo do pedido", "required": False},
]


@dataclass
class Loaded:
    agencies: list = field(default_factory=list)
    services: list = field(default_factory=list)
    citizens: list = field(default_factory=list)
    heavy_user: object = None
    analysts: dict = field(default_factory=dict)  # agency id -> analyst user
    requests: int = 0


def _agency_weights() -> list[float]:
    # The first agency gets ~25 %, the rest decay gently.
    raw = [6.0] + [1.0 / (1 + i * 0.15) for i in range(AGENCIES - 1)]
    total = sum(raw)
    return [w / total for w in raw]


def setup_reference(*, citizens: int, seed: int) -> Loaded:
    """Agencies, published digital services with open request forms, citizens and servants."""
    from django.utils import timezone

    from plataforma.catalog.tests.factories import AgencyFactory, published_service
    from plataforma.common.documents import make_cpf
    from plataforma.identity.models import AgencyRole, User
    from plataforma.identity.tests.factories import make_editor
    from plataforma.service_requests.models import RequestForm, RequestFormVersion

    rng = random.Random(seed)
    out = Loaded()
    now = timezone.now()
    for a in range(AGENCIES):
        agency = AgencyFactory(
            name=f"Órgão de Benchmark {a:02d}", acronym=f"BENCH{a:02d}", slug=f"bench{a:02d}"
        )
        editor = make_editor(agency)
        out.agencies.append(agency)
        for s in range(SERVICES_PER_AGENCY):
            service = published_service(
                agency=agency,
                editor=editor,
                name=f"Serviço {s:02d} do órgão {a:02d}",
                is_digital=True,
                digital_url="https://servicos.mt.gov.br/bench",
                total_time={"kind": "ate", "max": 15, "unit": "dias-uteis"},
            )
            form = RequestForm.objects.create(service=service)
            version = RequestFormVersion.objects.create(
                form=form, number=1, state="published", spec={"fields": FIELDS}, published_at=now
            )
            form.current_version = version
            form.accepts_requests = True
            form.save()
            out.services.append((service, version))
        analyst = User.objects.create(cpf=make_cpf(f"{900_000_000 + a:09d}"), full_name=f"Analista {a:02d}")
        AgencyRole.objects.create(user=analyst, agency=agency, role="analista")
        AgencyRole.objects.create(user=analyst, agency=agency, role="gestor")
        out.analysts[agency.pk] = analyst
    batch = []
    for i in range(citizens):
        batch.append(
            User(
                cpf=make_cpf(f"{500_000_000 + i:09d}"),
                full_name=f"Pessoa de Teste {i}",
                email=f"p{i}@example.org",
                email_verified_at=now,
                level="prata",
                password="!",  # noqa: S106 - an unusable password (no sign-in)
            )
        )
        if len(batch) == 5000:
            out.citizens += User.objects.bulk_create(batch)
            batch = []
    if batch:
        out.citizens += User.objects.bulk_create(batch)
    out.heavy_user = out.citizens[0]
    rng.shuffle(out.citizens)
    return out


def _row(
    i: int, *, rng: random.Random, loaded: Loaded, now: datetime, services_by_agency, weights, seq
) -> str:
    from plataforma.common.protocols import protocol_format, protocol_prefix_for

    agency = rng.choices(loaded.agencies, weights=weights)[0]
    service, version = rng.choice(services_by_agency[agency.pk])
    requester = loaded.heavy_user if i % 2000 == 0 else rng.choice(loaded.citizens)
    age_days = rng.random() ** 1.6 * 730  # more recent requests than old ones
    submitted = now - timedelta(days=age_days, seconds=rng.randint(0, 86_399))
    due = submitted + timedelta(days=21)  # 15 business days ~ 3 weeks
    roll = rng.random()
    concluded_at = None
    on_time = None
    paused = None
    if age_days > 60:
        status, state = (
            ("deferida", "deferida")
            if roll < 0.75
            else ("indeferida", "indeferida")
            if roll < 0.88
            else ("cancelada", "cancelada")
            if roll < 0.95
            else ("em_andamento", "em_analise")
        )
    else:
        status, state = (
            ("em_andamento", "recebida")
            if roll < 0.25
            else ("em_andamento", "em_analise")
            if roll < 0.5
            else ("pendente", "pendente")
            if roll < 0.6
            else ("deferida", "deferida")
            if roll < 0.9
            else ("indeferida", "indeferida")
            if roll < 0.97
            else ("cancelada", "cancelada")
        )
    if status in ("deferida", "indeferida", "cancelada"):
        span = timedelta(days=rng.lognormvariate(2.3, 0.6))
        concluded_at = min(submitted + span, now)
        if status != "cancelada":
            on_time = concluded_at <= due
    if status == "pendente":
        paused = submitted + timedelta(days=rng.uniform(0, 5))
    year = submitted.astimezone(CUIABA).year
    prefix = protocol_prefix_for(agency.acronym)
    seq[(prefix, year)] = seq.get((prefix, year), 0) + 1
    protocol = protocol_format(year=year, prefix=prefix, number=seq[(prefix, year)])
    assignee = loaded.analysts[agency.pk].pk if state == "em_analise" and rng.random() < 0.7 else None

    def ts(value):
        return value.isoformat() if value else r"\N"

    cols = [
        str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        ts(submitted),
        ts(concluded_at or submitted),
        protocol,
        str(service.pk),
        str(agency.pk),
        str(version.pk),
        r"\N",
        str(requester.pk),
        r"\N",
        json.dumps({"person.cpf": requester.cpf, "person.full_name": requester.full_name}),
        json.dumps({"placa": f"QBX{i % 10}A{i % 100:02d}", "motivo": ""}),
        state,
        status,
        ts(submitted),
        ts(concluded_at),
        ts(due),
        ts(paused),
        r"\N" if on_time is None else ("t" if on_time else "f"),
        "Envie o documento do veículo." if status == "pendente" else "",
        ts(paused + timedelta(days=14)) if paused else r"\N",
        str(assignee) if assignee else r"\N",
        r"\N",
        f"bench-{i}",
        "",
    ]
    return "\t".join(cols) + "\n"


COLUMNS = ", ".join(
    [
        "id",
        "created_at",
        "updated_at",
        "protocol",
        "service_id",
        "agency_id",
        "form_version_id",
        "workflow_id",
        "requester_id",
        "company_id",
        "requester_data",
        "data",
        "state",
        "status",
        "submitted_at",
        "concluded_at",
        "due_at",
        "paused_at",
        "concluded_on_time",
        "pending_question",
        "answer_due_at",
        "assignee_id",
        "escalated_at",
        "idempotency_key",
        "receipt_code",
    ]
)


def load_requests(loaded: Loaded, *, total: int, seed: int, batch: int = 50_000) -> dict:
    """COPY `total` requests into service_requests_servicerequest; returns the protocol counters
    used, which are then written to common's ProtocolSequence so new submissions continue them."""
    from django.db import connection
    from django.utils import timezone

    rng = random.Random(seed + 1)
    now = timezone.now()
    weights = _agency_weights()
    services_by_agency: dict = {}
    for service, version in loaded.services:
        services_by_agency.setdefault(service.agency_id, []).append((service, version))
    seq: dict = {}
    raw = connection.connection if connection.connection else None
    if raw is None:
        connection.ensure_connection()
        raw = connection.connection
    done = 0
    while done < total:
        n = min(batch, total - done)
        buf = io.StringIO()
        for i in range(done, done + n):
            buf.write(
                _row(
                    i,
                    rng=rng,
                    loaded=loaded,
                    now=now,
                    services_by_agency=services_by_agency,
                    weights=weights,
                    seq=seq,
                )
            )
        with (
            raw.cursor() as cursor,
            cursor.copy(f"COPY service_requests_servicerequest ({COLUMNS}) FROM STDIN") as copy,
        ):
            copy.write(buf.getvalue())
        raw.commit()
        done += n
    loaded.requests = total
    from plataforma.common.models import ProtocolSequence

    for (prefix, year), last in seq.items():
        ProtocolSequence.objects.update_or_create(prefix=prefix, year=year, defaults={"last_number": last})
    return seq
