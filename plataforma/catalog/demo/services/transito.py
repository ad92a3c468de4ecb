"""DETRAN-MT: habilitação de condutores, veículos e infrações. Fees are illustrative values in the
range DETRAN-MT charges; the legislation is real."""

from ..builders import IMEDIATO, ate, entre, media, st, svc

_D = "https://www.detran.mt.gov.br/servicos"
_CNH_POP = "CNH; carteira de motorista; carteira de habilitação; habilitação"
_EXAME_MEDICO = ("Exame de aptidão física e mental (clínica credenciada)", "91.00")

SERVICES = {
    "DETRAN-MT": [
        svc(
            "Tirar a primeira habilitação (CNH)",
            acronym="CNH",
            pop=f"{_CNH_POP}; primeira habilitação; tirar carteira; permissão para dirigir; PPD",
            desc=(
                "Inicie o processo para tirar a sua Carteira Nacional de Habilitação pela primeira vez, nas "
                "categorias A (moto) ou B (carro). Você faz os exames médico e psicológico, as aulas teóricas "
                "e práticas e as provas. Quem é aprovado recebe a Permissão para Dirigir, válida por um ano."
            ),
            aud="cidadao",
            cat="transito documentos",
            who=[
                (
                    "Pessoa que quer dirigir",
                    "Ter 18 anos ou mais, saber ler e escrever e ter CPF e documento de identidade.",
                )
            ],
            steps=[
                st(
                    "Abra o processo e pague as taxas",
                    "Cadastre-se no site do DETRAN-MT, escolha a categoria e emita a guia das taxas.",
                    "Documento de identidade com foto; CPF; Comprovante de residência em Mato Grosso",
                    [("Taxa de abertura do processo de habilitação", "174.39")],
                    "web",
                ),
                st(
                    "Faça os exames médico e psicológico",
                    "Agende os exames em uma clínica credenciada pelo DETRAN-MT.",
                    "Documento de identidade com foto",
                    [_EXAME_MEDICO, ("Avaliação psicológica (clínica credenciada)", "91.00")],
                    "presencial",
                ),
                st(
                    "Faça as aulas e a prova teórica",
                    "As aulas teóricas podem ser feitas em autoescola ou pelo curso gratuito on-line. Depois, faça a prova teórica.",
                    "",
                    [("Aulas em autoescola (valor definido pela autoescola)", None)],
                    "web presencial",
                ),
                st(
                    "Faça as aulas práticas e o exame de direção",
                    "Faça as aulas práticas na autoescola e agende o exame de direção.",
                    "Licença de Aprendizagem de Direção Veicular (LADV)",
                    [("Taxa do exame prático de direção", "62.15")],
                    "presencial",
                ),
                st(
                    "Receba a Permissão para Dirigir",
                    "Aprovado, você recebe a CNH digital no aplicativo Carteira Digital de Trânsito e pode pedir a impressa.",
                    "",
                    [],
                    "web app",
                ),
            ],
            time=entre(30, 90, "dias"),
            valid=(1, "anos"),
            url=f"{_D}/primeira-habilitacao",
            level="bronze",
            units="sede roo sinop tangara bdg caceres gt-cuiaba gt-vg",
            laws="ctb contran789",
            kw="autoescola; CFC; prova de direção; exame teórico; moto; carro",
        ),
        svc(
            "Renovar a Carteira Nacional de Habilitação (CNH)",
            acronym="CNH",
            pop=f"{_CNH_POP}; renovação da CNH; CNH vencida; renovar carteira",
            desc=(
                "Renove a sua CNH vencida ou que vai vencer. Você paga a taxa, faz o exame médico em uma "
                "clínica credenciada e recebe a nova CNH em formato digital, sem precisar ir ao DETRAN-MT."
            ),
            aud="cidadao",
            cat="transito documentos",
            who=[
                (
                    "Condutor habilitado",
                    "Ter CNH emitida ou transferida para Mato Grosso, sem suspensão ou cassação em andamento.",
                )
            ],
            steps=[
                st(
                    "Peça a renovação e pague a taxa",
                    "Acesse o serviço com a sua conta MT Login e emita a guia.",
                    "CPF; CNH atual",
                    [("Taxa de renovação da CNH", "128.43")],
                    "web app",
                ),
                st(
                    "Faça o exame médico",
                    "Agende em uma clínica credenciada. Quem exerce atividade remunerada faz também a avaliação psicológica.",
                    "Documento de identidade com foto",
                    [_EXAME_MEDICO],
                    "presencial",
                ),
                st(
                    "Receba a nova CNH",
                    "A CNH digital fica disponível no aplicativo Carteira Digital de Trânsito. A impressa é enviada pelos Correios, se você pedir.",
                    "",
                    [],
                    "app postal",
                ),
            ],
            time=ate(10, "dias-uteis"),
            valid=(10, "anos"),
            url=f"{_D}/renovacao-cnh",
            level="prata",
            units="sede roo sinop tangara bdg caceres gt-cuiaba gt-vg gt-roo gt-sinop",
            laws="ctb contran789",
            kw="exame médico; vencimento; validade da CNH",
        ),
        svc(
            "Emitir a segunda via da CNH",
            acronym="CNH",
            pop=f"{_CNH_POP}; segunda via da CNH; CNH perdida; CNH roubada",
            desc="Peça uma nova via da CNH em caso de perda, roubo, furto ou dano. Os dados e a validade continuam os mesmos.",
            aud="cidadao",
            cat="transito documentos",
            who=[("Condutor habilitado", "Ter CNH válida registrada em Mato Grosso.")],
            steps=[
                st(
                    "Peça a segunda via e pague a taxa",
                    "Informe o motivo do pedido. Em caso de roubo ou furto, informe o número do boletim de ocorrência.",
                    "CPF; Boletim de ocorrência (em caso de roubo ou furto)",
                    [("Taxa de segunda via da CNH", "108.70")],
                    "web app",
                ),
                st(
                    "Receba a CNH",
                    "A CNH digital é liberada na hora. A impressa pode ser retirada na unidade escolhida ou recebida pelos Correios.",
                    "",
                    [],
                    "app presencial postal",
                ),
            ],
            time=ate(5, "dias-uteis"),
            valid="indeterminada",
            url=f"{_D}/segunda-via-cnh",
            level="prata",
            units="sede gt-cuiaba gt-vg gt-roo gt-sinop",
            laws="ctb",
            kw="perda de documento; extravio",
        ),
        svc(
            "Adicionar ou mudar de categoria na CNH",
            acronym="CNH",
            pop=f"{_CNH_POP}; mudança de categoria; adicionar moto; categoria A; categoria D",
            desc=(
                "Inclua a categoria A (moto) na sua CNH ou passe para as categorias C, D ou E, para dirigir "
                "caminhões, ônibus e carretas. Você faz as aulas práticas e o exame de direção da nova categoria."
            ),
            aud="cidadao",
            cat="transito",
            who=[
                (
                    "Condutor habilitado",
                    "Para as categorias C, D e E: tempo mínimo de habilitação e não ter cometido infração grave ou gravíssima nos últimos 12 meses, conforme o Código de Trânsito.",
                )
            ],
            steps=[
                st(
                    "Abra o processo",
                    "Escolha a nova categoria e pague as taxas.",
                    "CPF; CNH válida",
                    [("Taxa de adição ou mudança de categoria", "174.39")],
                    "web",
                ),
                st(
                    "Faça o exame médico e as aulas",
                    "Faça o exame médico e as aulas práticas exigidas em autoescola.",
                    "CNH válida",
                    [_EXAME_MEDICO, ("Aulas práticas em autoescola (valor definido pela autoescola)", None)],
                    "presencial",
                ),
                st(
                    "Faça o exame de direção",
                    "Agende o exame prático da nova categoria.",
                    "",
                    [("Taxa do exame prático de direção", "62.15")],
                    "presencial",
                ),
            ],
            time=entre(20, 60, "dias"),
            valid=(10, "anos"),
            url=f"{_D}/mudanca-categoria",
            units="sede roo sinop tangara bdg caceres",
            laws="ctb contran789",
            kw="caminhão; ônibus; moto; profissional",
        ),
        svc(
            "Emitir a Permissão Internacional para Dirigir (PID)",
            acronym="PID",
            pop="carteira internacional; habilitação internacional; dirigir no exterior; CNH",
            desc="Peça o documento que permite dirigir em países que aderiram à Convenção de Viena sobre Trânsito Viário.",
            aud="cidadao",
            cat="transito documentos",
            who=[("Condutor habilitado", "Ter CNH definitiva e válida (não vale a Permissão para Dirigir).")],
            steps=[
                st(
                    "Peça a PID e pague a taxa",
                    "Preencha o pedido com os dados da viagem.",
                    "CPF; CNH válida; Foto 3x4 recente",
                    [("Taxa de emissão da PID", "258.40")],
                    "web",
                ),
                st(
                    "Retire o documento",
                    "Retire a PID na unidade escolhida, no dia informado.",
                    "Documento de identidade com foto",
                    [],
                    "presencial",
                ),
            ],
            time=ate(5, "dias-uteis"),
            valid=(3, "anos"),
            url=f"{_D}/pid",
            units="sede gt-cuiaba",
            laws="ctb",
            kw="viagem; exterior; Convenção de Viena",
        ),
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
            url=f"{_D}/extrato-cnh",
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
            url=f"{_D}/recurso-multa",
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
            url=f"{_D}/indicacao-condutor",
            level="prata",
            laws="ctb",
            kw="pontuação; autuação; notificação",
        ),
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
            url=f"{_D}/licenciamento",
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
            url=f"{_D}/transferencia",
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
            url=f"{_D}/primeiro-registro",
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
            url=f"{_D}/comunicado-venda",
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
            url=f"{_D}/baixa-veiculo",
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
            url=f"{_D}/vistoria",
            units="sede roo sinop tangara bdg caceres",
            laws="ctb",
            kw="laudo; chassi; motor",
        ),
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
            url=f"{_D}/credenciamento-cfc",
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
            url=f"{_D}/reciclagem",
            units="sede roo sinop",
            laws="ctb contran789",
            kw="suspensão; penalidade; CNH bloqueada",
        ),
    ],
}
