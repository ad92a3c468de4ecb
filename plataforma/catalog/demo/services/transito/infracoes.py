"""DETRAN-MT: pontos e multas da CNH, defesa e recurso de multa, indicação do condutor infrator."""

from ...builders import IMEDIATO, ate, st, svc
from .common import DETRAN_URL

SERVICES = {
    "DETRAN-MT": [
        svc(
            "Consultar pontos e multas da CNH (extrato do prontuário)",
            pop="pontos na carteira; pontuação da CNH; consultar multas; CNH",
            desc="Veja quantos pontos há na sua CNH, as infrações registradas e a situação da sua habilitação.",
            aud="cidadao",
            cat="transito",
            who=[("Condutor habilitado", "Ter conta MT Login.")],
            steps=[
                st(
                    "Acesse o extrato",
                    "Entre com a sua conta MT Login. O extrato mostra pontos, infrações e prazos de defesa.",
                    "CPF",
                    [],
                    "web app",
                ),
                st(
                    "Recorra ou indique o condutor, se precisar",
                    "Pelo próprio extrato, vá direto à defesa da multa ou à indicação do condutor, dentro do prazo.",
                    "Notificação da infração",
                    [],
                    "web app",
                ),
            ],
            time=IMEDIATO,
            url=f"{DETRAN_URL}/extrato-cnh",
            level="bronze",
            laws="ctb lgpd",
            kw="pontuação; infrações; prontuário",
        ),
        svc(
            "Apresentar defesa ou recurso de multa de trânsito",
            pop="recorrer de multa; recurso JARI; defesa prévia; contestar multa",
            desc=(
                "Conteste uma multa aplicada pelo DETRAN-MT. Primeiro vem a defesa da autuação; depois, se a "
                "multa for mantida, o recurso à JARI e, por último, ao CETRAN-MT. Não é preciso pagar para recorrer."
            ),
            aud="cidadao empresa",
            cat="transito",
            who=[
                (
                    "Proprietário do veículo ou condutor indicado",
                    "Estar dentro do prazo informado na notificação.",
                )
            ],
            steps=[
                st(
                    "Reúna os documentos",
                    "Escreva os motivos da defesa ou do recurso, com as provas que tiver.",
                    "Notificação da autuação ou da penalidade; CNH do condutor; CRLV do veículo; Provas (fotos, documentos)",
                    [],
                    "web",
                ),
                st(
                    "Envie a defesa ou o recurso",
                    "Protocole pelo site ou em uma unidade do DETRAN-MT.",
                    "",
                    [],
                    "web presencial",
                ),
                st(
                    "Acompanhe o julgamento",
                    "O resultado é publicado e enviado para você.",
                    "",
                    [],
                    "web app",
                ),
            ],
            time=ate(30, "dias"),
            url=f"{DETRAN_URL}/recurso-multa",
            units="sede roo sinop",
            laws="ctb",
            kw="JARI; CETRAN; infração; autuação",
            status="Acompanhe o julgamento pelo número do processo no site do DETRAN-MT ou no MT Cidadão.",
        ),
        svc(
            "Indicar o condutor responsável pela infração",
            pop="indicar condutor; transferir pontos; quem estava dirigindo",
            desc="Se não era você quem dirigia o seu veículo quando a infração aconteceu, indique o condutor para que os pontos sejam registrados na CNH dele.",
            aud="cidadao empresa",
            cat="transito",
            who=[
                ("Proprietário do veículo", "Estar dentro do prazo da notificação de autuação (30 dias)."),
                ("Empresa proprietária de frota", "Ser representada por quem tem poderes para isso."),
            ],
            steps=[
                st(
                    "Preencha a indicação",
                    "Informe os dados do condutor. Os dois assinam digitalmente pela conta MT Login.",
                    "Notificação de autuação; CNH do condutor indicado",
                    [],
                    "web app",
                ),
                st(
                    "Aguarde a confirmação",
                    "O DETRAN-MT confere os dados e registra os pontos para o condutor indicado.",
                    "",
                    [],
                    "web",
                ),
            ],
            time=ate(10, "dias-uteis"),
            url=f"{DETRAN_URL}/indicacao-condutor",
            level="prata",
            laws="ctb",
            kw="pontuação; autuação; notificação",
        ),
    ],
}
