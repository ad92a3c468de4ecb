"""SEFAZ: guia de pagamento (DAR), IPVA (pagamento e isenção) and ITCD. Values are illustrative."""

from ...builders import IMEDIATO, ate, entre, st, svc
from .common import SEFAZ_URL

SERVICES = {
    "SEFAZ": [
        svc(
            "Emitir o Documento de Arrecadação (DAR)",
            acronym="DAR",
            pop="guia de pagamento; DAR-1; guia de recolhimento; boleto da Sefaz",
            desc="Gere a guia para pagar tributos e taxas estaduais: ICMS, IPVA, ITCD, taxas de órgãos e multas. A guia pode ser paga em banco, lotérica ou por PIX.",
            aud="cidadao empresa",
            cat="tributos",
            who=[
                (
                    "Contribuinte (pessoa ou empresa)",
                    "Saber o código da receita ou o número do débito que vai pagar.",
                )
            ],
            steps=[
                st(
                    "Informe o que vai pagar",
                    "Escolha a receita, informe CPF ou CNPJ, o período e o valor.",
                    "CPF ou CNPJ; Código da receita",
                    [],
                    "web app",
                ),
                st(
                    "Imprima ou copie o código",
                    "Pague até a data de vencimento em banco, lotérica ou pelo PIX do QR Code.",
                    "",
                    [],
                    "web app",
                ),
            ],
            time=IMEDIATO,
            url=f"{SEFAZ_URL}/dar",
            laws="ctn icms-mt",
            kw="pagamento; boleto; PIX; taxa estadual",
            wait="Não há espera: a guia é gerada na hora, a qualquer dia e horário.",
        ),
        svc(
            "Consultar e pagar o IPVA",
            acronym="IPVA",
            pop="IPVA; imposto do carro; imposto sobre veículos; parcelar IPVA",
            desc="Consulte o valor do IPVA do seu veículo, escolha entre a cota única com desconto ou o parcelamento e emita a guia de pagamento.",
            aud="cidadao empresa",
            cat="tributos transito",
            who=[("Proprietário de veículo registrado em Mato Grosso", "Informar o RENAVAM do veículo.")],
            steps=[
                st(
                    "Consulte o valor",
                    "Informe o RENAVAM. O valor segue a tabela de preços médios do ano.",
                    "RENAVAM",
                    [],
                    "web app",
                ),
                st(
                    "Emita a guia e pague",
                    "Escolha a forma de pagamento e pague até o vencimento indicado no calendário do IPVA.",
                    "",
                    [("IPVA (valor conforme o veículo)", None)],
                    "web app",
                ),
            ],
            time=IMEDIATO,
            url=f"{SEFAZ_URL}/ipva",
            laws="ipva-mt ctn",
            kw="calendário do IPVA; desconto; cota única; licenciamento",
        ),
        svc(
            "Pedir isenção de IPVA para pessoa com deficiência",
            acronym="IPVA",
            pop="isenção de IPVA; IPVA PcD; deficiente; carro adaptado",
            desc="Peça a isenção do IPVA de um veículo de pessoa com deficiência física, visual, mental ou autismo, dirigido por ela ou por condutor autorizado.",
            aud="cidadao",
            cat="tributos transito",
            who=[
                (
                    "Pessoa com deficiência ou seu representante legal",
                    "Ser proprietária do veículo, com um único veículo isento, dentro do limite de valor previsto em lei.",
                )
            ],
            steps=[
                st(
                    "Reúna os laudos",
                    "Peça o laudo de avaliação da deficiência ao médico ou à unidade de saúde credenciada.",
                    "Laudo médico que comprove a deficiência; Documento de identidade; CRLV do veículo; Nota fiscal de compra, se veículo novo",
                    [],
                    "web",
                ),
                st(
                    "Envie o pedido",
                    "Faça o pedido pela internet, com os documentos digitalizados.",
                    "",
                    [],
                    "web",
                ),
                st(
                    "Receba a decisão",
                    "A decisão é enviada pelo MT Cidadão. Deferida, a isenção vale para os anos seguintes, enquanto as condições continuarem.",
                    "",
                    [],
                    "app",
                ),
            ],
            time=ate(30, "dias"),
            valid="indeterminada",
            url=f"{SEFAZ_URL}/isencao-ipva-pcd",
            level="prata",
            laws="ipva-mt lbi pcd-iptu",
            kw="deficiência; PcD; autismo; isenção; benefício fiscal",
        ),
        svc(
            "Declarar e pagar o ITCD (herança e doação)",
            acronym="ITCD",
            pop="imposto de herança; imposto de doação; ITCMD; inventário",
            desc="Declare os bens recebidos por herança ou doação, receba o cálculo do imposto e pague o ITCD. A certidão de quitação é exigida pelo cartório e pelo juiz do inventário.",
            aud="cidadao empresa",
            cat="tributos",
            who=[
                ("Herdeiro, donatário ou inventariante", "Ter a relação dos bens e seus valores."),
                ("Advogado ou contador", "Com procuração do contribuinte."),
            ],
            steps=[
                st(
                    "Preencha a declaração",
                    "Informe os bens, os herdeiros ou donatários e os valores.",
                    "Certidão de óbito (herança); Escritura ou contrato (doação); Documentos dos bens (matrícula do imóvel, CRLV, extratos)",
                    [],
                    "web",
                ),
                st("Aguarde a avaliação", "A SEFAZ avalia os bens e calcula o imposto.", "", [], "web"),
                st(
                    "Pague o imposto",
                    "Emita a guia e pague. Depois, emita a certidão de quitação.",
                    "",
                    [("ITCD (alíquota conforme o valor dos bens)", None)],
                    "web",
                ),
            ],
            time=entre(15, 30, "dias-uteis"),
            url=f"{SEFAZ_URL}/itcd",
            level="prata",
            units="cuiaba roo sinop",
            laws="itcd-mt ctn",
            kw="herança; doação; inventário; causa mortis; certidão de quitação",
        ),
    ],
}
