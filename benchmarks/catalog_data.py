"""Synthetic but realistic published services for the catalogue benchmark (catalog_bench.py).

Agencies, categories and service units of Mato Grosso, and service names built from an action, an
object (with its popular names and siglas) and a qualifier. `load` bulk-inserts them with the
search columns filled by services.search_fields_for, exactly as publishing does; 2% stay drafts.
Deterministic for a given seed. Needs Django set up (the imports are inside `load`).
"""

from __future__ import annotations

import random
import uuid

AGENCIES = [
    ("Secretaria de Estado de Planejamento e Gestão", "SEPLAG"),
    ("Secretaria de Estado de Fazenda", "SEFAZ"),
    ("Departamento Estadual de Trânsito", "DETRAN-MT"),
    ("Secretaria de Estado de Segurança Pública", "SESP"),
    ("Secretaria de Estado de Saúde", "SES"),
    ("Secretaria de Estado de Educação", "SEDUC"),
    ("Junta Comercial do Estado de Mato Grosso", "JUCEMAT"),
    ("Instituto de Defesa Agropecuária", "INDEA"),
    ("Empresa Mato-grossense de Tecnologia da Informação", "MTI"),
    ("Procuradoria-Geral do Estado", "PGE"),
    ("Controladoria-Geral do Estado", "CGE"),
    ("Secretaria de Estado de Assistência Social e Cidadania", "SETASC"),
    ("Secretaria de Estado de Meio Ambiente", "SEMA"),
    ("Polícia Judiciária Civil", "PJC"),
    ("Corpo de Bombeiros Militar", "CBM"),
    ("Instituto de Terras de Mato Grosso", "INTERMAT"),
    ("Agência Estadual de Regulação dos Serviços Públicos", "AGER"),
    ("Secretaria de Estado de Cultura, Esporte e Lazer", "SECEL"),
    ("Fundação de Amparo à Pesquisa", "FAPEMAT"),
    ("Empresa Mato-grossense de Pesquisa, Assistência e Extensão Rural", "EMPAER"),
]
CATEGORIES = [
    "Trânsito e veículos",
    "Impostos e taxas",
    "Saúde",
    "Educação",
    "Segurança",
    "Meio ambiente",
    "Agropecuária",
    "Empresas e negócios",
    "Trabalho e emprego",
    "Assistência social",
    "Documentos e certidões",
    "Cultura e esporte",
    "Terras e habitação",
    "Servidor público",
    "Ciência e tecnologia",
]
ACTIONS = [
    "Emitir",
    "Solicitar",
    "Consultar",
    "Renovar",
    "Cancelar",
    "Atualizar",
    "Agendar",
    "Requerer",
    "Registrar",
    "Pagar",
    "Parcelar",
    "Acompanhar",
]
OBJECTS = [
    ("licença ambiental", ["licenciamento", "LAS"]),
    ("carteira nacional de habilitação", ["CNH", "carteira de motorista"]),
    ("certidão negativa de débitos", ["CND", "nada consta"]),
    ("carteira de identidade", ["RG", "identidade"]),
    ("inscrição estadual", ["IE", "cadastro de contribuinte"]),
    ("licenciamento anual do veículo", ["CRLV", "documento do carro"]),
    ("imposto sobre veículos", ["IPVA", "imposto do carro"]),
    ("boletim de ocorrência", ["BO", "ocorrência policial"]),
    ("matrícula escolar", ["matrícula", "vaga na escola"]),
    ("guia de trânsito animal", ["GTA", "transporte de gado"]),
    ("alvará de funcionamento", ["alvará", "abertura de empresa"]),
    ("registro de empresa", ["abertura de empresa", "CNPJ"]),
    ("atestado de antecedentes criminais", ["antecedentes", "folha corrida"]),
    ("cartão do SUS", ["cartão SUS", "saúde"]),
    ("medicamento de alto custo", ["farmácia de alto custo", "remédio"]),
    ("benefício de transferência de renda", ["Ser Família", "auxílio"]),
    ("vistoria do Corpo de Bombeiros", ["vistoria", "prevenção de incêndio"]),
    ("título de terra", ["regularização fundiária", "escritura"]),
    ("outorga de uso de água", ["outorga", "poço"]),
    ("contracheque", ["holerite", "folha de pagamento"]),
    ("nota fiscal avulsa", ["NFA-e", "nota fiscal"]),
    ("parcelamento de débitos de ICMS", ["ICMS", "REFIS"]),
    ("bolsa de pesquisa", ["bolsa", "fomento"]),
    ("assistência técnica rural", ["ATER", "extensão rural"]),
]
QUALIFIERS = [
    "",
    "pela internet",
    "para empresas",
    "para pessoa com deficiência",
    "em segunda via",
    "de produtor rural",
    "de servidor aposentado",
    "com isenção",
    "em caráter de urgência",
    "no interior do estado",
]
SENTENCES = [
    "O serviço pode ser solicitado por qualquer pessoa que cumpra os requisitos.",
    "Tenha em mãos os documentos pessoais originais e um comprovante de endereço recente.",
    "O acompanhamento do pedido é feito pelo número de protocolo informado ao final.",
    "Pessoas idosas, gestantes e pessoas com deficiência têm atendimento prioritário.",
    "A análise é feita pela equipe técnica do órgão, que pode pedir informações complementares.",
    "Depois de aprovado, o documento fica disponível para download no portal.",
    "Em caso de dúvida, procure a Ouvidoria Geral do Estado.",
    "A taxa deve ser paga antes do atendimento, por boleto ou PIX.",
    "Unidades do Ganha Tempo atendem de segunda a sexta-feira, das 7h às 19h.",
    "O resultado é comunicado por e-mail e pelo aplicativo MT Cidadão.",
]
CITIES = [
    "Cuiabá",
    "Várzea Grande",
    "Rondonópolis",
    "Sinop",
    "Tangará da Serra",
    "Cáceres",
    "Barra do Garças",
]
UNITS_TIME = ["minutos", "horas", "dias", "dias-uteis", "meses"]


