"""SINFRA: rodovias estaduais (faixa de domínio, AET, problemas em rodovias e pontes)."""

from ...builders import NAO_ESTIMADO, ate, st, svc

_SINFRA = "https://www.sinfra.mt.gov.br/servicos"

SERVICES = {
    "SINFRA": [
        svc(
            "Pedir autorização para uso da faixa de domínio de rodovia estadual",
            pop="faixa de domínio; acesso à rodovia; passar rede na rodovia",
            desc="Empresas e proprietários pedem autorização para acessos, redes de energia, fibra óptica, tubulações e placas na faixa de domínio das rodovias estaduais.",
            aud="empresa cidadao",
            cat="infraestrutura",
            who=[("Empresa ou proprietário lindeiro", "Ter projeto assinado por profissional habilitado.")],
            steps=[
                st(
                    "Envie o projeto",
                    "Envie o projeto com a localização exata e o tipo de ocupação pretendida.",
                    "Projeto de engenharia; ART; Documento do imóvel ou contrato de concessão",
                    [("Taxa de análise de projeto", "420.00")],
                    "web",
                ),
                st(
                    "Receba a autorização",
                    "Aprovado, você assina o termo de permissão de uso.",
                    "",
                    [],
                    "web",
                ),
            ],
            time=ate(60, "dias"),
            url=f"{_SINFRA}/faixa-de-dominio",
            level="prata",
            units="sede",
            laws="ctb",
            kw="faixa de domínio; acesso; rodovia; fibra óptica",
        ),
        svc(
            "Pedir autorização especial de trânsito (AET) em rodovia estadual",
            acronym="AET",
            pop="AET; carga indivisível; excesso de dimensão; carga especial",
            desc="Transportadoras pedem autorização para veículos com peso ou dimensões acima dos limites em rodovias estaduais.",
            aud="empresa",
            cat="infraestrutura transito",
            who=[("Transportadora", "Ter veículo e carga com documentos regulares.")],
            steps=[
                st(
                    "Faça o pedido",
                    "Informe o percurso, o veículo e a carga.",
                    "CRLV do conjunto; Croqui da carga; ART, quando exigido",
                    [("Taxa da AET", "180.00")],
                    "web",
                ),
                st(
                    "Baixe a autorização",
                    "A AET traz o percurso, os horários permitidos e as exigências de escolta, quando houver.",
                    "",
                    [],
                    "web",
                ),
            ],
            time=ate(5, "dias-uteis"),
            valid=(30, "dias"),
            url=f"{_SINFRA}/aet",
            level="prata",
            laws="ctb",
            kw="AET; carga; transporte; excesso de peso",
        ),
        svc(
            "Comunicar problema em rodovia ou ponte estadual",
            pop="buraco na estrada; ponte quebrada; rodovia estadual; MT",
            desc="Informe buracos, pontes danificadas, erosões e falta de sinalização nas rodovias estaduais não concedidas.",
            aud="cidadao",
            cat="infraestrutura",
            who=[("Qualquer pessoa", "Informar a rodovia e a localização aproximada.")],
            steps=[
                st(
                    "Registre o problema",
                    "Envie foto e localização pelo celular.",
                    "Foto, se tiver",
                    [],
                    "web app telefone",
                ),
                st("Acompanhe", "A equipe de manutenção avalia e programa o conserto.", "", [], "web"),
            ],
            time=NAO_ESTIMADO,
            url=f"{_SINFRA}/comunicar-problema",
            laws="13460",
            kw="buraco; estrada; ponte; manutenção; rodovia",
        ),
    ],
}
