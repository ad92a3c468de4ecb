"""Polícia Militar: Patrulha Maria da Penha, Proerd and policiamento de eventos."""

from ...builders import ate, st, svc

SERVICES = {
    "PMMT": [
        svc(
            "Pedir acompanhamento da Patrulha Maria da Penha",
            pop="Patrulha Maria da Penha; proteção à mulher; medida protetiva",
            desc="Mulheres com medida protetiva podem ser acompanhadas por visitas da Polícia Militar, que verifica o cumprimento da medida e orienta sobre a rede de apoio.",
            aud="cidadao",
            cat="seguranca social",
            who=[
                (
                    "Mulher com medida protetiva de urgência",
                    "Ter a decisão judicial e concordar com o acompanhamento.",
                )
            ],
            steps=[
                st(
                    "Peça a inclusão",
                    "Peça na delegacia, no Judiciário ou diretamente à Polícia Militar.",
                    "Decisão da medida protetiva",
                    [],
                    "telefone presencial",
                ),
                st(
                    "Receba as visitas",
                    "A equipe agenda as visitas e deixa um contato direto para emergências.",
                    "",
                    [],
                    "presencial",
                ),
            ],
            time=ate(5, "dias"),
            units="qcg",
            laws="maria-da-penha",
            schedule=False,
            kw="Maria da Penha; violência doméstica; patrulha; medida protetiva",
            priority="Atendimento imediato em emergência pelo 190, 24 horas por dia.",
        ),
        svc(
            "Solicitar o Proerd para uma escola",
            acronym="PROERD",
            pop="Proerd; prevenção às drogas; palestra da PM na escola",
            desc="Escolas públicas e particulares podem pedir o Programa Educacional de Resistência às Drogas e à Violência, com aulas dadas por policiais militares.",
            aud="servidor cidadao",
            cat="seguranca educacao",
            who=[("Direção de escola", "A escola deve reservar horário para as aulas durante o semestre.")],
            steps=[
                st(
                    "Envie o pedido",
                    "Informe a escola, as turmas e o número de alunos.",
                    "Ofício da direção da escola",
                    [],
                    "web email",
                ),
                st(
                    "Planeje o calendário",
                    "O coordenador do Proerd define as datas com a escola.",
                    "",
                    [],
                    "telefone",
                ),
            ],
            time=ate(60, "dias"),
            url="https://www.pm.mt.gov.br/proerd",
            laws="eca",
            kw="Proerd; drogas; prevenção; escola",
        ),
        svc(
            "Pedir apoio de policiamento para evento",
            pop="policiamento de evento; segurança de show; autorização da PM",
            desc="Organizadores de eventos abertos ao público informam a Polícia Militar para o planejamento do policiamento no entorno.",
            aud="empresa cidadao",
            cat="seguranca cultura",
            who=[
                (
                    "Organizador do evento",
                    "Ter alvará do município e, quando exigido, o certificado do Corpo de Bombeiros.",
                )
            ],
            steps=[
                st(
                    "Envie o pedido",
                    "Com pelo menos 15 dias de antecedência, informe data, local, horário e público esperado.",
                    "Alvará municipal; Certificado do Corpo de Bombeiros; Plano de segurança privada, se houver",
                    [],
                    "web",
                ),
                st(
                    "Receba o parecer",
                    "A Polícia Militar informa o planejamento e eventuais exigências.",
                    "",
                    [],
                    "web email",
                ),
            ],
            time=ate(15, "dias"),
            url="https://www.pm.mt.gov.br/eventos",
            laws="13460",
            kw="evento; show; policiamento; segurança",
        ),
    ],
}
