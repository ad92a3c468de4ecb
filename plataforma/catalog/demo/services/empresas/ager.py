"""AGER: regulação do transporte intermunicipal de passageiros and das rodovias concedidas."""

from ...builders import ate, st, svc

_AGER = "https://www.ager.mt.gov.br/servicos"

SERVICES = {
    "AGER": [
        svc(
            "Reclamar de transporte intermunicipal de passageiros",
            pop="reclamar de ônibus; ônibus intermunicipal; transporte intermunicipal; passagem",
            desc="Reclame de atrasos, cancelamentos, superlotação, cobrança indevida ou mau atendimento nas linhas de ônibus intermunicipais de Mato Grosso.",
            aud="cidadao",
            cat="infraestrutura cidadania",
            who=[("Passageiro", "Informar a empresa, a linha, a data e o horário.")],
            steps=[
                st(
                    "Registre a reclamação",
                    "Anexe a passagem ou o comprovante, se tiver.",
                    "Bilhete de passagem, se tiver",
                    [],
                    "web telefone",
                ),
                st(
                    "Acompanhe a resposta",
                    "A AGER notifica a empresa e pode aplicar penalidades.",
                    "",
                    [],
                    "web",
                ),
            ],
            time=ate(30, "dias"),
            url=f"{_AGER}/ouvidoria-transporte",
            units="sede",
            laws="concessoes cdc",
            kw="ônibus; transporte; passagem; reclamação",
        ),
        svc(
            "Reclamar de rodovia estadual concedida (pedágio)",
            pop="pedágio; rodovia concedida; buraco na rodovia com pedágio",
            desc="Reclame das condições das rodovias estaduais concedidas à iniciativa privada, do atendimento e da cobrança de pedágio.",
            aud="cidadao empresa",
            cat="infraestrutura",
            who=[("Usuário da rodovia", "Informar a rodovia, o trecho e a data.")],
            steps=[
                st(
                    "Registre a reclamação",
                    "Informe a rodovia, o trecho (quilômetro), a data e o que aconteceu.",
                    "Comprovante de pagamento do pedágio, se for o caso",
                    [],
                    "web telefone",
                ),
                st(
                    "Acompanhe",
                    "A AGER notifica a concessionária e informa a resposta pelo protocolo.",
                    "",
                    [],
                    "web",
                ),
            ],
            time=ate(30, "dias"),
            url=f"{_AGER}/rodovias",
            laws="concessoes",
            kw="pedágio; rodovia; concessão",
        ),
        svc(
            "Registrar empresa para fretamento intermunicipal de passageiros",
            pop="fretamento; ônibus fretado; autorização de fretamento",
            desc="Empresas de turismo e fretamento pedem o registro e a autorização para viagens intermunicipais de passageiros.",
            aud="empresa",
            cat="infraestrutura empresas",
            who=[("Empresa de transporte", "Ter CNPJ com atividade de transporte e veículos vistoriados.")],
            steps=[
                st(
                    "Faça o cadastro",
                    "Cadastre a empresa e cada veículo que fará o fretamento.",
                    "Contrato social; CRLV dos veículos; Laudo de vistoria; Apólice de seguro de responsabilidade civil",
                    [("Taxa de registro de fretamento", "350.00")],
                    "web",
                ),
                st(
                    "Receba o certificado",
                    "Aprovado o cadastro, baixe o certificado de registro, que deve estar no veículo em toda viagem.",
                    "",
                    [],
                    "web",
                ),
            ],
            time=ate(30, "dias"),
            valid=(1, "anos"),
            url=f"{_AGER}/fretamento",
            level="prata",
            laws="concessoes",
            kw="fretamento; turismo; ônibus; autorização",
        ),
    ],
}
