"""Synthetic data for the ouvidoria benchmark (issue #6, Performance): agencies with an ouvidor,
services, citizens, and N manifestações with their answers, ratings, measures and requests to
the areas, bulk-loaded with PostgreSQL COPY.

Shapes follow a state ouvidoria: one agency (DETRAN-like) receives about a quarter of everything;
five years, recent ones heavier; most of what is older than two months is answered (a few late,
some extended, some archived, 5 % reopened); recent ones spread over the open steps; 1 % still
without agency (triage); 8 % anonymous (mostly denúncias); 60 % tied to a service; classified by
subject once analysed. Every column is written from the model's own field list, so the loader
follows the model.
"""

from __future__ import annotations

import io
import random
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

CUIABA = ZoneInfo("America/Cuiaba")
AGENCIES = 30
SERVICES_PER_AGENCY = 4
YEARS = 5
KINDS = (
    ("reclamacao", 45),
    ("solicitacao", 20),
    ("denuncia", 10),
    ("elogio", 10),
    ("sugestao", 8),
    ("simplifique", 7),
)
CHANNELS = (
    ("internet", 55),
    ("aplicativo", 20),
    ("telefone", 10),
    ("presencial", 8),
    ("email", 5),
    ("carta", 2),
)
OPEN_STEPS = (
    ("recebida", 25),
    ("em_analise", 30),
    ("encaminhada", 25),
    ("aguardando_usuario", 10),
    ("em_decisao", 10),
)
MEASURE_KINDS = ("correcao", "processo", "orientacao", "apuracao", "carta", "simplificacao", "outra")


@dataclass
class Loaded:
    agencies: list = field(default_factory=list)
    general: object = None  # the Ouvidoria-Geral's ouvidor (CGE)
    ouvidores: dict = field(default_factory=dict)  # agency id -> ouvidor
    services: dict = field(default_factory=dict)  # agency id -> [service ids]
    subjects: list = field(default_factory=list)
    citizens: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)


def _weights() -> list[float]:
    raw = [8.0] + [1.0 / (1 + i * 0.12) for i in range(AGENCIES - 1)]
    total = sum(raw)
    return [w / total for w in raw]


def setup_reference(*, citizens: int) -> Loaded:
    """Agencies (plus the CGE, seat of the Ouvidoria-Geral) with an ouvidor each, published
    services, and citizens (bulk)."""
    from django.utils import timezone

    from plataforma.catalog.tests.factories import AgencyFactory, published_service
    from plataforma.common.documents import make_cpf
    from plataforma.identity.models import AgencyRole, User
    from plataforma.identity.tests.factories import make_editor
    from plataforma.ombudsman.models import Subject

    out = Loaded()
    now = timezone.now()
    cge = AgencyFactory(name="Controladoria Geral do Estado (benchmark)", acronym="CGE", slug="cge")
    out.general = User.objects.create(cpf=make_cpf("800000000"), full_name="Ouvidora-Geral")
    AgencyRole.objects.create(user=out.general, agency=cge, role="ouvidor")
    for a in range(AGENCIES):
        agency = AgencyFactory(
            name=f"Órgão de Benchmark {a:02d}", acronym=f"OUVB{a:02d}", slug=f"ouvb{a:02d}"
        )
        editor = make_editor(agency)
        out.agencies.append(agency)
        out.services[agency.pk] = [
            published_service(agency=agency, editor=editor, name=f"Serviço {s} do órgão {a:02d}").pk
            for s in range(SERVICES_PER_AGENCY)
        ]
        ouvidor = User.objects.create(cpf=make_cpf(f"{800_000_001 + a:09d}"), full_name=f"Ouvidor {a:02d}")
        AgencyRole.objects.create(user=ouvidor, agency=agency, role="ouvidor")
        out.ouvidores[agency.pk] = ouvidor
    out.subjects = list(Subject.objects.values_list("id", flat=True))
    batch = []
    for i in range(citizens):
        batch.append(
            User(
                cpf=make_cpf(f"{600_000_000 + i:09d}"),
                full_name=f"Pessoa {i}",
                email=f"o{i}@example.org",
                email_verified_at=now,
                password="!",  # noqa: S106 - unusable: nobody signs in
            )
        )
        if len(batch) == 5000:
            out.citizens += [u.pk for u in User.objects.bulk_create(batch)]
            batch = []
    if batch:
        out.citizens += [u.pk for u in User.objects.bulk_create(batch)]
    return out


