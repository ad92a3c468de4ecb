"""Governo e controle: CGE (ouvidoria, transparência), MTI (tecnologia) and Casa Civil."""

from ..builders import IMEDIATO, ate, entre, media, st, svc

SERVICES = {
    "CGE": [
        svc(
            "Registrar manifestação na Ouvidoria-Geral do Estado",
            pop="ouvidoria; reclamação; denúncia; elogio; sugestão; Fale Cidadão",
            desc=(
                "Registre uma reclamação, denúncia, sugestão, elogio ou pedido de providência sobre qualquer órgão ou serviço "
                "do Poder Executivo. Você não precisa dizer o motivo e pode pedir sigilo da sua identidade. A resposta sai em "
                "até 30 dias, prorrogáveis uma vez por mais 30."
            ),
            aud="cidadao empresa servidor",
            cat="cidadania",
            who=[
                (
                    "Qualquer pessoa",
                    "Não há requisito. A manifestação pode ser identificada, sigilosa ou, no caso de denúncia, anônima.",
                )
            ],
            steps=[
                st(
                    "Registre a manifestação",
                    "Conte o que aconteceu, quando e onde. Anexe documentos, fotos ou áudios, se tiver.",
                    "Documentos ou imagens, se tiver",
                    [],
                    "web app telefone presencial",
                ),
                st(
                    "Guarde o protocolo",
                    "O número do protocolo permite acompanhar a resposta.",
                    "",
                    [],
                    "web app",
                ),
                st(
                    "Receba a resposta",
                    "O órgão responsável analisa e responde. Se não ficar satisfeito, você pode pedir reanálise.",
                    "",
                    [],
                    "web app",
                ),
            ],
            time=ate(30, "dias"),
            url="https://www.controladoria.mt.gov.br/ouvidoria/manifestacao",
            units="sede",
            laws="13460 lai lgpd",
            kw="ouvidoria; reclamação; denúncia; elogio; sugestão; manifestação",
            status="Acompanhe com o número de protocolo no portal da Ouvidoria, no MT Cidadão ou pelo telefone 162.",
        ),
        svc(
            "Pedir acesso à informação pública (LAI)",
            acronym="e-SIC",
            pop="lei de acesso à informação; LAI; e-SIC; pedido de informação",
            desc="Peça qualquer informação pública produzida ou guardada pelos órgãos do Poder Executivo. Não é preciso dizer por que você quer a informação.",
            aud="cidadao empresa",
            cat="cidadania",
            who=[("Qualquer pessoa ou empresa", "Identificar-se com nome e CPF ou CNPJ.")],
            steps=[
                st(
                    "Faça o pedido",
                    "Descreva a informação com clareza e escolha o órgão.",
                    "",
                    [],
                    "web presencial",
                ),
                st(
                    "Receba a resposta",
                    "O prazo é de 20 dias, prorrogáveis por mais 10, com justificativa.",
                    "",
                    [],
                    "web",
                ),
                st(
                    "Recorra, se precisar",
                    "Se a informação for negada, recorra em até 10 dias.",
                    "",
                    [],
                    "web",
                ),
            ],
            time=ate(20, "dias"),
            url="https://www.controladoria.mt.gov.br/transparencia/esic",
            units="sede",
            laws="lai lgpd",
            kw="transparência; informação; e-SIC; recurso",
        ),
        svc(
            "Consultar gastos e receitas no Portal da Transparência",
            pop="portal da transparência; salário de servidor; contratos do governo; gastos públicos",
            desc="Consulte receitas, despesas, contratos, convênios, diárias e a remuneração dos servidores do Poder Executivo, com dados abertos para baixar.",
            aud="cidadao empresa",
            cat="cidadania tributos",
            who=[("Qualquer pessoa", "Não há requisito.")],
            steps=[
                st(
                    "Consulte o portal",
                    "Busque por órgão, fornecedor, período ou assunto. Os dados podem ser baixados em CSV.",
                    "",
                    [],
                    "web",
                ),
                st(
                    "Peça a informação que não encontrou",
                    "Se o dado não estiver no portal, faça um pedido de acesso à informação.",
                    "",
                    [],
                    "web",
                ),
            ],
            time=IMEDIATO,
            url="https://www.transparencia.mt.gov.br/",
            laws="lai 14129",
            kw="transparência; dados abertos; despesas; contratos; remuneração",
        ),
        svc(
            "Exercer seus direitos sobre dados pessoais (LGPD)",
            pop="LGPD; meus dados; proteção de dados; encarregado de dados",
            desc="Pergunte quais dados pessoais seus o Estado trata, peça correção, saiba com quem foram compartilhados ou faça outra solicitação prevista na Lei Geral de Proteção de Dados.",
            aud="cidadao servidor",
            cat="cidadania",
            who=[
                (
                    "Titular dos dados",
                    "Identificar-se com conta MT Login nível prata ou superior, para proteger seus próprios dados.",
                )
            ],
            steps=[
                st(
                    "Faça a solicitação",
                    "Escolha o tipo de pedido (acesso, correção, informação sobre compartilhamento) e o órgão.",
                    "CPF",
                    [],
                    "web",
                ),
                st(
                    "Receba a resposta",
                    "O encarregado de dados do órgão responde em até 15 dias.",
                    "",
                    [],
                    "web app",
                ),
            ],
            time=ate(15, "dias"),
            url="https://www.controladoria.mt.gov.br/lgpd",
            level="prata",
            laws="lgpd 14129",
            kw="LGPD; privacidade; dados pessoais; titular",
        ),
    ],
    "MTI": [
        svc(
            "Emitir certificado digital para servidor público",
            pop="certificado digital; e-CPF; token; assinatura digital",
            desc="Emita o certificado digital ICP-Brasil (e-CPF) para assinar documentos eletrônicos no exercício do cargo. A MTI é Autoridade de Registro.",
            aud="servidor",
            cat="servidor ciencia",
            who=[("Servidor público estadual", "Ter indicação da chefia e o pedido aprovado pelo órgão.")],
            steps=[
                st(
                    "Peça pelo seu órgão",
                    "O setor de TI do órgão envia a solicitação à MTI.",
                    "Ofício ou pedido do órgão",
                    [],
                    "web",
                ),
                st(
                    "Valide a identidade",
                    "Compareça à Autoridade de Registro para a validação presencial ou faça por videoconferência.",
                    "Documento de identidade com foto; CPF; Comprovante de residência",
                    [],
                    "presencial",
                ),
                st(
                    "Instale o certificado",
                    "Baixe o certificado no token ou na nuvem, conforme o tipo.",
                    "",
                    [],
                    "web",
                ),
            ],
            time=ate(5, "dias-uteis"),
            valid=(3, "anos"),
            url="https://www.mti.mt.gov.br/certificacao-digital",
            level="ouro",
            units="sede",
            laws="icp",
            kw="certificado; ICP-Brasil; e-CPF; assinatura eletrônica",
        ),
        svc(
            "Pedir hospedagem de sistema no data center do Estado",
            pop="hospedagem; servidor de aplicação; nuvem do governo; data center",
            desc="Solicite a hospedagem de um sistema do seu órgão no data center da MTI, com cópia de segurança, monitoramento e segurança.",
            aud="servidor",
            cat="ciencia servidor",
            who=[
                (
                    "Gestor de TI de órgão ou entidade estadual",
                    "Ter o sistema documentado e o termo de adesão ao catálogo de serviços da MTI.",
                )
            ],
            steps=[
                st(
                    "Abra o pedido",
                    "Descreva o sistema, a capacidade e a disponibilidade necessárias.",
                    "Documento de arquitetura do sistema; Termo de adesão",
                    [],
                    "web",
                ),
                st(
                    "Receba a proposta técnica e de preço",
                    "A MTI responde com a solução e o preço do catálogo padronizado.",
                    "",
                    [("Preço do catálogo de serviços padronizados da MTI", None)],
                    "web",
                ),
                st(
                    "Implante", "As equipes do órgão e da MTI fazem a implantação e os testes.", "", [], "web"
                ),
            ],
            time=entre(10, 30, "dias-uteis"),
            url="https://www.mti.mt.gov.br/hospedagem",
            level="prata",
            laws="14129",
            kw="data center; nuvem; infraestrutura; catálogo de serviços",
        ),
        svc(
            "Abrir chamado na Central de Serviços de TI",
            pop="suporte técnico; chamado; help desk; problema no sistema",
            desc="Registre um problema ou pedido de suporte dos sistemas e da rede do Estado atendidos pela MTI.",
            aud="servidor",
            cat="ciencia servidor",
            who=[("Servidor público estadual", "Ter usuário na rede do Estado.")],
            steps=[
                st(
                    "Abra o chamado",
                    "Descreva o problema, o sistema e o seu contato.",
                    "",
                    [],
                    "web telefone email",
                ),
                st(
                    "Acompanhe",
                    "Você recebe o número do chamado e os avisos de andamento.",
                    "",
                    [],
                    "web email",
                ),
            ],
            time=media(4, "horas"),
            url="https://www.mti.mt.gov.br/central-de-servicos",
            level="bronze",
            laws="14129",
            kw="suporte; chamado; help desk; rede",
        ),
        svc(
            "Solicitar conta de e-mail institucional",
            pop="e-mail do governo; e-mail institucional; caixa postal",
            desc="Peça a criação da conta de e-mail @mt.gov.br para servidor ou setor do órgão.",
            aud="servidor",
            cat="servidor ciencia",
            who=[("Servidor público estadual", "Pedido feito pelo responsável de TI do órgão.")],
            steps=[
                st(
                    "Peça pelo órgão",
                    "O responsável de TI envia o pedido com os dados do servidor.",
                    "Matrícula; Lotação",
                    [],
                    "web",
                ),
                st("Ative a conta", "Você recebe as instruções de primeiro acesso.", "", [], "email"),
            ],
            time=ate(2, "dias-uteis"),
            url="https://www.mti.mt.gov.br/email",
            laws="14129",
            kw="e-mail; conta; correio eletrônico",
        ),
    ],
    "CASA CIVIL": [
        svc(
            "Solicitar audiência no Gabinete do Governador",
            pop="audiência com o governador; agenda do governador; reunião com o governo",
            desc="Peça uma audiência com o Governador ou com a equipe do Gabinete, para entidades, prefeituras e lideranças.",
            aud="cidadao empresa servidor",
            cat="cidadania",
            who=[("Entidade, prefeitura, empresa ou liderança", "Informar o assunto e os participantes.")],
            steps=[
                st(
                    "Envie o pedido",
                    "Descreva o assunto, a proposta e a lista de participantes.",
                    "Ofício com o assunto",
                    [],
                    "web email",
                ),
                st(
                    "Aguarde o retorno",
                    "O cerimonial avisa a data ou encaminha o assunto à secretaria responsável.",
                    "",
                    [],
                    "email telefone",
                ),
            ],
            time=ate(30, "dias"),
            url="https://www.casacivil.mt.gov.br/audiencias",
            laws="13460",
            kw="audiência; governador; agenda; reunião",
        ),
        svc(
            "Cadastrar proposta de convênio de município com o Estado",
            pop="convênio com o Estado; emenda parlamentar; transferência voluntária",
            desc="Cadastre a proposta de convênio do município ou entidade sem fins lucrativos para receber recursos estaduais, inclusive de emendas parlamentares.",
            aud="servidor empresa",
            cat="infraestrutura cidadania",
            who=[
                (
                    "Município ou entidade sem fins lucrativos",
                    "Estar adimplente com o Estado e ter o plano de trabalho.",
                )
            ],
            steps=[
                st(
                    "Cadastre a proposta",
                    "Informe o objeto, o plano de trabalho e o cronograma.",
                    "Plano de trabalho; Certidões de regularidade; Documento do representante legal",
                    [],
                    "web",
                ),
                st(
                    "Acompanhe a análise",
                    "A secretaria responsável analisa e pode pedir ajustes.",
                    "",
                    [],
                    "web",
                ),
                st(
                    "Assine o convênio",
                    "Aprovada, a proposta vira convênio publicado no Diário Oficial.",
                    "",
                    [],
                    "web",
                ),
            ],
            time=entre(30, 90, "dias"),
            url="https://www.casacivil.mt.gov.br/convenios",
            level="prata",
            laws="licitacoes",
            kw="convênio; município; emenda; repasse",
        ),
    ],
}

DRAFT_ONLY = {
    "MTI": [
        svc(
            "Pedir a integração de sistema ao X-VIA",
            acronym="X-VIA",
            pop="X-VIA; interoperabilidade; integração entre órgãos; barramento",
            desc="Peça a ligação de um sistema do seu órgão à plataforma de interoperabilidade X-VIA, para trocar dados com segurança com outros órgãos.",
            aud="servidor",
            cat="ciencia servidor",
            who=[
                (
                    "Gestor de TI de órgão ou entidade estadual",
                    "Ter o serviço a ser publicado ou consumido documentado.",
                )
            ],
            steps=[
                st(
                    "Registre o pedido",
                    "Informe o sistema, os serviços e os órgãos envolvidos.",
                    "Documentação da API",
                    [],
                    "web",
                ),
                st(
                    "Instale o servidor de segurança",
                    "A MTI orienta a instalação do servidor de segurança do órgão.",
                    "",
                    [],
                    "web",
                ),
            ],
            time=entre(10, 30, "dias-uteis"),
            url="https://www.mti.mt.gov.br/x-via",
            level="prata",
            laws="14129",
            kw="X-VIA; interoperabilidade; API",
        ),
    ],
}
