"""Procon-MT: defesa do consumidor (reclamações contra empresas)."""

from ...builders import IMEDIATO, ate, st, svc

_PROCON = "https://www.procon.mt.gov.br/servicos"

SERVICES = {
    "PROCON-MT": [
        svc(
            "Registrar reclamação contra empresa (Procon)",
            pop="Procon; reclamar de empresa; direito do consumidor; reclamação",
            desc="Registre reclamação contra empresa que desrespeitou seus direitos de consumidor: cobrança indevida, produto com defeito, serviço não prestado. O Procon notifica a empresa e busca um acordo.",
            aud="cidadao",
            cat="cidadania",
            who=[
                (
                    "Consumidor",
                    "Ter tentado resolver antes com a empresa, quando possível, e guardar o número do protocolo.",
                )
            ],
            steps=[
                st(
                    "Registre a reclamação",
                    "Conte o problema e o que você espera da empresa.",
                    "Documento de identidade; Nota fiscal, contrato ou comprovante; Protocolos de atendimento da empresa",
                    [],
                    "web app presencial",
                ),
                st("Aguarde a resposta da empresa", "A empresa tem 10 dias para responder.", "", [], "web"),
                st(
                    "Participe da audiência, se houver",
                    "Sem acordo, o Procon pode marcar audiência de conciliação e abrir processo administrativo.",
                    "",
                    [],
                    "presencial web",
                ),
            ],
            time=ate(60, "dias"),
            url=f"{_PROCON}/reclamacao",
            units="sede gt-cuiaba gt-vg gt-roo",
            laws="cdc dec2181",
            kw="consumidor; reclamação; cobrança indevida; defeito; Procon",
        ),
        svc(
            "Consultar o cadastro de reclamações contra empresas",
            pop="ranking de reclamações; empresa confiável; cadastro de reclamações fundamentadas",
            desc="Antes de comprar, consulte quantas reclamações uma empresa recebeu no Procon e se foram resolvidas.",
            aud="cidadao empresa",
            cat="cidadania empresas",
            who=[("Qualquer pessoa", "Não há requisito.")],
            steps=[
                st("Consulte", "Busque pelo nome ou CNPJ da empresa.", "", [], "web"),
                st(
                    "Registre a sua reclamação, se precisar",
                    "Se tiver problema com a empresa, registre reclamação no Procon.",
                    "",
                    [],
                    "web",
                ),
            ],
            time=IMEDIATO,
            url=f"{_PROCON}/cadastro-reclamacoes",
            laws="cdc dec2181",
            kw="ranking; reclamações; consulta; empresa",
        ),
        svc(
            "Responder a reclamação de consumidor no Procon",
            pop="notificação do Procon; responder Procon; defesa de fornecedor",
            desc="Empresas notificadas pelo Procon Estadual respondem às reclamações e acompanham os processos pela internet.",
            aud="empresa",
            cat="empresas cidadania",
            who=[("Empresa notificada", "Ser representada por sócio, procurador ou preposto cadastrado.")],
            steps=[
                st(
                    "Cadastre o representante",
                    "Cadastre quem vai responder pela empresa.",
                    "Contrato social; Procuração ou carta de preposto",
                    [],
                    "web",
                ),
                st("Responda no prazo", "Responda em até 10 dias a partir da notificação.", "", [], "web"),
            ],
            time=ate(10, "dias"),
            url=f"{_PROCON}/fornecedor",
            level="prata",
            laws="cdc dec2181",
            kw="fornecedor; notificação; defesa; acordo",
        ),
    ],
}
