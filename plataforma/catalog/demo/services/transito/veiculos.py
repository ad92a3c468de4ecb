"""DETRAN-MT: veículos (licenciamento, transferência, registro, comunicação de venda, baixa e vistoria)."""

from ...builders import IMEDIATO, ate, media, st, svc
from .common import DETRAN_URL

SERVICES = {
    "DETRAN-MT": [
        svc(
            "Licenciamento anual do veículo (CRLV-e)",
            acronym="CRLV-e",
            pop="licenciamento; documento do carro; CRLV digital; licenciar veículo; documento do veículo",
            desc=(
                "Faça o licenciamento anual do seu veículo e baixe o Certificado de Registro e Licenciamento "
                "(CRLV-e), o documento digital que você leva no celular. O licenciamento é liberado depois de "
                "pagos o IPVA, a taxa de licenciamento e as multas vencidas."
            ),
            aud="cidadao empresa",
            cat="transito tributos",
            who=[
                ("Proprietário do veículo", "Veículo registrado em Mato Grosso, sem restrição de circulação.")
            ],
            steps=[
                st(
                    "Emita a guia e pague",
                    "Consulte os débitos pelo número do RENAVAM e pague em banco ou por PIX.",
                    "RENAVAM do veículo",
                    [("Taxa de licenciamento anual", "175.07"), ("IPVA e multas vencidas, se houver", None)],
                    "web app",
                ),
                st(
                    "Baixe o CRLV-e",
                    "Depois da compensação do pagamento, baixe o documento em PDF ou na Carteira Digital de Trânsito.",
                    "",
                    [],
                    "web app",
                ),
            ],
            time=ate(3, "dias-uteis"),
            valid=(1, "anos"),
            url=f"{DETRAN_URL}/licenciamento",
            laws="ctb ipva-mt",
            kw="IPVA; CRLV; documento do carro; calendário de licenciamento",
        ),
        svc(
            "Transferir a propriedade do veículo",
            pop="transferência de veículo; passar o carro para o meu nome; compra de carro usado; ATPV-e",
            desc="Passe para o seu nome o veículo que você comprou. O prazo é de 30 dias depois da venda, sob pena de multa.",
            aud="cidadao empresa",
            cat="transito",
            who=[
                (
                    "Comprador do veículo",
                    "Ter a Autorização para Transferência de Propriedade (ATPV-e) assinada pelo vendedor.",
                )
            ],
            steps=[
                st(
                    "Faça a vistoria",
                    "Leve o veículo a uma empresa de vistoria credenciada.",
                    "ATPV-e; Documento de identidade com foto",
                    [("Vistoria de transferência (empresa credenciada)", "112.55")],
                    "presencial",
                ),
                st(
                    "Peça a transferência e pague as taxas",
                    "Faça o pedido com a conta MT Login e pague as taxas.",
                    "ATPV-e; Comprovante de residência; Laudo da vistoria",
                    [("Taxa de transferência de propriedade", "247.64")],
                    "web",
                ),
                st(
                    "Baixe o novo documento",
                    "Aprovada a transferência, baixe o CRLV-e em seu nome.",
                    "",
                    [],
                    "web app",
                ),
            ],
            time=ate(5, "dias-uteis"),
            valid=(1, "anos"),
            url=f"{DETRAN_URL}/transferencia",
            level="prata",
            units="sede roo sinop tangara bdg caceres",
            laws="ctb",
            kw="compra e venda; ATPV; CRV",
        ),
        svc(
            "Registrar veículo novo (primeiro emplacamento)",
            pop="emplacar carro novo; primeiro emplacamento; placa Mercosul; registro de veículo zero",
            desc="Registre em Mato Grosso o veículo zero-quilômetro que você comprou e coloque as placas no padrão Mercosul.",
            aud="cidadao empresa",
            cat="transito",
            who=[
                (
                    "Proprietário do veículo novo",
                    "Ter a nota fiscal de compra emitida para o seu CPF ou CNPJ.",
                ),
                ("Concessionária", "Pode fazer o pedido em nome do cliente, com procuração."),
            ],
            steps=[
                st(
                    "Peça o registro e pague as taxas",
                    "Informe os dados da nota fiscal.",
                    "Nota fiscal do veículo; Documento de identidade; Comprovante de residência",
                    [
                        ("Taxa de primeiro registro", "302.48"),
                        ("Placas Mercosul (fabricante credenciado)", None),
                    ],
                    "web",
                ),
                st(
                    "Coloque as placas",
                    "Leve o veículo a um fabricante de placas credenciado.",
                    "Autorização de estampagem",
                    [],
                    "presencial",
                ),
                st(
                    "Baixe o CRLV-e",
                    "Com as placas instaladas, o registro é concluído e o documento digital fica disponível no site e na Carteira Digital de Trânsito.",
                    "",
                    [],
                    "web app",
                ),
            ],
            time=ate(5, "dias-uteis"),
            valid=(1, "anos"),
            url=f"{DETRAN_URL}/primeiro-registro",
            units="sede roo sinop",
            laws="ctb",
            kw="zero km; placa; concessionária",
        ),
        svc(
            "Comunicar a venda do veículo",
            pop="comunicado de venda; vendi meu carro; tirar carro do meu nome",
            desc="Avise ao DETRAN-MT que você vendeu o veículo. A partir da comunicação, multas e débitos novos deixam de ser seus.",
            aud="cidadao empresa",
            cat="transito",
            who=[("Vendedor do veículo", "Ter preenchido e assinado a ATPV-e em favor do comprador.")],
            steps=[
                st(
                    "Comunique a venda",
                    "Informe os dados do comprador e a data da venda.",
                    "ATPV-e assinada; CPF ou CNPJ do comprador",
                    [],
                    "web app",
                ),
                st(
                    "Guarde o comprovante",
                    "O comprovante da comunicação protege você de multas e débitos posteriores à venda.",
                    "Comprovante da comunicação de venda",
                    [],
                    "web app",
                ),
            ],
            time=IMEDIATO,
            url=f"{DETRAN_URL}/comunicado-venda",
            level="prata",
            laws="ctb",
            kw="venda; ATPV; responsabilidade",
        ),
        svc(
            "Dar baixa no registro do veículo",
            pop="baixa de veículo; carro sucateado; perda total",
            desc="Cancele o registro do veículo que foi desmontado, sucateado ou teve perda total. A baixa é definitiva.",
            aud="cidadao empresa",
            cat="transito",
            who=[("Proprietário do veículo", "Não ter débitos de IPVA, licenciamento e multas.")],
            steps=[
                st(
                    "Peça a baixa",
                    "Informe o motivo e anexe os documentos.",
                    "CRLV; Documento de identidade; Laudo da seguradora ou certidão do desmanche credenciado",
                    [("Taxa de baixa de registro", "61.30")],
                    "web",
                ),
                st(
                    "Entregue as placas",
                    "Entregue as placas e a parte do chassi indicada, na unidade do DETRAN-MT.",
                    "Placas do veículo",
                    [],
                    "presencial",
                ),
            ],
            time=ate(15, "dias-uteis"),
            url=f"{DETRAN_URL}/baixa-veiculo",
            level="prata",
            units="sede roo sinop",
            laws="ctb",
            kw="sucata; desmanche; perda total",
        ),
        svc(
            "Fazer vistoria veicular",
            pop="vistoria do carro; laudo de vistoria; inspeção veicular",
            desc="Agende a vistoria de identificação do veículo, exigida na transferência, na mudança de município ou de características e na regularização.",
            aud="cidadao empresa",
            cat="transito",
            who=[
                (
                    "Proprietário ou possuidor do veículo",
                    "Levar o veículo em boas condições de identificação (chassi, motor, placas).",
                )
            ],
            steps=[
                st(
                    "Agende a vistoria",
                    "Escolha a unidade ou a empresa credenciada, o dia e o horário.",
                    "RENAVAM; Documento de identidade",
                    [("Taxa de vistoria", "112.55")],
                    "web app",
                ),
                st(
                    "Leve o veículo",
                    "O vistoriador confere chassi, motor, placas e equipamentos obrigatórios.",
                    "CRLV",
                    [],
                    "presencial",
                ),
            ],
            time=media(40, "minutos"),
            valid=(30, "dias"),
            url=f"{DETRAN_URL}/vistoria",
            units="sede roo sinop tangara bdg caceres",
            laws="ctb",
            kw="laudo; chassi; motor",
        ),
    ],
}
