"""The texts every Carta entry states: the §3 quality commitments of Lei 13.460/2017 art. 7
(priority treatment, expected wait, communication channels, how manifestações are handled, how
to consult the status) and the accessibility conditions."""

from __future__ import annotations

from .channels import AgencyInfo, UnitInfo


def expected_wait(channel_types: set[str], spec: dict) -> str:
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


def priority_treatment(spec: dict) -> str:
    """Lei 13.460 art. 7 §3 I. A service may state its own urgency rule first; the legal
    priorities always apply to in-person and telephone attendance."""
    if spec.get("priority"):
        return f"{spec['priority']} {_LEGAL_PRIORITY}"
    return f"{_LEGAL_PRIORITY} A prioridade vale no atendimento presencial e telefônico e não depende de agendamento."


def communication_channels(agency: AgencyInfo) -> str:
    return (
        f"Você recebe avisos sobre o seu pedido pelo aplicativo MT Cidadão e pelo e-mail cadastrado na conta "
        f"MT Login. Para falar com {agency.the}: site {agency.website}, telefone {agency.phone}, "
        f"ou a ouvidoria ({agency.ombudsman_email})."
    )


def manifestation_handling(agency: AgencyInfo) -> str:
    return (
        f"Reclamações, denúncias, sugestões, elogios e pedidos de providência sobre este serviço podem ser "
        f"registrados na Ouvidoria Setorial {agency.of} ({agency.ombudsman_email}, "
        f"{agency.ombudsman_phone}) ou na Ouvidoria-Geral do Estado, da Controladoria-Geral do Estado "
        f"(CGE-MT), pelo portal, pelo aplicativo MT Cidadão ou pelo telefone 162. Você não precisa dizer "
        f"o motivo e pode pedir que sua identidade seja preservada. O registro recebe um número de "
        f"protocolo e a resposta final sai em até 30 dias, prorrogáveis uma vez por igual período, com "
        f"justificativa (Lei nº 13.460/2017, art. 16)."
    )


def status_consultation(spec: dict, agency: AgencyInfo) -> str:
    where = spec.get("url") or agency.website
    return spec.get("status") or (
        f"Acompanhe o andamento do pedido com o número de protocolo em {where} ou no aplicativo MT Cidadão, "
        f"na opção “Minhas solicitações”. A manifestação feita à ouvidoria é acompanhada pelo protocolo, "
        f"no portal da Ouvidoria-Geral do Estado ou pelo telefone 162."
    )


def accessibility_conditions(spec: dict, channel_types: set[str], units: list[UnitInfo]) -> str:
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
