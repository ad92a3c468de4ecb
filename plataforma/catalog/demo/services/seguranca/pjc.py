"""Polícia Judiciária Civil: boletins de ocorrência, antecedentes, medidas protetivas, desaparecidos."""

from ...builders import IMEDIATO, ate, st, svc
from .common import EMERGENCIA

_PJC = "https://www.pjc.mt.gov.br/servicos"
_VITIMA = (
    "Vítima ou testemunha",
    "Qualquer pessoa pode registrar. Menores de 18 anos devem estar acompanhados do responsável, salvo em casos de violência contra eles.",
)

SERVICES = {
    "PJC": [
        svc(
            "Registrar boletim de ocorrência pela Delegacia Virtual",
            acronym="BO",
            pop="boletim de ocorrência; BO; BO online; delegacia virtual; registrar ocorrência",
            desc="Registre pela internet, sem ir à delegacia, ocorrências como furto, perda de objetos, danos, estelionato e acidentes sem vítimas. "
            + EMERGENCIA,
            aud="cidadao empresa",
            cat="seguranca",
            who=[_VITIMA, ("Empresa vítima", "Representada por quem tem poderes para isso.")],
            steps=[
                st(
                    "Descreva o fato",
                    "Conte o que aconteceu, onde e quando; informe objetos, documentos e pessoas envolvidas.",
                    "Documento de identidade; Nota fiscal ou dados dos objetos, se tiver",
                    [],
                    "web app",
                ),
                st(
                    "Receba o boletim",
                    "Depois da análise de um policial, o BO é enviado para o seu e-mail com número e código de autenticidade.",
                    "",
                    [],
                    "web",
                ),
                st(
                    "Acompanhe a investigação",
                    "Se houver investigação, a delegacia da área entra em contato.",
                    "",
                    [],
                    "web telefone",
                ),
            ],
            time=ate(2, "dias"),
            url=f"{_PJC}/delegacia-virtual",
            laws="lgpd",
            kw="boletim de ocorrência; BO; furto; estelionato; golpe; delegacia",
        ),
        svc(
            "Registrar ocorrência de perda de documentos",
            acronym="BO",
            pop="perdi meus documentos; extravio de documento; BO de perda",
            desc="Registre a perda ou o extravio de documentos, como identidade, CNH, cartões e talões de cheque, para se proteger do uso indevido por outras pessoas.",
            aud="cidadao",
            cat="seguranca documentos",
            who=[("Dono dos documentos", "Ter 16 anos ou mais.")],
            steps=[
                st(
                    "Registre a perda",
                    "Informe quais documentos foram perdidos, onde e quando.",
                    "CPF",
                    [],
                    "web app",
                ),
                st(
                    "Baixe o boletim",
                    "O boletim sai na hora, com código de autenticidade.",
                    "",
                    [],
                    "web app",
                ),
            ],
            time=IMEDIATO,
            url=f"{_PJC}/perda-de-documentos",
            laws="lgpd",
            kw="perda; extravio; documentos; segunda via",
        ),
        svc(
            "Emitir atestado de antecedentes criminais",
            pop="atestado de antecedentes; certidão de antecedentes criminais; folha corrida; nada consta criminal",
            desc="Emita o atestado que informa se há registro de antecedentes criminais em seu nome em Mato Grosso. É pedido em empregos, concursos e para porte de arma.",
            aud="cidadao",
            cat="seguranca documentos",
            who=[
                (
                    "Pessoa com 18 anos ou mais",
                    "Ter carteira de identidade emitida em Mato Grosso ou CPF regular.",
                )
            ],
            steps=[
                st(
                    "Peça o atestado",
                    "Informe seus dados pessoais.",
                    "CPF; Número da carteira de identidade; Nome da mãe",
                    [],
                    "web app",
                ),
                st(
                    "Baixe o documento",
                    "Sem pendências, o atestado sai na hora. Havendo homônimo ou registro, a Polícia Civil confere e responde em até 5 dias úteis.",
                    "",
                    [],
                    "web",
                ),
            ],
            time=ate(5, "dias-uteis"),
            valid=(90, "dias"),
            url=f"{_PJC}/antecedentes",
            laws="lgpd",
            kw="antecedentes; certidão criminal; emprego; concurso",
        ),
        svc(
            "Pedir medida protetiva de urgência (violência doméstica)",
            pop="medida protetiva; Maria da Penha; violência contra a mulher; afastamento do agressor",
            desc="Mulheres em situação de violência doméstica e familiar podem pedir medidas protetivas, como o afastamento do agressor e a proibição de contato. O pedido é enviado ao juiz em até 48 horas. "
            + EMERGENCIA,
            aud="cidadao",
            cat="seguranca cidadania social",
            who=[
                (
                    "Mulher em situação de violência doméstica ou familiar",
                    "Não é preciso advogado nem testemunhas.",
                )
            ],
            steps=[
                st(
                    "Registre a ocorrência e o pedido",
                    "Pela Delegacia Virtual, no aplicativo SOS Mulher MT ou em qualquer delegacia, de preferência a Delegacia da Mulher.",
                    "Documento de identidade, se tiver; Provas, se tiver (mensagens, fotos, laudos)",
                    [],
                    "web app presencial",
                ),
                st(
                    "Aguarde a decisão do juiz",
                    "A delegacia envia o pedido ao Judiciário em até 48 horas.",
                    "",
                    [],
                    "telefone",
                ),
                st(
                    "Receba o acompanhamento",
                    "A Patrulha Maria da Penha pode acompanhar o cumprimento da medida.",
                    "",
                    [],
                    "telefone presencial",
                ),
            ],
            time=ate(48, "horas"),
            url=f"{_PJC}/medida-protetiva",
            units="mulher flagrantes roo sinop",
            laws="maria-da-penha",
            kw="violência doméstica; Maria da Penha; mulher; proteção",
            priority="Atendimento imediato, sem fila, 24 horas por dia, em sala reservada, de preferência por policial mulher. "
            + EMERGENCIA,
            schedule=False,
        ),
        svc(
            "Comunicar o desaparecimento de pessoa",
            pop="pessoa desaparecida; desaparecimento; sumiço; procurar pessoa",
            desc="Comunique imediatamente o desaparecimento de uma pessoa. Não é preciso esperar 24 horas. A foto e os dados entram no cadastro de pessoas desaparecidas.",
            aud="cidadao",
            cat="seguranca",
            who=[("Familiar ou pessoa próxima", "Levar uma foto recente da pessoa desaparecida.")],
            steps=[
                st(
                    "Registre a ocorrência",
                    "Informe as características, as roupas, os lugares que a pessoa frequenta e uma foto recente.",
                    "Foto recente; Documento da pessoa desaparecida, se tiver",
                    [],
                    "web presencial",
                ),
                st(
                    "Colete material para DNA, se orientado",
                    "Em casos de longa duração, a Politec coleta material genético dos familiares.",
                    "",
                    [],
                    "presencial",
                ),
            ],
            time=IMEDIATO,
            url=f"{_PJC}/desaparecidos",
            units="flagrantes roo sinop",
            laws="lgpd",
            kw="desaparecido; busca; criança desaparecida; DNA",
            schedule=False,
            priority="Desaparecimentos de crianças, adolescentes, pessoas idosas e pessoas com deficiência têm busca imediata. "
            + EMERGENCIA,
        ),
        svc(
            "Pedir cópia de boletim de ocorrência",
            acronym="BO",
            pop="segunda via do BO; cópia do boletim; certidão de ocorrência",
            desc="Peça a cópia de um boletim de ocorrência já registrado, para seguradora, empresa ou processo.",
            aud="cidadao empresa",
            cat="seguranca documentos",
            who=[("Pessoa envolvida no boletim ou seu advogado", "Informar o número do boletim.")],
            steps=[
                st(
                    "Peça a cópia",
                    "Informe o número e a data do boletim.",
                    "Número do BO; Documento de identidade",
                    [],
                    "web",
                ),
                st(
                    "Baixe a cópia",
                    "A cópia digital tem código de autenticidade e pode ser conferida por quem a receber.",
                    "",
                    [],
                    "web",
                ),
            ],
            time=ate(2, "dias-uteis"),
            url=f"{_PJC}/copia-bo",
            level="prata",
            laws="lgpd lai",
            kw="cópia; segunda via; seguro; boletim",
        ),
    ],
}
