"""SESP: Disque-Denúncia, sistema penitenciário (visitas, localização de presos) and videomonitoramento."""

from ...builders import IMEDIATO, ate, st, svc
from .common import EMERGENCIA

SERVICES = {
    "SESP": [
        svc(
            "Fazer denúncia anônima pelo Disque-Denúncia",
            pop="disque denúncia; 181; denúncia anônima; denunciar crime",
            desc="Denuncie crimes, tráfico de drogas, pessoas foragidas e outras situações, sem se identificar. A denúncia é encaminhada às polícias para investigação.",
            aud="cidadao",
            cat="seguranca",
            who=[("Qualquer pessoa", "Não precisa se identificar.")],
            steps=[
                st(
                    "Faça a denúncia",
                    "Ligue 181 ou use o formulário on-line. Informe o máximo de detalhes: local, horário, pessoas e veículos.",
                    "",
                    [],
                    "telefone web",
                ),
                st(
                    "Anote o número",
                    "Com o número da denúncia você pode acompanhar e complementar informações.",
                    "",
                    [],
                    "web telefone",
                ),
            ],
            time=IMEDIATO,
            url="https://www.sesp.mt.gov.br/disque-denuncia",
            laws="13460",
            kw="denúncia; anônimo; 181; tráfico; foragido",
            priority="Toda denúncia é atendida sem fila de prioridade, 24 horas por dia. " + EMERGENCIA,
        ),
        svc(
            "Cadastrar-se como visitante de pessoa presa",
            pop="carteirinha de visitante; visita no presídio; cadastro de visita",
            desc="Faça o cadastro para visitar um familiar ou amigo em unidade prisional do Estado e receba a carteira de visitante.",
            aud="cidadao",
            cat="seguranca cidadania",
            who=[
                (
                    "Familiar ou amigo da pessoa presa",
                    "Ter 18 anos ou mais (menores só acompanhados do responsável legal, com autorização) e não ter impedimento judicial.",
                )
            ],
            steps=[
                st(
                    "Faça o pré-cadastro",
                    "Informe seus dados e a pessoa que vai visitar.",
                    "Documento de identidade com foto; CPF; Comprovante de residência; Certidão de antecedentes criminais; Foto 3x4",
                    [],
                    "web",
                ),
                st(
                    "Valide o cadastro",
                    "Compareça à central para conferir os documentos e tirar a foto.",
                    "Documentos originais",
                    [],
                    "presencial",
                ),
                st(
                    "Receba a carteira",
                    "A carteira de visitante fica pronta e pode ser retirada na central.",
                    "",
                    [],
                    "presencial",
                ),
            ],
            time=ate(15, "dias-uteis"),
            valid=(1, "anos"),
            url="https://www.sesp.mt.gov.br/visitantes",
            units="visitantes",
            laws="lgpd",
            kw="visita; sistema penitenciário; presídio; carteira de visitante",
        ),
        svc(
            "Consultar em qual unidade prisional está uma pessoa presa",
            pop="onde está preso; localizar preso; unidade prisional",
            desc="Saiba em qual unidade prisional do Estado está um familiar preso, para visitas e contato com a defesa.",
            aud="cidadao",
            cat="seguranca cidadania",
            who=[
                ("Familiar ou advogado", "Informar o nome completo e a data de nascimento da pessoa presa.")
            ],
            steps=[
                st(
                    "Faça a consulta",
                    "Entre com a conta MT Login e informe os dados da pessoa. O acesso fica registrado.",
                    "CPF do solicitante",
                    [],
                    "web telefone",
                ),
                st(
                    "Agende a visita",
                    "Com a unidade identificada, veja os dias de visita e faça o cadastro de visitante.",
                    "Carteira de visitante",
                    [],
                    "web",
                ),
            ],
            time=IMEDIATO,
            url="https://www.sesp.mt.gov.br/localizar-preso",
            level="prata",
            laws="lgpd lai",
            kw="preso; presídio; penitenciária; localização",
        ),
        svc(
            "Pedir imagens das câmeras de videomonitoramento",
            pop="imagens de câmera; videomonitoramento; Ciosp; gravação",
            desc="Peça a cópia de imagens das câmeras de segurança do Estado para instruir boletim de ocorrência, processo judicial ou sinistro de seguro.",
            aud="cidadao empresa",
            cat="seguranca",
            who=[
                (
                    "Vítima, autoridade ou advogado",
                    "Ter boletim de ocorrência ou requisição oficial. O pedido deve ser feito em até 7 dias do fato, prazo em que as imagens são guardadas.",
                )
            ],
            steps=[
                st(
                    "Faça o pedido",
                    "Informe local, data e horário aproximado.",
                    "Boletim de ocorrência; Documento de identidade",
                    [],
                    "web",
                ),
                st(
                    "Retire as imagens",
                    "Havendo imagens, você recebe um link seguro para baixar.",
                    "",
                    [],
                    "web",
                ),
            ],
            time=ate(10, "dias-uteis"),
            url="https://www.sesp.mt.gov.br/imagens",
            level="prata",
            laws="lgpd lai",
            kw="câmeras; vídeo; Ciosp; seguro",
        ),
    ],
}