def _content(rng: random.Random, name: str, acronym: str, popular: list[str], category_slugs, unit_ids):
    audiences = rng.sample(["cidadao", "empresa", "servidor"], k=rng.choice([1, 1, 2]))
    is_digital = rng.random() < 0.6
    is_free = rng.random() < 0.55
    kind = rng.choice(["ate", "ate", "entre", "em-media", "imediato", "nao-estimado"])
    unit = rng.choice(UNITS_TIME)
    total_time: dict = {"kind": kind}
    if kind in ("ate", "em-media"):
        total_time.update(max=rng.randint(1, 60), unit=unit)
    elif kind == "entre":
        low = rng.randint(1, 10)
        total_time.update(min=low, max=low + rng.randint(1, 20), unit=unit)
    steps = []
    for i in range(rng.randint(2, 4)):
        steps.append(
            {
                "title": rng.choice(
                    ["Reunir os documentos", "Fazer o pedido", "Pagar a taxa", "Acompanhar o pedido"]
                )
                + f" ({i + 1})",
                "description": " ".join(rng.sample(SENTENCES, 2)),
                "documents": rng.sample(
                    [
                        "Documento de identidade",
                        "CPF",
                        "Comprovante de endereço",
                        "Procuração",
                        "Contrato social",
                    ],
                    k=2,
                ),
                "costs": []
                if is_free or i
                else [
                    {
                        "description": "Taxa de expediente",
                        "value": f"{rng.randint(10, 400)}.{rng.randint(0, 99):02d}",
                    }
                ],
                "channels": [
                    {"type": "web", "description": "Portal de serviços", "address": "https://www.mt.gov.br"},
                    {
                        "type": "presencial",
                        "description": "Ganha Tempo",
                        "estimated_wait": {"kind": "ate", "max": rng.randint(10, 90), "unit": "minutos"},
                    },
                ],
            }
        )
    return {
        "name": name,
        "acronym": acronym,
        "popular_names": popular,
        "description": f"{name}. " + " ".join(rng.sample(SENTENCES, 4)),
        "audiences": audiences,
        "categories": category_slugs,
        "requesters": [{"type": "Cidadão", "requirements": rng.choice(SENTENCES)}],
        "steps": steps,
        "total_time": total_time,
        "is_free": is_free,
        "is_digital": is_digital,
        "digital_url": "https://www.mt.gov.br/servicos" if is_digital else None,
        "min_login_level": rng.choice(["bronze", "prata", "ouro"]),
        "unit_ids": unit_ids,
        "priority_treatment": SENTENCES[3],
        "manifestation_handling": "Pela Ouvidoria Geral do Estado, em até 30 dias (Lei 13.460, art. 16).",
        "status_consultation": SENTENCES[2],
        "keywords": [*popular[1:], rng.choice(["documento", "certidão", "cadastro", "pedido", "taxa"])],
        "legislation": [
            {
                "title": "Lei 13.460/2017",
                "url": "https://www.planalto.gov.br/ccivil_03/_ato2015-2018/2017/lei/l13460.htm",
            }
        ],
    }


