"""Small helpers that turn the compact, hand-written service facts of the agency modules into
complete Carta content documents (catalog.content.ServiceContent).

An agency module only writes what is specific to a service (name, steps, documents, costs,
time, legislation…). The parts every Carta entry shares are filled in here: the §3 quality
commitments of Lei 13.460/2017 art. 7 (priority treatment, expected wait, communication
channels, how manifestações are handled, how to consult the status), the channels built from
the agency's units, and the accessibility conditions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .agencies import CATEGORY_ALIASES

# --- Compact spec -------------------------------------------------------------------------


def svc(name: str, **facts: Any) -> dict[str, Any]:
    """One service, as written in an agency module. Keys:

    desc, aud ("cidadao empresa"), cat (category slugs), who [(type, requirements)],
    steps [st(...)], time (ate/entre/media/IMEDIATO/NAO_ESTIMADO), acronym, pop ("a; b"),
    valid (None, "indeterminada" or (n, "anos"|"meses"|"dias")), url (digital service),
    level, units ("key key" or "all"), laws ("key key" from LAWS, or (title, url) tuples),
    kw ("a; b"), and optional overrides: wait, status, priority, access.
    """
    return {"name": name, **facts}


def st(title: str, desc: str, docs: str = "", cost: list[tuple] | None = None, ch: str = "") -> dict:
    """One step. docs: "a; b"; cost: [(description, value)] or [(description, None)] for a
    variable cost; ch: channel tokens "web app presencial telefone email postal"."""
    return {"title": title, "desc": desc, "docs": docs, "cost": cost or [], "ch": ch}


def ate(n: int, unit: str) -> dict:
    return {"kind": "ate", "max": n, "unit": unit}


def entre(a: int, b: int, unit: str) -> dict:
    return {"kind": "entre", "min": a, "max": b, "unit": unit}


def media(n: int, unit: str) -> dict:
    return {"kind": "em-media", "max": n, "unit": unit}


IMEDIATO = {"kind": "imediato"}
NAO_ESTIMADO = {"kind": "nao-estimado"}


# --- Legislation shared by many services ---------------------------------------------------

_PLANALTO = "https://www.planalto.gov.br/ccivil_03"
LAWS: dict[str, tuple[str, str | None]] = {
    "13460": (
        "Lei nº 13.460/2017 — direitos dos usuários dos serviços públicos",
        f"{_PLANALTO}/_ato2015-2018/2017/lei/l13460.htm",
    ),
    "14129": ("Lei nº 14.129/2021 — Governo Digital", f"{_PLANALTO}/_ato2019-2022/2021/lei/l14129.htm"),
    "10048": ("Lei nº 10.048/2000 — atendimento prioritário", f"{_PLANALTO}/leis/l10048.htm"),
    "idoso": ("Lei nº 10.741/2003 — Estatuto da Pessoa Idosa", f"{_PLANALTO}/leis/2003/l10.741.htm"),
    "lbi": (
        "Lei nº 13.146/2015 — Lei Brasileira de Inclusão da Pessoa com Deficiência",
        f"{_PLANALTO}/_ato2015-2018/2015/lei/l13146.htm",
    ),
    "lai": (
        "Lei nº 12.527/2011 — Lei de Acesso à Informação",
        f"{_PLANALTO}/_ato2011-2014/2011/lei/l12527.htm",
    ),
    "lgpd": (
        "Lei nº 13.709/2018 — Lei Geral de Proteção de Dados Pessoais",
        f"{_PLANALTO}/_ato2015-2018/2018/lei/l13709.htm",
    ),
    "ctb": ("Lei nº 9.503/1997 — Código de Trânsito Brasileiro", f"{_PLANALTO}/leis/l9503compilado.htm"),
    "contran789": ("Resolução CONTRAN nº 789/2020 — processo de habilitação de condutores", None),
    "sus": ("Lei nº 8.080/1990 — Lei Orgânica da Saúde (SUS)", f"{_PLANALTO}/leis/l8080.htm"),
    "ldb": (
        "Lei nº 9.394/1996 — Lei de Diretrizes e Bases da Educação Nacional",
        f"{_PLANALTO}/leis/l9394.htm",
    ),
    "eca": ("Lei nº 8.069/1990 — Estatuto da Criança e do Adolescente", f"{_PLANALTO}/leis/l8069.htm"),
    "loas": ("Lei nº 8.742/1993 — Lei Orgânica da Assistência Social", f"{_PLANALTO}/leis/l8742.htm"),
    "cdc": ("Lei nº 8.078/1990 — Código de Defesa do Consumidor", f"{_PLANALTO}/leis/l8078compilado.htm"),
    "dec2181": (
        "Decreto nº 2.181/1997 — Sistema Nacional de Defesa do Consumidor",
        f"{_PLANALTO}/decreto/d2181.htm",
    ),
    "8934": ("Lei nº 8.934/1994 — Registro Público de Empresas Mercantis", f"{_PLANALTO}/leis/l8934.htm"),
    "dec1800": (
        "Decreto nº 1.800/1996 — regulamento do registro de empresas",
        f"{_PLANALTO}/decreto/d1800.htm",
    ),
    "redesim": ("Lei nº 11.598/2007 — Redesim", f"{_PLANALTO}/_ato2007-2010/2007/lei/l11598.htm"),
    "14195": (
        "Lei nº 14.195/2021 — melhoria do ambiente de negócios",
        f"{_PLANALTO}/_ato2019-2022/2021/lei/l14195.htm",
    ),
    "lc123": (
        "Lei Complementar nº 123/2006 — Estatuto da Microempresa e da Empresa de Pequeno Porte",
        f"{_PLANALTO}/leis/lcp/lcp123.htm",
    ),
    "lc87": ("Lei Complementar nº 87/1996 — ICMS (Lei Kandir)", f"{_PLANALTO}/leis/lcp/lcp87.htm"),
    "ctn": ("Lei nº 5.172/1966 — Código Tributário Nacional", f"{_PLANALTO}/leis/l5172compilado.htm"),
    "lef": ("Lei nº 6.830/1980 — cobrança judicial da dívida ativa", f"{_PLANALTO}/leis/l6830.htm"),
    "protesto": (
        "Lei nº 9.492/1997 — protesto de títulos e outros documentos de dívida",
        f"{_PLANALTO}/leis/l9492.htm",
    ),
    "icms-mt": ("Lei estadual nº 7.098/1998 — ICMS em Mato Grosso", None),
    "ipva-mt": ("Lei estadual nº 7.301/2000 — IPVA em Mato Grosso", None),
    "itcd-mt": ("Lei estadual nº 7.850/2002 — ITCD em Mato Grosso", None),
    "estatuto-mt": (
        "Lei Complementar estadual nº 04/1990 — Estatuto dos Servidores Públicos Civis de Mato Grosso",
        None,
    ),
    "mtprev": ("Lei Complementar estadual nº 560/2014 — cria o MTPREV", None),
    "ec103": (
        "Emenda Constitucional nº 103/2019 — reforma da previdência",
        f"{_PLANALTO}/constituicao/emendas/emc/emc103.htm",
    ),
    "9717": ("Lei nº 9.717/1998 — regimes próprios de previdência", f"{_PLANALTO}/leis/l9717.htm"),
    "florestal": ("Lei nº 12.651/2012 — Código Florestal", f"{_PLANALTO}/_ato2011-2014/2012/lei/l12651.htm"),
    "pnma": ("Lei nº 6.938/1981 — Política Nacional do Meio Ambiente", f"{_PLANALTO}/leis/l6938.htm"),
    "lc140": ("Lei Complementar nº 140/2011 — competências ambientais", f"{_PLANALTO}/leis/lcp/lcp140.htm"),
    "aguas": ("Lei nº 9.433/1997 — Política Nacional de Recursos Hídricos", f"{_PLANALTO}/leis/l9433.htm"),
    "codigo-ambiental-mt": ("Lei Complementar estadual nº 38/1995 — Código Estadual do Meio Ambiente", None),
    "lc592": ("Lei Complementar estadual nº 592/2017 — Programa de Regularização Ambiental e CAR", None),
    "aguas-mt": ("Lei estadual nº 6.945/1997 — Política Estadual de Recursos Hídricos", None),
    "dec24548": (
        "Decreto nº 24.548/1934 — Regulamento do Serviço de Defesa Sanitária Animal",
        f"{_PLANALTO}/decreto/1930-1949/d24548.htm",
    ),
    "suasa": (
        "Decreto nº 5.741/2006 — Sistema Unificado de Atenção à Sanidade Agropecuária",
        f"{_PLANALTO}/_ato2004-2006/2006/decreto/d5741.htm",
    ),
    "riispoa": (
        "Decreto nº 9.013/2017 — RIISPOA (inspeção de produtos de origem animal)",
        f"{_PLANALTO}/_ato2015-2018/2017/decreto/d9013.htm",
    ),
    "agrotoxicos": (
        "Lei nº 14.785/2023 — agrotóxicos e produtos de controle ambiental",
        f"{_PLANALTO}/_ato2023-2026/2023/lei/l14785.htm",
    ),
    "sementes": (
        "Lei nº 10.711/2003 — Sistema Nacional de Sementes e Mudas",
        f"{_PLANALTO}/leis/2003/l10.711.htm",
    ),
    "identidade": ("Lei nº 7.116/1983 — carteiras de identidade", f"{_PLANALTO}/leis/l7116.htm"),
    "cin": (
        "Decreto nº 10.977/2022 — Carteira de Identidade Nacional",
        f"{_PLANALTO}/_ato2019-2022/2022/decreto/D10977.htm",
    ),
    "14534": (
        "Lei nº 14.534/2023 — CPF como número único de identificação",
        f"{_PLANALTO}/_ato2023-2026/2023/lei/l14534.htm",
    ),
    "maria-da-penha": (
        "Lei nº 11.340/2006 — Lei Maria da Penha",
        f"{_PLANALTO}/_ato2004-2006/2006/lei/l11340.htm",
    ),
    "kiss": (
        "Lei nº 13.425/2017 — prevenção e combate a incêndio (Lei Kiss)",
        f"{_PLANALTO}/_ato2015-2018/2017/lei/l13425.htm",
    ),
    "anticorrupcao": (
        "Lei nº 12.846/2013 — Lei Anticorrupção",
        f"{_PLANALTO}/_ato2011-2014/2013/lei/l12846.htm",
    ),
    "licitacoes": (
        "Lei nº 14.133/2021 — licitações e contratos administrativos",
        f"{_PLANALTO}/_ato2019-2022/2021/lei/l14133.htm",
    ),
    "reurb": (
        "Lei nº 13.465/2017 — regularização fundiária",
        f"{_PLANALTO}/_ato2015-2018/2017/lei/l13465.htm",
    ),
    "concessoes": (
        "Lei nº 8.987/1995 — concessões e permissões de serviços públicos",
        f"{_PLANALTO}/leis/l8987cons.htm",
    ),
    "saneamento": (
        "Lei nº 11.445/2007 — diretrizes do saneamento básico",
        f"{_PLANALTO}/_ato2007-2010/2007/lei/l11445.htm",
    ),
    "bolsa-familia": (
        "Lei nº 14.601/2023 — Programa Bolsa Família",
        f"{_PLANALTO}/_ato2023-2026/2023/lei/l14601.htm",
    ),
    "icp": ("Medida Provisória nº 2.200-2/2001 — ICP-Brasil", f"{_PLANALTO}/mpv/antigas_2001/2200-2.htm"),
    "cultura-rouanet": (
        "Lei nº 14.399/2022 — Política Nacional Aldir Blanc de Fomento à Cultura",
        f"{_PLANALTO}/_ato2019-2022/2022/lei/l14399.htm",
    ),
    "ater": (
        "Lei nº 12.188/2010 — Política Nacional de Assistência Técnica e Extensão Rural",
        f"{_PLANALTO}/_ato2007-2010/2010/lei/l12188.htm",
    ),
    "agricultura-familiar": (
        "Lei nº 11.326/2006 — Política Nacional da Agricultura Familiar",
        f"{_PLANALTO}/_ato2004-2006/2006/lei/l11326.htm",
    ),
    "carta-mt": ("Decreto estadual nº 797/2021 — Carta de Serviços ao Usuário em Mato Grosso", None),
    "transplantes": ("Lei nº 9.434/1997 — transplante de órgãos e tecidos", f"{_PLANALTO}/leis/l9434.htm"),
    "cartao-sus": ("Portaria GM/MS nº 940/2011 — Sistema Cartão Nacional de Saúde", None),
    "ceaf": ("Portaria GM/MS nº 1.554/2013 — Componente Especializado da Assistência Farmacêutica", None),
    "estagio": (
        "Lei nº 11.788/2008 — estágio de estudantes",
        f"{_PLANALTO}/_ato2007-2010/2008/lei/l11788.htm",
    ),
    "pcd-iptu": (
        "Lei nº 8.989/1995 — isenção para veículos de pessoas com deficiência",
        f"{_PLANALTO}/leis/l8989.htm",
    ),
}


# --- Building the full content --------------------------------------------------------------


@dataclass(frozen=True)
class AgencyInfo:
    acronym: str
    name: str
    website: str
    phone: str
    ombudsman_email: str
    ombudsman_phone: str
    phone_note: str = "Central de atendimento, em dias úteis"
    feminine: bool = False  # "a SEFAZ", "da SEFAZ"; "o DETRAN-MT", "do DETRAN-MT"

    @property
    def the(self) -> str:
        return f"{'a' if self.feminine else 'o'} {self.acronym}"

    @property
    def of(self) -> str:
        return f"{'da' if self.feminine else 'do'} {self.acronym}"


@dataclass(frozen=True)
class UnitInfo:
    id: str
    name: str
    address: str
    hours: str
    phone: str


@dataclass
class Built:
    content: dict[str, Any]
    unit_ids: list[str] = field(default_factory=list)


_WAIT = {
    "web": IMEDIATO,
    "app": IMEDIATO,
    "presencial": ate(30, "minutos"),
    "telefone": ate(10, "minutos"),
    "email": ate(2, "dias-uteis"),
    "postal": ate(10, "dias-uteis"),
}
MT_CIDADAO = "https://www.mt.gov.br/mt-cidadao"


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def _channels(tokens: str, spec: dict, agency: AgencyInfo, units: list[UnitInfo]) -> list[dict]:
    channels: list[dict] = []
    for kind in tokens.split():
        if kind == "web":
            url = spec.get("url") or agency.website
            channels.append(
                {"type": "web", "description": f"Pela internet, no site {agency.of}", "address": url}
            )
        elif kind == "app":
            channels.append(
                {
                    "type": "aplicativo-movel",
                    "description": "Pelo aplicativo MT Cidadão, com a sua conta MT Login",
                    "address": MT_CIDADAO,
                }
            )
        elif kind == "presencial":
            if not units:  # pragma: no cover - a mistake in the hand-written data
                raise ValueError(f"atendimento presencial sem unidade: {spec['name']}")
            if len(units) == 1:
                only = units[0]
                description = f"{only.name}. {only.hours}."
                address = only.address
            else:
                description = "Atendimento presencial em: " + "; ".join(u.name for u in units) + "."
                address = ""
            if spec.get("schedule", True):
                description += " Agende o atendimento antes de ir, pelo site ou pelo MT Cidadão."
            channels.append({"type": "presencial", "description": description[:1000], "address": address})
        elif kind == "telefone":
            channels.append(
                {
                    "type": "telefone",
                    "description": agency.phone_note,
                    "address": agency.phone,
                }
            )
        elif kind == "email":
            channels.append(
                {
                    "type": "e-mail",
                    "description": "Envio de documentos por e-mail",
                    "address": spec.get("email")
                    or agency.ombudsman_email.replace("ouvidoria@", "atendimento@"),
                }
            )
        elif kind == "postal":
            channels.append(
                {
                    "type": "postal",
                    "description": "Entrega pelos Correios no endereço informado",
                    "address": "",
                }
            )
        else:  # pragma: no cover - a typo in the hand-written data
            raise ValueError(f"canal desconhecido: {kind}")
        channels[-1]["estimated_wait"] = _WAIT[kind]
    return channels


def _default_channels(spec: dict, units: list[UnitInfo]) -> str:
    tokens = []
    if spec.get("url"):
        tokens.append("web")
    if units:
        tokens.append("presencial")
    return " ".join(tokens) or "telefone"


def _cost(item: tuple) -> dict:
    description, value = item[0], item[1]
    if value is None:
        return {"description": description, "value": None, "variable": True}
    return {
        "description": description,
        "value": str(Decimal(str(value)).quantize(Decimal("0.01"))),
        "variable": False,
    }


def _legislation(laws: Any) -> list[dict]:
    result: list[dict] = []
    items = laws.split() if isinstance(laws, str) else list(laws)
    for item in [*items, "13460"]:
        title, url = LAWS[item] if isinstance(item, str) else item
        entry = {"title": title, "url": url}
        if entry not in result:
            result.append(entry)
    return result


def _validity(valid: Any) -> dict:
    if valid is None:
        return {"kind": "nao-se-aplica"}
    if valid == "indeterminada":
        return {"kind": "indeterminada"}
    quantity, unit = valid
    return {"kind": "determinada", "quantity": quantity, "unit": unit}


def _expected_wait(channel_types: set[str], spec: dict) -> str:
    if spec.get("wait"):
        return spec["wait"]
    parts = []
    if channel_types & {"web", "aplicativo-movel"}:
        parts.append(
            "Pela internet e pelo aplicativo, o pedido é registrado na hora, a qualquer dia e horário."
        )
    if "presencial" in channel_types:
        parts.append(
            "No atendimento presencial com agendamento, a espera prevista é de até 30 minutos a partir do "
            "horário marcado; sem agendamento, até 1 hora, conforme a ordem de chegada e as prioridades legais."
        )
    if "telefone" in channel_types:
        parts.append("Pelo telefone, a espera prevista na fila de atendimento é de até 10 minutos.")
    return " ".join(parts) or "Não há fila de espera: o pedido é registrado na hora."


_LEGAL_PRIORITY = (
    "Têm atendimento prioritário, na forma da Lei nº 10.048/2000 e do Estatuto da Pessoa Idosa "
    "(Lei nº 10.741/2003): pessoas com 60 anos ou mais (e, entre elas, com prioridade especial, as "
    "com 80 anos ou mais), gestantes, lactantes, pessoas com criança de colo, pessoas com deficiência, "
    "pessoas com transtorno do espectro autista, pessoas obesas e doadores de sangue."
)


def _priority(spec: dict) -> str:
    """Lei 13.460 art. 7 §3 I. A service may state its own urgency rule first; the legal
    priorities always apply to in-person and telephone attendance."""
    if spec.get("priority"):
        return f"{spec['priority']} {_LEGAL_PRIORITY}"
    return f"{_LEGAL_PRIORITY} A prioridade vale no atendimento presencial e telefônico e não depende de agendamento."


def _communication(agency: AgencyInfo) -> str:
    return (
        f"Você recebe avisos sobre o seu pedido pelo aplicativo MT Cidadão e pelo e-mail cadastrado na conta "
        f"MT Login. Para falar com {agency.the}: site {agency.website}, telefone {agency.phone}, "
        f"ou a ouvidoria ({agency.ombudsman_email})."
    )


def _manifestation(agency: AgencyInfo) -> str:
    return (
        f"Reclamações, denúncias, sugestões, elogios e pedidos de providência sobre este serviço podem ser "
        f"registrados na Ouvidoria Setorial {agency.of} ({agency.ombudsman_email}, "
        f"{agency.ombudsman_phone}) ou na Ouvidoria-Geral do Estado, da Controladoria-Geral do Estado "
        f"(CGE-MT), pelo portal, pelo aplicativo MT Cidadão ou pelo telefone 162. Você não precisa dizer "
        f"o motivo e pode pedir que sua identidade seja preservada. O registro recebe um número de "
        f"protocolo e a resposta final sai em até 30 dias, prorrogáveis uma vez por igual período, com "
        f"justificativa (Lei nº 13.460/2017, art. 16)."
    )


def _status(spec: dict, agency: AgencyInfo) -> str:
    where = spec.get("url") or agency.website
    return spec.get("status") or (
        f"Acompanhe o andamento do pedido com o número de protocolo em {where} ou no aplicativo MT Cidadão, "
        f"na opção “Minhas solicitações”. A manifestação feita à ouvidoria é acompanhada pelo protocolo, "
        f"no portal da Ouvidoria-Geral do Estado ou pelo telefone 162."
    )


def _accessibility(spec: dict, channel_types: set[str], units: list[UnitInfo]) -> str:
    if spec.get("access"):
        return spec["access"]
    parts = []
    if channel_types & {"web", "aplicativo-movel"}:
        parts.append(
            "O site e o aplicativo seguem o Modelo de Acessibilidade em Governo Eletrônico (eMAG): funcionam "
            "com leitores de tela, navegação pelo teclado e alto contraste."
        )
    if units:
        parts.append(
            "As unidades presenciais têm entrada sem degraus ou com rampa, banheiro adaptado e assentos "
            "preferenciais; atendimento em Libras pode ser agendado com 2 dias úteis de antecedência."
        )
    if "telefone" in channel_types:
        parts.append(
            "Pessoas com deficiência auditiva ou de fala podem pedir o atendimento por escrito, pelo site ou "
            "pela ouvidoria."
        )
    return " ".join(parts)


def build_content(spec: dict, agency: AgencyInfo, agency_units: dict[str, UnitInfo]) -> dict[str, Any]:
    """The whole Carta content document (catalog.content.ServiceContent as JSON-able dict)."""
    unit_keys = spec.get("units", "")
    if unit_keys == "all":
        units = list(agency_units.values())
    else:
        units = [agency_units[key] for key in unit_keys.split()]
    steps = []
    for step in spec["steps"]:
        tokens = step["ch"] or _default_channels(spec, units)
        steps.append(
            {
                "title": step["title"],
                "description": step["desc"],
                "documents": _split(step["docs"]),
                "costs": [_cost(c) for c in step["cost"]],
                "channels": _channels(tokens, spec, agency, units if "presencial" in tokens.split() else []),
            }
        )
    channel_types = {ch["type"] for s in steps for ch in s["channels"]}
    used_unit_ids = [u.id for u in units] if "presencial" in channel_types else []
    is_free = not any(s["costs"] for s in steps)
    # Digital (gov.br servicoDigital) when it is requested online and no step needs a visit in person.
    is_digital = bool(spec.get("url")) and all(
        any(ch["type"] != "presencial" for ch in s["channels"]) for s in steps
    )
    return {
        "name": spec["name"],
        "acronym": spec.get("acronym", ""),
        "popular_names": _split(spec.get("pop", "")),
        "description": spec["desc"],
        "audiences": spec["aud"].split(),
        "categories": [CATEGORY_ALIASES[c] for c in spec["cat"].split()],
        "requesters": [{"type": t, "requirements": r} for t, r in spec["who"]],
        "steps": steps,
        "total_time": spec["time"],
        "is_free": is_free,
        "document_validity": _validity(spec.get("valid")),
        "is_digital": is_digital,
        "digital_url": spec.get("url") if is_digital else None,
        "min_login_level": spec.get("level", "bronze"),
        "unit_ids": used_unit_ids,
        "priority_treatment": _priority(spec),
        "expected_wait": _expected_wait(channel_types, spec),
        "communication_channels": _communication(agency),
        "manifestation_handling": _manifestation(agency),
        "status_consultation": _status(spec, agency),
        "accessibility_conditions": _accessibility(
            spec, channel_types, units if "presencial" in channel_types else []
        ),
        "legislation": _legislation(spec.get("laws", "")),
        "keywords": _split(spec.get("kw", "")),
    }
