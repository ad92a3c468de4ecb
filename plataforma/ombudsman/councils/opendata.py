"""Open data of the councils (Lei 13.460 art. 18; Lei 14.129 arts. 29-37): councils, members
(masked names), consultations and published opinions, as CSV and JSON at public addresses, with a
dictionary of columns on /conselhos-de-usuarios/dados/.

CSV: UTF-8 with BOM, comma separator, CRLF line ends, empty cell for "no value", true/false for
flags. JSON: {"gerado_em", "conjunto", "colunas", "itens", "total"}, null for "no value".
Opinions appear only once their consultation's deadline has passed; members only by masked name.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plataforma.common.authcodes import mask_name

from .models import Consultation, ConsultationState, Council, Membership, Opinion

MAX_ROWS = 50_000


@dataclass(frozen=True)
class Column:
    name: str
    description: object
    get: Callable[[Any], Any]


def _date(value):
    return value.isoformat() if value else None


def _moment(value):
    return timezone.localtime(value).isoformat() if value else None


def _councils():
    today = timezone.localdate()
    active = Q(memberships__starts_on__lte=today, memberships__ends_on__gte=today) & (
        Q(memberships__ended_on__isnull=True) | Q(memberships__ended_on__gt=today)
    )
    return (
        Council.objects.select_related("agency")
        .prefetch_related("services", "categories")
        .annotate(members_now=Count("memberships", filter=active, distinct=True))
        .order_by("agency__acronym", "name")
    )


def _members():
    return Membership.objects.select_related("council__agency", "category", "person", "call").order_by(
        "council__slug", "-starts_on", "pk"
    )


def _consultations():
    return (
        Consultation.objects.filter(state=ConsultationState.OPEN, deadline__lte=timezone.now())
        .select_related("council__agency", "service")
        .annotate(
            n_opinions=Count("opinions", distinct=True),
            n_favor=Count("opinions", filter=Q(opinions__vote="favor"), distinct=True),
            n_contra=Count("opinions", filter=Q(opinions__vote="contra"), distinct=True),
            n_abstencao=Count("opinions", filter=Q(opinions__vote="abstencao"), distinct=True),
        )
        .order_by("-deadline", "pk")
    )


def _opinions():
    return (
        Opinion.objects.filter(
            consultation__state=ConsultationState.OPEN, consultation__deadline__lte=timezone.now()
        )
        .select_related("consultation__council", "membership__person", "membership__category")
        .order_by("-consultation__deadline", "consultation_id", "created_at")
    )


DATASETS: dict[str, dict] = {
    "conselhos": {
        "title": _("Conselhos de usuários"),
        "rows": _councils,
        "columns": [
            Column("id", _("Identificador do conselho"), lambda c: str(c.pk)),
            Column("endereco", _("Endereço do conselho no portal"), lambda c: c.slug),
            Column("nome", _("Nome do conselho"), lambda c: c.name),
            Column("orgao_sigla", _("Sigla do órgão"), lambda c: c.agency.acronym),
            Column("orgao_nome", _("Nome do órgão"), lambda c: c.agency.name),
            Column(
                "servicos",
                _("Serviços acompanhados (endereços separados por ponto e vírgula; vazio = todos do órgão)"),
                lambda c: ";".join(sorted(s.slug for s in c.services.all())),
            ),
            Column("mandato_meses", _("Duração do mandato, em meses"), lambda c: c.mandate_months),
            Column(
                "vagas_titulares", _("Vagas de titular"), lambda c: sum(x.seats for x in c.categories.all())
            ),
            Column(
                "vagas_suplentes",
                _("Vagas de suplente"),
                lambda c: sum(x.substitutes for x in c.categories.all()),
            ),
            Column(
                "categorias",
                _(
                    "Categorias de representação com vagas "
                    "(nome:titulares:suplentes, separadas por ponto e vírgula)"
                ),
                lambda c: ";".join(f"{x.name}:{x.seats}:{x.substitutes}" for x in c.categories.all()),
            ),
            Column("membros_em_exercicio", _("Membros com mandato em vigor hoje"), lambda c: c.members_now),
            Column("ativo", _("Conselho ativo"), lambda c: c.is_active),
        ],
    },
    "membros": {
        "title": _("Membros dos conselhos (nomes abreviados)"),
        "rows": _members,
        "columns": [
            Column("conselho", _("Endereço do conselho no portal"), lambda m: m.council.slug),
            Column("orgao_sigla", _("Sigla do órgão"), lambda m: m.council.agency.acronym),
            Column(
                "nome",
                _("Nome do membro, abreviado (só as iniciais)"),
                lambda m: mask_name(m.person.display_name),
            ),
            Column("categoria", _("Categoria de representação"), lambda m: m.category.name),
            Column("chamamento", _("Chamamento público que escolheu o membro"), lambda m: str(m.call.title)),
            Column("inicio_mandato", _("Início do mandato (AAAA-MM-DD)"), lambda m: _date(m.starts_on)),
            Column("fim_mandato", _("Fim previsto do mandato (AAAA-MM-DD)"), lambda m: _date(m.ends_on)),
            Column(
                "encerrado_em",
                _("Data em que o mandato foi encerrado antes do fim"),
                lambda m: _date(m.ended_on),
            ),
            Column(
                "motivo_encerramento",
                _("Motivo do encerramento antecipado (renúncia ou desligamento)"),
                lambda m: m.get_end_reason_display() if m.end_reason else None,
            ),
            Column(
                "suplente_convocado",
                _("Suplente chamado para completar um mandato"),
                lambda m: m.replaces_id is not None,
            ),
            Column(
                "em_exercicio",
                _("Mandato em vigor hoje"),
                lambda m: m.is_active_on(timezone.localdate()),
            ),
        ],
    },
    "consultas": {
        "title": _("Consultas aos conselhos (prazo encerrado)"),
        "rows": _consultations,
        "columns": [
            Column("id", _("Identificador da consulta"), lambda c: str(c.pk)),
            Column("conselho", _("Endereço do conselho no portal"), lambda c: c.council.slug),
            Column("orgao_sigla", _("Sigla do órgão"), lambda c: c.council.agency.acronym),
            Column("assunto", _("Assunto"), lambda c: c.subject),
            Column("pergunta", _("Pergunta ao conselho"), lambda c: c.question),
            Column(
                "servico",
                _("Endereço do serviço relacionado"),
                lambda c: c.service.slug if c.service else None,
            ),
            Column("prazo", _("Prazo dos pareceres (data e hora, ISO 8601)"), lambda c: _moment(c.deadline)),
            Column("pediu_voto", _("A consulta pediu voto"), lambda c: c.asks_vote),
            Column("pareceres", _("Número de pareceres"), lambda c: c.n_opinions),
            Column("votos_a_favor", _("Votos a favor"), lambda c: c.n_favor if c.asks_vote else None),
            Column("votos_contra", _("Votos contra"), lambda c: c.n_contra if c.asks_vote else None),
            Column("abstencoes", _("Abstenções"), lambda c: c.n_abstencao if c.asks_vote else None),
            Column(
                "resposta_do_orgao", _("Resposta do órgão e medidas adotadas"), lambda c: c.response or None
            ),
            Column("respondida_em", _("Data da resposta do órgão"), lambda c: _moment(c.responded_at)),
        ],
    },
    "pareceres": {
        "title": _("Pareceres dos membros (consultas com prazo encerrado)"),
        "rows": _opinions,
        "columns": [
            Column("consulta", _("Identificador da consulta"), lambda o: str(o.consultation_id)),
            Column("conselho", _("Endereço do conselho no portal"), lambda o: o.consultation.council.slug),
            Column("assunto", _("Assunto da consulta"), lambda o: o.consultation.subject),
            Column(
                "membro",
                _("Nome do membro, abreviado"),
                lambda o: mask_name(o.membership.person.display_name),
            ),
            Column(
                "categoria", _("Categoria de representação do membro"), lambda o: o.membership.category.name
            ),
            Column(
                "voto", _("Voto (favor, contra, abstencao; vazio se não pedido)"), lambda o: o.vote or None
            ),
            Column("parecer", _("Texto do parecer"), lambda o: o.text),
            Column("dado_em", _("Data e hora do parecer (ISO 8601)"), lambda o: _moment(o.updated_at)),
        ],
    },
}


def rows(name: str) -> Iterable[list]:
    dataset = DATASETS[name]
    columns = dataset["columns"]
    for item in dataset["rows"]()[:MAX_ROWS].iterator(chunk_size=500):
        yield [column.get(item) for column in columns]


def render_csv(name: str) -> str:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.name for c in DATASETS[name]["columns"]])
    for row in rows(name):
        writer.writerow(
            ["" if v is None else ("true" if v is True else "false" if v is False else v) for v in row]
        )
    return out.getvalue()


def render_json(name: str) -> str:
    columns = DATASETS[name]["columns"]
    items = [dict(zip([c.name for c in columns], row, strict=True)) for row in rows(name)]
    document = {
        "gerado_em": timezone.localtime().isoformat(),
        "conjunto": name,
        "colunas": [{"nome": c.name, "descricao": str(c.description)} for c in columns],
        "itens": items,
        "total": len(items),
    }
    return json.dumps(document, ensure_ascii=False, cls=DjangoJSONEncoder)