class _Copy:
    """Rows of one model as COPY text, every concrete column written (defaults filled in)."""

    def __init__(self, model):
        self.model = model
        self.fields = model._meta.concrete_fields
        self.columns = ", ".join(f'"{f.column}"' for f in self.fields)
        self.buffer = io.StringIO()
        self.rows = 0

    @staticmethod
    def _text(value) -> str:
        if value is None:
            return r"\N"
        if isinstance(value, bool):
            return "t" if value else "f"
        if isinstance(value, datetime):
            return value.isoformat()
        text = str(value)
        return text.replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")

    def add(self, **values) -> None:
        cells = []
        for f in self.fields:
            key = f.attname
            if key in values:
                value = values[key]
            elif f.has_default():
                value = f.get_default()
            elif f.null:
                value = None
            else:
                value = ""
            cells.append(self._text(value))
        self.buffer.write("\t".join(cells) + "\n")
        self.rows += 1

    def flush(self, raw) -> None:
        if not self.rows:
            return
        with (
            raw.cursor() as cursor,
            cursor.copy(f"COPY {self.model._meta.db_table} ({self.columns}) FROM STDIN") as copy,
        ):
            copy.write(self.buffer.getvalue())
        self.buffer = io.StringIO()
        self.rows = 0


def _pick(rng: random.Random, table) -> str:
    return rng.choices([k for k, _w in table], weights=[w for _k, w in table])[0]


