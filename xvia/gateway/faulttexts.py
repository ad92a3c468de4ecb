"""Every ``message`` a gateway fault can carry, in one place.

The integrators of the agencies read these texts (house rule: Brazilian Portuguese, plain
language), so each one says what is wrong and what to do. The ``type`` of a fault stays X-Road's
code; only the text is ours. A fault is built from a key of ``TEXTS`` (``XRoadFault(prefix, code,
key, **params)``), never from free text, so nothing else can reach a caller: the tests check that
every fault in the gateway's code names a key here and that every text reads as Portuguese.

Parameters are only identifiers the caller sent or that global configuration publishes (client,
service, provider, member and server ids), HTTP methods and statuses, and our own limits. Never
exception texts, file paths, backend addresses, request paths or queries (they may carry a CPF),
nor personal data: whatever helps an operator goes to the log, tied to the fault's ``detail``.
"""

from __future__ import annotations

import re
import string

SUPPORT = "se persistir, informe ao suporte do X-VIA o código do campo detail."

TEXTS: dict[str, str] = {
    # --- the IS's request (Client.*) -----------------------------------------------------
    "unknown_path": (
        "Endereço desconhecido: os pedidos REST do X-Road começam com /r1/, no formato "
        "/r1/INSTÂNCIA/CLASSE/MEMBRO/SUBSISTEMA/SERVIÇO seguido do caminho do serviço."
    ),
    "path_too_long": (
        "O caminho do pedido é longo demais (limite de {limit} bytes): envie os dados extensos "
        "no corpo do pedido."
    ),
    "path_malformed": (
        "O caminho do pedido não segue o protocolo REST do X-Road: use "
        "/r1/INSTÂNCIA/CLASSE/MEMBRO/SUBSISTEMA/SERVIÇO seguido do caminho do serviço, com cada "
        "parte em UTF-8 codificada por percentual e sem segmentos vazios, «.» ou «..»."
    ),
    "request_body_slow": (
        "O corpo do pedido parou de chegar por mais de {seconds} s e o pedido foi descartado: "
        "envie-o de novo."
    ),
    "headers_too_large": (
        "Os cabeçalhos do pedido, com a linha do endereço, passam do limite de {limit} bytes: "
        "reduza o tamanho ou a quantidade de cabeçalhos e envie dados extensos no corpo do pedido."
    ),
    "headers_slow": (
        "Os cabeçalhos do pedido não chegaram por completo em {seconds} s e a conexão foi "
        "encerrada: envie o pedido de novo, de uma só vez."
    ),
    "client_header_missing": (
        "O cabeçalho X-Road-Client é obrigatório: informe o subsistema cliente no formato "
        "INSTÂNCIA/CLASSE/MEMBRO/SUBSISTEMA."
    ),
    "client_header_repeated": (
        "O cabeçalho X-Road-Client foi enviado mais de uma vez: envie-o uma única vez, com o "
        "subsistema cliente."
    ),
    "client_header_malformed": (
        "O cabeçalho X-Road-Client não traz um identificador válido: use o formato "
        "INSTÂNCIA/CLASSE/MEMBRO/SUBSISTEMA, com cada parte em UTF-8 codificada por percentual."
    ),
    "client_not_registered": (
        "O cliente {client} não está registrado neste servidor de segurança: confira o cabeçalho "
        "X-Road-Client ou peça ao administrador do servidor que registre o subsistema."
    ),
    "provider_unknown": (
        "O provedor {provider} não consta da configuração global: confira o identificador do "
        "serviço no caminho do pedido."
    ),
    "service_unknown": (
        "O serviço {service} não consta da configuração global: confira o identificador do "
        "serviço (o catálogo de serviços do X-VIA lista os disponíveis)."
    ),
    "access_denied": (
        "O cliente {client} não tem direito de acesso a esta operação ({method}) do serviço "
        "{service}: peça o direito de acesso ao órgão provedor."
    ),
    "personal_headers_required": (
        "Este serviço devolve dados pessoais: informe o CPF do titular no cabeçalho "
        "X-VIA-Data-Subject e a finalidade da consulta no cabeçalho X-VIA-Purpose."
    ),
    "personal_headers_repeated": (
        "Os cabeçalhos X-VIA-Data-Subject e X-VIA-Purpose podem aparecer no máximo uma vez: "
        "envie cada um uma única vez."
    ),
    "data_subject_invalid": (
        "O cabeçalho X-VIA-Data-Subject deve trazer um CPF válido (11 dígitos, com ou sem "
        "pontuação): confira o número informado."
    ),
    "purpose_invalid": (
        "O cabeçalho X-VIA-Purpose deve trazer a finalidade da consulta em texto legível, "
        "em UTF-8, com no máximo 200 caracteres."
    ),
    "message_id_repeated": "O cabeçalho X-Road-Id foi enviado mais de uma vez: envie-o no máximo uma vez.",
    "request_body_too_large": (
        "O corpo do pedido passa do limite de {limit} bytes do servidor de segurança: envie um "
        "corpo menor ou divida os dados em mais de um pedido."
    ),
    "header_not_utf8": (
        "O valor do cabeçalho {name} não é texto ASCII nem UTF-8: envie-o codificado em UTF-8."
    ),
    "client_not_configured": (
        "O subsistema {client} não está configurado neste servidor de segurança e o pedido foi "
        "recusado: peça ao administrador do servidor que inclua o subsistema na configuração "
        "local, com a forma de conexão do seu sistema."
    ),
    "is_https_required": (
        "O subsistema {client} deve se conectar a este servidor de segurança por HTTPS: use o "
        "endereço HTTPS do servidor."
    ),
    "is_certificate_not_allowed": (
        "O subsistema {client} deve apresentar um certificado TLS de cliente cadastrado neste "
        "servidor de segurança: confira o certificado usado ou peça ao administrador do "
        "servidor que o cadastre."
    ),
    "opmon_client_malformed": (
        "O cabeçalho X-Road-Client deve indicar um dos seus subsistemas no formato "
        "INSTÂNCIA/CLASSE/MEMBRO/SUBSISTEMA."
    ),
    "opmon_client_unknown": (
        "O cabeçalho X-Road-Client deve indicar, uma única vez, um subsistema registrado neste "
        "servidor de segurança."
    ),
    "opmon_query_invalid": (
        "Parâmetros inválidos: since e until devem ser datas e horas ISO 8601 (por exemplo, "
        "2026-01-31T12:00:00Z) e limit deve ser um número inteiro."
    ),
    "service_code_required": (
        "Informe o parâmetro serviceCode exatamente uma vez, com o código do serviço (por "
        "exemplo, ?serviceCode=veiculos)."
    ),
    "service_code_malformed": (
        "O parâmetro serviceCode não é um código de serviço válido: use o código que aparece em listMethods."
    ),
    # --- both servers (Server.ClientProxy.* / Server.ServerProxy.*) ------------------------
    "globalconf_outdated": (
        "A configuração global do servidor de segurança está vencida ou ainda não foi obtida, e "
        "o tráfego fica suspenso até a próxima atualização: tente de novo em alguns minutos; "
        "se persistir, avise o administrador do servidor."
    ),
    "message_log_failed": (
        "O servidor de segurança não conseguiu gravar o registro de mensagens e, por isso, não "
        "entregou a resposta (o serviço pode já ter processado o pedido): tente de novo mais "
        "tarde; " + SUPPORT
    ),
    "spool_budget_exhausted": (
        "O servidor de segurança está com dados demais em trânsito neste momento e recusou a "
        "mensagem para não esgotar o seu espaço: tente de novo em alguns instantes; se "
        "persistir, avise o administrador do servidor."
    ),
    # --- the client's server, about the provider (Server.ClientProxy.*) ---------------------
    "no_server_for_provider": (
        "Nenhum servidor de segurança atende o provedor {provider} na configuração global: "
        "tente de novo mais tarde; se persistir, avise o órgão provedor."
    ),
    "peer_unreachable": (
        "Não foi possível conectar a nenhum servidor de segurança do provedor {provider}: tente "
        "de novo mais tarde; se persistir, avise o órgão provedor."
    ),
    "peer_timeout": (
        "O servidor de segurança {server} do provedor não respondeu a tempo: tente de novo mais "
        "tarde; se persistir, avise o órgão provedor."
    ),
    "peer_connection_lost": (
        "A conexão com o servidor de segurança {server} do provedor caiu durante o pedido: "
        "tente de novo mais tarde; se persistir, avise o órgão provedor."
    ),
    "peer_unexpected_answer": (
        "O servidor de segurança {server} do provedor deu uma resposta inesperada (HTTP "
        "{status}): tente de novo mais tarde; se persistir, avise o órgão provedor."
    ),
    "response_too_large": (
        "A resposta do provedor passa do limite de {limit} bytes do servidor de segurança: peça "
        "menos dados por consulta (por exemplo, com paginação)."
    ),
    "response_unsigned": (
        "A resposta do servidor de segurança do provedor chegou sem assinatura e foi descartada: "
        "tente de novo; " + SUPPORT
    ),
    "response_signature_rejected": (
        "A assinatura da resposta do provedor não pôde ser verificada (certificado não "
        "confiável, revogado ou fora da validade) e a resposta foi descartada: " + SUPPORT
    ),
    "response_wrong_signer": (
        "A resposta foi assinada por {member}, e não pelo membro provedor {provider}, e foi "
        "descartada: " + SUPPORT
    ),
    "response_malformed": (
        "A resposta do servidor de segurança do provedor chegou malformada e foi descartada: "
        "tente de novo; " + SUPPORT
    ),
    "response_not_bound": (
        "A resposta recebida não corresponde a este pedido e foi descartada: tente de novo; " + SUPPORT
    ),
    "response_body_mismatch": (
        "O corpo da resposta não confere com a assinatura do provedor e foi descartado: tente "
        "de novo; " + SUPPORT
    ),
    # --- the provider's server (Server.ServerProxy.*) ----------------------------------------
    "wrong_endpoint": (
        "Os servidores de segurança trocam mensagens somente por POST /xvia/v1/message; este "
        "endereço não atende sistemas de informação."
    ),
    "peer_certificate_required": (
        "O servidor de segurança do cliente precisa apresentar o seu certificado de autenticação TLS."
    ),
    "peer_certificate_rejected": (
        "O certificado de autenticação TLS do servidor de segurança do cliente não foi aceito: "
        "ele precisa estar registrado na configuração global, emitido por uma autoridade "
        "certificadora confiável e dentro da validade."
    ),
    "request_unsigned": "O pedido chegou sem a assinatura do servidor de segurança do cliente.",
    "request_signature_rejected": (
        "A assinatura do pedido não pôde ser verificada (certificado de assinatura não "
        "confiável, revogado ou fora da validade): " + SUPPORT
    ),
    "request_malformed": "A descrição assinada do pedido está malformada: " + SUPPORT,
    "request_wrong_sender": (
        "O pedido diz ter sido enviado por outro servidor de segurança, e não por {server}, que "
        "o entregou: " + SUPPORT
    ),
    "request_stale": (
        "O pedido foi assinado há mais de {seconds} s (ou com data futura): confira o relógio "
        "do servidor de segurança do cliente e envie o pedido de novo."
    ),
    "request_replayed": (
        "Este pedido assinado já foi recebido antes e não é aceito de novo: envie um novo pedido."
    ),
    "request_wrong_signer": (
        "O pedido do cliente {client} foi assinado por {member}, e não pelo membro do cliente."
    ),
    "client_not_served_by_peer": (
        "O cliente {client} não é atendido pelo servidor de segurança {server}, que enviou o "
        "pedido, segundo a configuração global."
    ),
    "provider_not_served_here": (
        "O provedor {provider} não é atendido pelo servidor de segurança que recebeu o pedido: "
        "confira o identificador do serviço."
    ),
    "personal_data_missing": (
        "O serviço {service} devolve dados pessoais, e o pedido chegou sem CPF do titular "
        "(X-VIA-Data-Subject) ou sem finalidade (X-VIA-Purpose) válidos: informe os dois "
        "cabeçalhos."
    ),
    "service_without_address": (
        "O serviço {service} ainda não tem endereço configurado no servidor de segurança do "
        "provedor: avise o órgão provedor."
    ),
    "peer_request_too_large": (
        "O corpo do pedido passa do limite de {limit} bytes do servidor de segurança do "
        "provedor: envie um corpo menor ou divida os dados em mais de um pedido."
    ),
    "request_body_mismatch": (
        "O corpo do pedido não confere com a assinatura do cliente e o pedido foi descartado: "
        "tente de novo; " + SUPPORT
    ),
    "service_timeout": (
        "O serviço {service} não respondeu dentro de {seconds} s: tente de novo mais tarde; se "
        "persistir, avise o órgão provedor."
    ),
    "service_unreachable": (
        "O servidor de segurança do provedor não conseguiu acessar o serviço {service}: tente "
        "de novo mais tarde; se persistir, avise o órgão provedor."
    ),
    "service_response_too_large": (
        "A resposta do serviço {service} passa do limite de {limit} bytes do servidor de "
        "segurança do provedor: peça menos dados por consulta (por exemplo, com paginação)."
    ),
    "openapi_unavailable": (
        "A descrição OpenAPI do serviço {service} não está disponível no servidor de segurança "
        "do provedor: peça-a ao órgão provedor."
    ),
}

MAX_PARAM = 200  # an echoed value (a header name, an identifier) never makes a text grow much


def fields(key: str) -> frozenset[str]:
    """The placeholders of a text (the tests check every call passes exactly these)."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(TEXTS[key]) if name)


def render(key: str, params: dict[str, object]) -> str:
    """The text of ``key`` with ``params`` filled in; raises KeyError for an unknown key."""
    text = TEXTS[key]
    if not params:
        return text
    return text.format_map({k: str(v)[:MAX_PARAM] for k, v in params.items()})


def _pattern(text: str) -> re.Pattern[str]:
    parts = []
    for literal, name, _, _ in string.Formatter().parse(text):
        parts.append(re.escape(literal))
        if name:
            parts.append(f".{{1,{MAX_PARAM}}}")
    return re.compile("".join(parts), re.DOTALL)


_PATTERNS = [_pattern(text) for text in TEXTS.values()]


def is_known(message: str) -> bool:
    """True when ``message`` is one of ``TEXTS`` filled in (for tests and the faults we pass on)."""
    return any(p.fullmatch(message) for p in _PATTERNS)
