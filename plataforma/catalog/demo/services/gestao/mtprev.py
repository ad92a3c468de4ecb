"""MTPREV: aposentadoria, pensão, prova de vida, certidão de tempo de contribuição, contracheque."""

from ...builders import IMEDIATO, ate, st, svc
from .common import SERVIDOR_EFETIVO

_PREV = "https://www.mtprev.mt.gov.br/servicos"

SERVICES = {
    "MTPREV": [
        svc(
            "Solicitar aposentadoria",
            pop="aposentar; aposentadoria voluntária; tempo para aposentar; simulador de aposentadoria",
            desc="Simule e peça a sua aposentadoria pelo regime próprio dos servidores do Estado. O MTPREV confere o tempo de contribuição, a idade e as regras de transição que se aplicam a você.",
            aud="servidor",
            cat="previdencia servidor",
            who=[SERVIDOR_EFETIVO],
            steps=[
                st(
                    "Simule",
                    "Veja a data provável e as regras que se aplicam a você.",
                    "Matrícula",
                    [],
                    "web",
                ),
                st(
                    "Faça o pedido",
                    "Envie o requerimento e os documentos.",
                    "Documento de identidade; Certidões de tempo de contribuição averbadas; Certidão de casamento, se houver mudança de nome",
                    [],
                    "web presencial",
                ),
                st(
                    "Aguarde a análise e a publicação",
                    "O ato de aposentadoria é publicado e enviado ao Tribunal de Contas.",
                    "",
                    [],
                    "web",
                ),
            ],
            time=ate(90, "dias"),
            url=f"{_PREV}/aposentadoria",
            level="prata",
            units="sede",
            laws="ec103 9717 mtprev",
            kw="aposentadoria; previdência; tempo de contribuição; regras de transição",
        ),
        svc(
            "Pedir pensão por morte de servidor",
            pop="pensão por morte; pensão de viúva; benefício de dependente",
            desc="Peça a pensão a que têm direito os dependentes do servidor ou aposentado do Estado que faleceu.",
            aud="cidadao servidor",
            cat="previdencia social",
            who=[
                (
                    "Dependente do servidor falecido",
                    "Cônjuge, companheiro, filhos menores de 21 anos ou com deficiência e outros dependentes previstos em lei.",
                )
            ],
            steps=[
                st(
                    "Reúna os documentos",
                    "Os documentos comprovam a morte e a dependência.",
                    "Certidão de óbito; Documento de identidade e CPF do dependente; Certidão de casamento ou prova de união estável; Certidão de nascimento dos filhos",
                    [],
                    "web",
                ),
                st(
                    "Faça o pedido",
                    "Envie pela internet ou entregue na sede do MTPREV.",
                    "",
                    [],
                    "web presencial",
                ),
                st(
                    "Receba a decisão",
                    "Concedida, a pensão é paga desde a data prevista em lei.",
                    "",
                    [],
                    "web",
                ),
            ],
            time=ate(60, "dias"),
            url=f"{_PREV}/pensao",
            level="prata",
            units="sede",
            laws="ec103 9717 mtprev",
            kw="pensão; falecimento; dependente; viúva",
        ),
        svc(
            "Fazer a prova de vida anual de aposentados e pensionistas",
            pop="prova de vida; recadastramento anual; censo previdenciário",
            desc="Confirme todo ano que você está vivo para continuar recebendo a aposentadoria ou a pensão. Pode ser feita pelo celular, com reconhecimento facial.",
            aud="servidor cidadao",
            cat="previdencia",
            who=[("Aposentado ou pensionista do MTPREV", "Fazer a prova no mês do aniversário.")],
            steps=[
                st(
                    "Faça pelo aplicativo",
                    "Entre com a conta MT Login e siga as instruções do reconhecimento facial.",
                    "CPF",
                    [],
                    "app",
                ),
                st(
                    "Ou vá à unidade",
                    "Quem não consegue pelo aplicativo vai à sede do MTPREV. Quem não pode sair de casa pede visita.",
                    "Documento de identidade com foto",
                    [],
                    "presencial telefone",
                ),
            ],
            time=IMEDIATO,
            url=f"{_PREV}/prova-de-vida",
            units="sede",
            laws="mtprev 9717",
            kw="recadastramento; censo; prova de vida; reconhecimento facial",
        ),
        svc(
            "Emitir certidão de tempo de contribuição (CTC)",
            acronym="CTC",
            pop="CTC; certidão de tempo de serviço; levar tempo para o INSS",
            desc="Peça a certidão do tempo em que você contribuiu para o regime próprio do Estado, para usá-lo no INSS ou em outro regime.",
            aud="servidor cidadao",
            cat="previdencia servidor documentos",
            who=[
                (
                    "Ex-servidor ou servidor",
                    "Ter tempo de contribuição no regime próprio do Estado que não foi usado em aposentadoria.",
                )
            ],
            steps=[
                st(
                    "Faça o pedido",
                    "Informe os períodos e o destino da certidão.",
                    "Documento de identidade; Ato de exoneração, se ex-servidor",
                    [],
                    "web",
                ),
                st(
                    "Receba a certidão",
                    "A CTC é emitida com assinatura digital e código de autenticidade.",
                    "",
                    [],
                    "web",
                ),
            ],
            time=ate(30, "dias"),
            valid="indeterminada",
            url=f"{_PREV}/ctc",
            level="prata",
            laws="9717 ec103 mtprev",
            kw="certidão; tempo de contribuição; INSS; contagem recíproca",
        ),
        svc(
            "Consultar o contracheque de aposentado ou pensionista",
            pop="holerite de aposentado; contracheque do MTPREV; comprovante de pagamento",
            desc="Veja e baixe os seus contracheques e o comprovante de rendimentos para o Imposto de Renda.",
            aud="servidor cidadao",
            cat="previdencia",
            who=[("Aposentado ou pensionista do MTPREV", "Ter conta MT Login.")],
            steps=[
                st("Acesse o contracheque", "Entre com a sua conta e escolha o mês.", "CPF", [], "web app"),
                st(
                    "Peça revisão, se necessário",
                    "Dúvidas sobre valores e descontos são respondidas pelo atendimento do MTPREV.",
                    "Contracheque do mês",
                    [],
                    "web telefone",
                ),
            ],
            time=IMEDIATO,
            url=f"{_PREV}/contracheque",
            level="prata",
            laws="lgpd",
            kw="contracheque; holerite; imposto de renda; aposentado",
        ),
    ],
}
