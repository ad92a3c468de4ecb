"""DETRAN-MT: formação de condutores (credenciamento de autoescolas e curso de reciclagem)."""

from ...builders import ate, entre, st, svc
from .common import DETRAN_URL

SERVICES = {
    "DETRAN-MT": [
        svc(
            "Credenciar autoescola (Centro de Formação de Condutores)",
            acronym="CFC",
            pop="abrir autoescola; credenciamento de CFC; centro de formação de condutores",
            desc="Peça o credenciamento da sua empresa como Centro de Formação de Condutores para dar aulas teóricas e práticas de direção.",
            aud="empresa",
            cat="transito empresas",
            who=[
                (
                    "Empresa",
                    "Ter CNPJ ativo, sede em Mato Grosso, instrutores e diretor de ensino credenciados e veículos adaptados para aulas.",
                )
            ],
            steps=[
                st(
                    "Protocole o pedido",
                    "Envie os documentos da empresa, dos instrutores e dos veículos.",
                    "Contrato social; Alvará de funcionamento; Relação de instrutores credenciados; CRLV dos veículos de aula; Planta do imóvel",
                    [("Taxa de credenciamento de CFC", "1246.20")],
                    "web",
                ),
                st(
                    "Receba a vistoria",
                    "O DETRAN-MT vistoria as salas de aula e os veículos.",
                    "",
                    [],
                    "presencial",
                ),
                st(
                    "Receba a portaria de credenciamento",
                    "Aprovado, o credenciamento é publicado no Diário Oficial.",
                    "",
                    [],
                    "web",
                ),
            ],
            time=ate(60, "dias"),
            valid=(1, "anos"),
            url=f"{DETRAN_URL}/credenciamento-cfc",
            level="prata",
            units="sede",
            laws="ctb contran789",
            kw="CFC; instrutor; credenciamento; empresa",
        ),
        svc(
            "Fazer o curso de reciclagem para condutor infrator",
            pop="reciclagem; CNH suspensa; suspensão do direito de dirigir; curso de reciclagem",
            desc="Faça o curso obrigatório para recuperar o direito de dirigir depois de uma suspensão da CNH.",
            aud="cidadao",
            cat="transito",
            who=[
                (
                    "Condutor com CNH suspensa",
                    "Ter cumprido o prazo da suspensão e entregue a CNH, quando exigido.",
                )
            ],
            steps=[
                st(
                    "Matricule-se no curso",
                    "O curso pode ser feito a distância, em instituição credenciada, ou em autoescola.",
                    "CPF; Decisão da suspensão",
                    [("Curso de reciclagem (instituição credenciada)", None)],
                    "web",
                ),
                st(
                    "Faça a prova",
                    "Agende e faça a prova de reciclagem.",
                    "Certificado do curso",
                    [("Taxa da prova de reciclagem", "62.15")],
                    "presencial",
                ),
                st(
                    "Recupere a CNH",
                    "Aprovado, o bloqueio é retirado e a CNH digital volta a valer.",
                    "",
                    [],
                    "app",
                ),
            ],
            time=entre(15, 45, "dias"),
            url=f"{DETRAN_URL}/reciclagem",
            units="sede roo sinop",
            laws="ctb contran789",
            kw="suspensão; penalidade; CNH bloqueada",
        ),
    ],
}
