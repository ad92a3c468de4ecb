"""Politec: carteira de identidade, laudos periciais, IML and the DNA bank."""

from ...builders import NAO_ESTIMADO, ate, media, st, svc

_POLITEC = "https://www.politec.mt.gov.br/servicos"

SERVICES = {
    "POLITEC": [
        svc(
            "Emitir a Carteira de Identidade Nacional (CIN)",
            acronym="CIN",
            pop="RG; carteira de identidade; identidade nova; CIN; primeira via do RG",
            desc="Tire a nova Carteira de Identidade Nacional, que usa o CPF como número único e tem versão digital no aplicativo gov.br. A primeira via é gratuita.",
            aud="cidadao",
            cat="documentos",
            who=[
                (
                    "Qualquer pessoa, de qualquer idade",
                    "Ter CPF regular. Menores de 16 anos vão acompanhados do responsável.",
                )
            ],
            steps=[
                st(
                    "Agende o atendimento",
                    "Escolha a unidade do Ganha Tempo ou do Instituto de Identificação.",
                    "CPF",
                    [],
                    "web app",
                ),
                st(
                    "Compareça com os documentos",
                    "Na unidade, são coletadas a foto, as digitais e a assinatura.",
                    "Certidão de nascimento ou casamento (original); CPF; Comprovante de residência (opcional)",
                    [],
                    "presencial",
                ),
                st(
                    "Retire a carteira",
                    "Retire no local do atendimento. A versão digital fica disponível no aplicativo gov.br.",
                    "Comprovante do atendimento",
                    [],
                    "presencial app",
                ),
            ],
            time=ate(15, "dias-uteis"),
            valid=(10, "anos"),
            url=f"{_POLITEC}/cin",
            units="identificacao gt-cuiaba gt-vg gt-roo gt-sinop gt-bdg gt-caceres",
            laws="identidade cin 14534",
            kw="RG; identidade; documento; CIN; CPF",
        ),
        svc(
            "Emitir a segunda via da carteira de identidade",
            acronym="RG",
            pop="segunda via do RG; RG perdido; nova via da identidade; CIN",
            desc="Peça uma nova via da carteira de identidade em caso de perda, roubo, dano ou mudança de nome. A nova via já sai no modelo da Carteira de Identidade Nacional.",
            aud="cidadao",
            cat="documentos",
            who=[("Pessoa que já tem carteira de identidade", "Ter CPF regular.")],
            steps=[
                st(
                    "Agende e pague a taxa",
                    "Estão isentos da taxa as pessoas inscritas no CadÚnico e as vítimas de roubo ou furto com boletim de ocorrência.",
                    "CPF; Boletim de ocorrência, em caso de roubo ou furto",
                    [("Taxa de segunda via da carteira de identidade", "45.96")],
                    "web app",
                ),
                st(
                    "Compareça à unidade",
                    "São coletadas novamente foto e assinatura.",
                    "Certidão de nascimento ou casamento; CPF",
                    [],
                    "presencial",
                ),
                st(
                    "Retire a carteira",
                    "Retire a carteira na unidade onde foi atendido, na data informada no comprovante. Outra pessoa pode retirar com procuração simples.",
                    "Comprovante do atendimento",
                    [],
                    "presencial",
                ),
            ],
            time=ate(15, "dias-uteis"),
            valid=(10, "anos"),
            url=f"{_POLITEC}/segunda-via",
            units="identificacao gt-cuiaba gt-vg gt-roo gt-sinop gt-bdg gt-caceres",
            laws="identidade cin 14534",
            kw="RG; segunda via; identidade; perda",
        ),
        svc(
            "Pedir cópia de laudo pericial",
            pop="laudo do IML; laudo de corpo de delito; laudo da perícia",
            desc="Peça a cópia de laudos de exame de corpo de delito, necropsia ou perícia criminal, para a vítima, a família ou o advogado.",
            aud="cidadao",
            cat="seguranca documentos",
            who=[
                (
                    "Vítima, familiar de primeiro grau ou advogado",
                    "Ter o número do boletim de ocorrência ou do inquérito. Alguns laudos só podem ser entregues com autorização judicial.",
                )
            ],
            steps=[
                st(
                    "Faça o pedido",
                    "Informe o tipo de laudo e os dados do caso.",
                    "Documento de identidade; Boletim de ocorrência ou número do inquérito; Procuração, se advogado",
                    [],
                    "web presencial",
                ),
                st(
                    "Receba o laudo",
                    "O laudo é entregue por link seguro ou na unidade.",
                    "",
                    [],
                    "web presencial",
                ),
            ],
            time=ate(30, "dias"),
            url=f"{_POLITEC}/laudos",
            level="prata",
            units="iml identificacao",
            laws="lgpd lai",
            kw="laudo; perícia; IML; corpo de delito; necropsia",
        ),
        svc(
            "Liberar corpo no Instituto Médico Legal (IML)",
            acronym="IML",
            pop="liberação de corpo; IML; declaração de óbito; funeral",
            desc="Orientação à família para liberar o corpo de pessoa falecida que passou por exame no IML e receber a declaração de óbito.",
            aud="cidadao",
            cat="seguranca documentos social",
            who=[
                (
                    "Familiar ou responsável legal",
                    "Ser cônjuge, companheiro ou parente até o segundo grau, ou ter autorização da família.",
                )
            ],
            steps=[
                st(
                    "Vá ao IML com os documentos",
                    "O atendimento funciona 24 horas.",
                    "Documento de identidade do falecido; Documento de identidade do familiar; Boletim de ocorrência, quando houver",
                    [],
                    "presencial telefone",
                ),
                st(
                    "Receba a declaração de óbito",
                    "Com ela, a funerária faz o registro no cartório.",
                    "",
                    [],
                    "presencial",
                ),
            ],
            time=media(6, "horas"),
            units="iml",
            laws="lgpd",
            schedule=False,
            kw="óbito; IML; funeral; liberação do corpo",
            priority="As famílias são atendidas assim que chegam, 24 horas por dia, em sala reservada, com apoio psicossocial quando disponível.",
        ),
        svc(
            "Doar material genético para busca de pessoa desaparecida",
            acronym="DNA",
            pop="exame de DNA; banco de perfis genéticos; família de desaparecido",
            desc="Familiares de pessoa desaparecida podem doar amostra de saliva ou sangue para comparação no Banco Nacional de Perfis Genéticos.",
            aud="cidadao",
            cat="seguranca",
            who=[
                (
                    "Pai, mãe, filhos ou irmãos da pessoa desaparecida",
                    "Ter o boletim de ocorrência do desaparecimento.",
                )
            ],
            steps=[
                st(
                    "Agende a coleta",
                    "A coleta é rápida e indolor.",
                    "Boletim de ocorrência; Documento de identidade; Termo de consentimento",
                    [],
                    "telefone presencial",
                ),
                st(
                    "Aguarde o resultado",
                    "Havendo coincidência, a Polícia Civil entra em contato com a família.",
                    "",
                    [],
                    "telefone",
                ),
            ],
            time=NAO_ESTIMADO,
            units="identificacao",
            laws="lgpd",
            kw="DNA; perfil genético; desaparecido; família",
        ),
    ],
}
