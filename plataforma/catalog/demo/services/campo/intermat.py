"""Intermat: regularização fundiária rural e urbana and certidões de titulação."""

from ...builders import ate, entre, st, svc

_INTERMAT = "https://www.intermat.mt.gov.br/servicos"

SERVICES = {
    "INTERMAT": [
        svc(
            "Solicitar a regularização fundiária de imóvel rural do Estado",
            pop="título de terra; regularização fundiária; documento da terra; titulação",
            desc="Quem ocupa terra pública estadual de forma mansa e pacífica pode pedir o título de propriedade, após vistoria e georreferenciamento.",
            aud="cidadao",
            cat="terras agro",
            who=[
                (
                    "Ocupante de área rural do Estado",
                    "Ocupar a área, explorá-la diretamente e não ser proprietário de outro imóvel rural acima do limite legal.",
                )
            ],
            steps=[
                st(
                    "Faça o requerimento",
                    "Apresente o requerimento com os documentos da posse e o levantamento da área.",
                    "Documento de identidade e CPF; Comprovantes de posse; Georreferenciamento da área; CAR do imóvel",
                    [],
                    "web presencial",
                ),
                st(
                    "Receba a vistoria",
                    "O Intermat vistoria a área e confere os limites.",
                    "",
                    [],
                    "presencial",
                ),
                st(
                    "Receba o título",
                    "Aprovado, o título é emitido e deve ser registrado no cartório.",
                    "",
                    [("Valor da terra, quando a titulação for onerosa", None)],
                    "presencial",
                ),
            ],
            time=entre(6, 18, "meses"),
            valid="indeterminada",
            url=f"{_INTERMAT}/regularizacao-rural",
            level="prata",
            units="sede",
            laws="reurb florestal",
            kw="título; terra; regularização; posse; georreferenciamento",
        ),
        svc(
            "Pedir certidão de titulação de imóvel",
            pop="certidão do Intermat; origem do título; certidão de terra",
            desc="Peça a certidão que informa se um imóvel teve origem em título emitido pelo Estado, exigida por cartórios e bancos.",
            aud="cidadao empresa",
            cat="terras documentos",
            who=[("Qualquer interessado", "Informar a matrícula ou o número do título.")],
            steps=[
                st(
                    "Faça o pedido",
                    "Informe a matrícula, o município e, se souber, o número do título.",
                    "Matrícula do imóvel ou número do título",
                    [("Taxa da certidão", "55.00")],
                    "web",
                ),
                st("Receba a certidão", "A certidão digital tem código de autenticidade.", "", [], "web"),
            ],
            time=ate(15, "dias-uteis"),
            valid=(90, "dias"),
            url=f"{_INTERMAT}/certidoes",
            laws="reurb",
            kw="certidão; título; matrícula; cartório",
        ),
        svc(
            "Pedir a regularização fundiária urbana (Reurb) em área do Estado",
            acronym="REURB",
            pop="Reurb; regularizar bairro; escritura de casa; lote irregular",
            desc="Municípios e associações de moradores pedem a regularização de bairros em áreas do Estado, para que as famílias recebam o título do lote.",
            aud="cidadao servidor",
            cat="terras social",
            who=[
                (
                    "Município, associação de moradores ou morador",
                    "O núcleo urbano deve estar em área de propriedade do Estado.",
                )
            ],
            steps=[
                st(
                    "Envie o pedido",
                    "O pedido descreve o núcleo urbano, o número de famílias e o tempo de ocupação.",
                    "Levantamento topográfico; Lista de moradores; Ofício do município ou ata da associação",
                    [],
                    "web presencial",
                ),
                st(
                    "Acompanhe o processo",
                    "O Intermat, o município e o cartório conduzem as etapas até a entrega dos títulos aos moradores.",
                    "",
                    [],
                    "web",
                ),
            ],
            time=entre(6, 24, "meses"),
            url=f"{_INTERMAT}/reurb",
            units="sede",
            laws="reurb",
            kw="Reurb; bairro; lote; escritura; moradia",
        ),
    ],
}