def load(count: int, seed: int) -> list[str]:
    """Bulk-load `count` published services; return their slugs."""
    from django.db import transaction
    from django.utils import timezone
    from django.utils.text import slugify

    from plataforma.catalog.content import ServiceContent
    from plataforma.catalog.models import Agency, Category, Service, ServiceUnit, ServiceVersion
    from plataforma.catalog.services import search_fields_for
    from plataforma.common.documents import make_cnpj

    rng = random.Random(seed)
    now = timezone.now()
    with transaction.atomic():
        agencies = Agency.objects.bulk_create(
            Agency(
                name=name,
                acronym=acronym,
                slug=slugify(acronym),
                cnpj=make_cnpj(f"{i + 10:08d}0001"),
                administration="direta",
                ombudsman_email=f"ouvidoria@{slugify(acronym)}.mt.gov.br",
            )
            for i, (name, acronym) in enumerate(AGENCIES)
        )
        categories = Category.objects.bulk_create(Category(name=n, slug=slugify(n)) for n in CATEGORIES)
        units = ServiceUnit.objects.bulk_create(
            ServiceUnit(
                agency=a,
                name=f"{a.acronym} — {city}",
                street="Avenida Historiador Rubens de Mendonça",
                number=str(100 + i),
                city=city,
                opening_hours="Segunda a sexta, das 8h às 17h",
            )
            for a in agencies
            for i, city in enumerate(rng.sample(CITIES, 3))
        )
        units_by_agency: dict = {}
        for u in units:
            units_by_agency.setdefault(u.agency_id, []).append(u)

        services, versions, audience_rows, category_rows, unit_rows = [], [], [], [], []
        seen: set[str] = set()
        Through = Service.audiences.through, Service.categories.through, Service.units.through
        for i in range(count):
            action = rng.choice(ACTIONS)
            obj, popular = rng.choice(OBJECTS)
            qualifier = rng.choice(QUALIFIERS)
            name = " ".join(p for p in (action, obj, qualifier) if p)
            slug = base = slugify(name)[:200]
            n = 2
            while slug in seen:
                slug = f"{base}-{n}"
                n += 1
            seen.add(slug)
            agency = rng.choice(agencies)
            cats = rng.sample(categories, k=rng.choice([1, 2]))
            agency_units = rng.sample(units_by_agency[agency.pk], k=rng.choice([0, 1, 2]))
            acronym = popular[0] if popular[0].isupper() and len(popular[0]) <= 6 else ""
            content = ServiceContent.model_validate(
                _content(
                    rng,
                    name,
                    acronym,
                    [obj.capitalize(), *popular],
                    [c.slug for c in cats],
                    [str(u.pk) for u in agency_units],
                )
            )
            published = i % 50 != 0  # 2% stay drafts: never found
            service_id, version_id = uuid.uuid4(), uuid.uuid4()
            services.append(
                Service(
                    id=service_id,
                    agency=agency,
                    slug=slug,
                    name=content.name,
                    acronym=content.acronym,
                    summary=content.description[:300],
                    is_published=published,
                    published_at=now if published else None,
                    published_version_id=version_id if published else None,
                    is_digital=content.is_digital,
                    is_free=content.is_free,
                    min_login_level=content.min_login_level,
                    last_reviewed_at=now if published else None,
                    **(search_fields_for(content, agency) if published else {}),
                )
            )
            versions.append(
                ServiceVersion(
                    id=version_id,
                    service_id=service_id,
                    number=1,
                    state="published" if published else "draft",
                    content=content.model_dump(mode="json"),
                    published_at=now if published else None,
                )
            )
            if published:
                audience_rows += [Through[0](service_id=service_id, audience_id=a) for a in content.audiences]
                category_rows += [Through[1](service_id=service_id, category_id=c.pk) for c in cats]
                unit_rows += [Through[2](service_id=service_id, serviceunit_id=u.pk) for u in agency_units]
        Service.objects.bulk_create(services, batch_size=1000)
        ServiceVersion.objects.bulk_create(versions, batch_size=1000)
        for model, rows in zip(Through, (audience_rows, category_rows, unit_rows), strict=True):
            model.objects.bulk_create(rows, batch_size=2000)
    return [s.slug for s in services if s.is_published]
