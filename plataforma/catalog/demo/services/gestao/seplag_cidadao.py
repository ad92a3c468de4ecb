"""SEPLAG's citizen and supplier services: Ganha Tempo, concursos públicos and the Cadastro
Geral de Fornecedores."""

from ...builders import IMEDIATO, NAO_ESTIMADO, ate, st, svc
from .common import SEPLAG_URL

SERVICES = {
    "SEPLAG": [
        svc(
            "Agendar atendimento no Ganha Tempo",
            pop="Ganha Tempo; agendamento; marcar horário; central de atendimento",
            desc="Agende o atendimento em uma das unidades Ganha Tempo, que reúnem no mesmo lugar serviços de vários órgãos, como identidade, DETRAN-MT, Procon e JUCEMAT.",
            aud="cidadao empresa",
            cat="cidadania documentos",
            who=[
                (
                    "Qualquer pessoa",
                    "Ter CPF. Para serviços de empresas, o representante leva os documentos da empresa.",
                )
            ],
            steps=[
                st(
                    "Escolha o serviço e a unidade",
                    "Veja quais serviços cada unidade oferece e os horários livres.",
                    "CPF",
                    [],
                    "web app",
                ),
                st(
                    "Compareça no horário",
                    "Chegue com 10 minutos de antecedência, com os documentos do serviço.",
                    "Documento de identidade com foto; Comprovante do agendamento",
                    [],
                    "presencial",
                ),
            ],
            time=IMEDIATO,
            url=f"{SEPLAG_URL}/ganha-tempo",
            units="gt-cuiaba gt-vg gt-roo gt-sinop gt-bdg gt-caceres",
            laws="13460 10048 idoso",
            kw="agendamento; atendimento presencial; unidade de atendimento",
            schedule=False,
        ),
        svc(
            "Inscrever-se em concurso público ou processo seletivo do Estado",
            pop="concurso público; seletivo; vagas no governo; edital",
            desc="Inscreva-se nos concursos públicos e processos seletivos do Poder Executivo, acompanhe o edital e peça isenção da taxa quando tiver direito.",
            aud="cidadao",
            cat="trabalho servidor",
            who=[
                ("Candidato", "Cumprir os requisitos do edital (escolaridade, idade, habilitação)."),
                (
                    "Candidato com direito a isenção",
                    "Estar inscrito no CadÚnico, ser doador de sangue ou de medula, conforme o edital.",
                ),
            ],
            steps=[
                st(
                    "Leia o edital",
                    "Confira cargos, requisitos, datas e a banca organizadora.",
                    "",
                    [],
                    "web",
                ),
                st(
                    "Faça a inscrição",
                    "Preencha o formulário e, se for o caso, peça isenção ou atendimento especial para as provas.",
                    "CPF; Documento de identidade",
                    [("Taxa de inscrição (valor do edital)", None)],
                    "web",
                ),
                st(
                    "Acompanhe as etapas",
                    "Resultados e convocações são publicados no Diário Oficial e no site.",
                    "",
                    [],
                    "web",
                ),
            ],
            time=NAO_ESTIMADO,
            url=f"{SEPLAG_URL}/concursos",
            laws="lbi",
            kw="concurso; seleção; emprego público; edital",
        ),
        svc(
            "Cadastrar fornecedor no Cadastro Geral de Fornecedores do Estado",
            acronym="CGF",
            pop="cadastro de fornecedor; vender para o governo; licitação; SIAG",
            desc="Cadastre a sua empresa para participar das compras públicas do Estado de Mato Grosso (pregões, dispensas e atas de registro de preços).",
            aud="empresa",
            cat="empresas",
            who=[
                (
                    "Empresa ou empresário individual",
                    "Ter CNPJ ativo e as certidões de regularidade fiscal e trabalhista.",
                )
            ],
            steps=[
                st(
                    "Preencha o cadastro",
                    "Informe dados da empresa, sócios, atividades e conta bancária.",
                    "Contrato social; CNPJ; Certidões negativas federal, estadual, municipal, FGTS e trabalhista; Balanço patrimonial",
                    [],
                    "web",
                ),
                st(
                    "Aguarde a validação",
                    "A SEPLAG confere os documentos e libera o certificado de registro cadastral.",
                    "",
                    [],
                    "web",
                ),
            ],
            time=ate(5, "dias-uteis"),
            valid=(1, "anos"),
            url=f"{SEPLAG_URL}/fornecedores",
            level="prata",
            laws="licitacoes lc123",
            kw="licitação; compras públicas; pregão; fornecedor",
        ),
    ],
}