def load_manifestations(loaded: Loaded, *, total: int, seed: int, batch: int = 50_000) -> dict[str, int]:
    """COPY `total` manifestações and their rows; returns how many rows of each kind."""
    from django.db import connection
    from django.utils import timezone

    from plataforma.common.protocols import protocol_format
    from plataforma.ombudsman.models import (
        AdoptedMeasure,
        AnswerRating,
        Forwarding,
        Manifestation,
        ManifestationAnswer,
    )

    rng = random.Random(seed)
    now = timezone.now()
    weights = _weights()
    connection.ensure_connection()
    raw = connection.connection
    copies = {
        m: _Copy(m) for m in (Manifestation, ManifestationAnswer, AnswerRating, AdoptedMeasure, Forwarding)
    }
    counts = dict.fromkeys(("manifestações", "respostas", "avaliações", "providências", "encaminhamentos"), 0)
    numbers: dict[int, int] = {}
    for i in range(total):
        age = rng.random() ** 1.5 * 365 * YEARS
        received = now - timedelta(days=age, seconds=rng.randint(0, 86_399))
        year = received.astimezone(CUIABA).year
        numbers[year] = numbers.get(year, 0) + 1
        kind = _pick(rng, KINDS)
        anonymous = rng.random() < (0.5 if kind == "denuncia" else 0.03)
        agency = (
            None if (age < 10 and rng.random() < 0.2) else rng.choices(loaded.agencies, weights=weights)[0]
        )
        service = rng.choice(loaded.services[agency.pk]) if agency and rng.random() < 0.6 else None
        due = received + timedelta(days=30)
        values = {
            "id": uuid.UUID(int=rng.getrandbits(128), version=4),
            "created_at": received,
            "updated_at": received,
            "protocol": protocol_format(year=year, prefix="OUV", number=numbers[year]),
            "kind": kind,
            "channel": _pick(rng, CHANNELS),
            "agency_id": agency.pk if agency else None,
            "service_id": service,
            "title": f"Manifestação de benchmark {i}",
            "description": "Relato sintético para medir o desempenho da ouvidoria.",
            "is_anonymous": anonymous,
            "requester_id": None if anonymous else rng.choice(loaded.citizens),
            "access_code_hash": "0" * 64 if anonymous else "",
            "received_at": received,
            "answer_due_at": due,
        }
        answers = []
        if age > 60 and rng.random() < 0.96:
            values["subject_id"] = rng.choice(loaded.subjects) if rng.random() < 0.85 else None
            archived = rng.random() < 0.07
            reopened = not archived and rng.random() < 0.05
            extended = rng.random() < 0.1
            first_due = received + timedelta(days=60 if extended else 30)
            answered = received + timedelta(days=rng.lognormvariate(2.7, 0.5))
            answers.append((1, answered, first_due, extended, "arquivamento" if archived else "resposta"))
            if reopened:
                second = answered + timedelta(days=rng.uniform(3, 40))
                answers.append((2, second, answered + timedelta(days=32), False, "resposta"))
            last = answers[-1]
            values.update(
                status="arquivada" if archived else "concluida",
                archive_reason="duplicada" if archived else "",
                cycle=len(answers),
                reopen_count=len(answers) - 1,
                reopened_at=answers[0][1] + timedelta(days=2) if reopened else None,
                concluded_at=last[1],
                concluded_on_time=last[1] <= last[2],
                answer_due_at=last[2],
                answer_extended_at=received + timedelta(days=25) if extended else None,
                answer_extension_reason="Depende de outra área." if extended else "",
                updated_at=last[1],
            )
        else:
            status = _pick(rng, OPEN_STEPS) if agency else "recebida"
            values["status"] = status
            if status != "recebida":
                values["subject_id"] = rng.choice(loaded.subjects)
            if status == "aguardando_usuario":
                values["clock_paused_at"] = received + timedelta(days=rng.uniform(1, 10))
                values["user_reply_due_at"] = values["clock_paused_at"] + timedelta(days=20)
                values["clock_suspension_used"] = True
        copies[Manifestation].add(**values)
        counts["manifestações"] += 1
        for cycle, answered, answer_due, extended, answer_kind in answers:
            copies[ManifestationAnswer].add(
                created_at=answered,
                updated_at=answered,
                manifestation_id=values["id"],
                agency_id=values["agency_id"],
                cycle=cycle,
                kind=answer_kind,
                text="Resposta sintética.",
                answered_at=answered,
                due_at=answer_due,
                on_time=answered <= answer_due,
                extended=extended,
            )
            counts["respostas"] += 1
            if values["requester_id"] and rng.random() < 0.3:
                rated = answered + timedelta(days=rng.uniform(0, 10))
                copies[AnswerRating].add(
                    created_at=rated,
                    updated_at=rated,
                    manifestation_id=values["id"],
                    cycle=cycle,
                    resolved=rng.random() < 0.6,
                    satisfaction=rng.choices((1, 2, 3, 4, 5), weights=(15, 10, 20, 30, 25))[0],
                )
                counts["avaliações"] += 1
        if answers and rng.random() < 0.03:
            when = answers[-1][1] + timedelta(days=1)
            copies[AdoptedMeasure].add(
                created_at=when,
                updated_at=when,
                manifestation_id=values["id"],
                agency_id=values["agency_id"],
                kind=rng.choice(MEASURE_KINDS),
                description="Providência sintética registrada pela ouvidoria.",
            )
            counts["providências"] += 1
        forwarded = values["status"] == "encaminhada" or (answers and rng.random() < 0.2)
        if forwarded and agency is not None:
            sent = received + timedelta(days=rng.uniform(1, 5))
            is_open = values["status"] == "encaminhada"
            answered_at = None if is_open else sent + timedelta(days=rng.uniform(2, 30))
            copies[Forwarding].add(
                created_at=sent,
                updated_at=sent,
                manifestation_id=values["id"],
                agency_id=agency.pk,
                area="Área responsável",
                extract="Extrato sintético.",
                question="Pergunta sintética.",
                status="aberto" if is_open else "respondido",
                sent_at=sent,
                due_at=sent + timedelta(days=20),
                answered_at=answered_at,
                answer="" if is_open else "Resposta da área.",
                answered_on_time=None if is_open else answered_at <= sent + timedelta(days=20),
            )
            counts["encaminhamentos"] += 1
        if (i + 1) % batch == 0:
            for copy in copies.values():
                copy.flush(raw)
    for copy in copies.values():
        copy.flush(raw)
    _protocol_counters(numbers)
    return counts


def _protocol_counters(numbers: dict[int, int]) -> None:
    """Continue the protocol numbering after the loaded ones (new manifestações get fresh numbers)."""
    from plataforma.common.models import ProtocolSequence

    for year, last in numbers.items():
        ProtocolSequence.objects.update_or_create(prefix="OUV", year=year, defaults={"last_number": last})
