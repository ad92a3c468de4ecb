"""Corpo de Bombeiros Militar: segurança contra incêndio e pânico, brigadas, captura de animais."""

from ...builders import ate, media, st, svc

_CBM = "https://www.bombeiros.mt.gov.br/servicos"

SERVICES = {
    "CBM-MT": [
        svc(
            "Pedir análise de projeto de segurança contra incêndio e pânico",
            acronym="PSCIP",
            pop="projeto dos bombeiros; projeto de incêndio; PSCIP; PPCI",
            desc="Envie o projeto de segurança contra incêndio e pânico de edificação nova, ampliação ou mudança de uso, para aprovação do Corpo de Bombeiros.",
            aud="empresa cidadao",
            cat="seguranca empresas",
            who=[
                (
                    "Proprietário ou responsável pelo imóvel",
                    "Ter o projeto elaborado por profissional habilitado, com ART ou RRT.",
                )
            ],
            steps=[
                st(
                    "Envie o projeto",
                    "Anexe as plantas e os memoriais.",
                    "Plantas do projeto; Memorial descritivo; ART ou RRT do responsável técnico",
                    [("Taxa de análise de projeto (por m² de área construída)", None)],
                    "web",
                ),
                st(
                    "Corrija as pendências, se houver",
                    "O parecer aponta o que precisa ser ajustado.",
                    "",
                    [],
                    "web",
                ),
                st(
                    "Receba o projeto aprovado",
                    "O projeto aprovado é necessário para a vistoria final.",
                    "",
                    [],
                    "web",
                ),
            ],
            time=ate(30, "dias"),
            valid="indeterminada",
            url=f"{_CBM}/analise-de-projeto",
            level="prata",
            units="dsci roo",
            laws="kiss",
            kw="projeto; incêndio; pânico; engenharia; ART",
        ),
        svc(
            "Pedir vistoria e o certificado de aprovação do Corpo de Bombeiros",
            pop="alvará dos bombeiros; certificado de aprovação; vistoria dos bombeiros; AVCB",
            desc="Peça a vistoria do imóvel para receber o certificado de aprovação, exigido para o alvará de funcionamento de empresas e eventos.",
            aud="empresa",
            cat="seguranca empresas",
            who=[
                (
                    "Empresa ou responsável pelo imóvel",
                    "Ter o projeto aprovado, quando exigido, e os equipamentos instalados.",
                )
            ],
            steps=[
                st(
                    "Peça a vistoria",
                    "Escolha o tipo: edificação permanente ou evento temporário.",
                    "Projeto aprovado; Notas fiscais de recarga dos extintores; ART das instalações",
                    [("Taxa de vistoria (conforme área e risco)", None)],
                    "web",
                ),
                st(
                    "Receba a vistoria",
                    "O vistoriador confere saídas, sinalização, extintores e hidrantes.",
                    "",
                    [],
                    "presencial",
                ),
                st(
                    "Baixe o certificado",
                    "Aprovado, o certificado é emitido com código de autenticidade.",
                    "",
                    [],
                    "web",
                ),
            ],
            time=ate(15, "dias-uteis"),
            valid=(1, "anos"),
            url=f"{_CBM}/vistoria",
            level="prata",
            units="dsci roo",
            laws="kiss",
            kw="vistoria; certificado; alvará; extintor; AVCB",
        ),
        svc(
            "Solicitar treinamento de brigada de incêndio",
            pop="curso de brigadista; brigada de incêndio; treinamento de primeiros socorros",
            desc="Empresas, escolas e condomínios podem pedir palestras e treinamentos de prevenção a incêndios e primeiros socorros.",
            aud="empresa cidadao servidor",
            cat="seguranca",
            who=[("Empresa, escola, condomínio ou órgão público", "Reunir um grupo mínimo de 15 pessoas.")],
            steps=[
                st(
                    "Faça o pedido",
                    "Informe o público, o local e as datas possíveis.",
                    "",
                    [],
                    "web telefone",
                ),
                st("Participe do treinamento", "Os participantes recebem certificado.", "", [], "presencial"),
            ],
            time=ate(30, "dias"),
            url=f"{_CBM}/treinamentos",
            units="dsci",
            laws="kiss",
            kw="brigada; treinamento; primeiros socorros; prevenção",
        ),
        svc(
            "Solicitar captura de animais e remoção de enxames",
            pop="enxame de abelhas; cobra em casa; captura de animal; 193",
            desc="Chame o Corpo de Bombeiros quando houver enxame de abelhas, marimbondos, cobras ou outros animais que ofereçam risco às pessoas.",
            aud="cidadao",
            cat="seguranca ambiente",
            who=[("Qualquer pessoa", "Não há requisito.")],
            steps=[
                st(
                    "Ligue 193",
                    "Informe o endereço, o tipo de animal e se há pessoas feridas.",
                    "",
                    [],
                    "telefone",
                ),
                st(
                    "Mantenha distância até a chegada da equipe",
                    "Afaste pessoas e animais domésticos do local e não tente remover o animal ou o enxame sozinho.",
                    "",
                    [],
                    "telefone",
                ),
            ],
            time=media(40, "minutos"),
            laws="13460",
            kw="abelhas; cobra; animal silvestre; emergência",
            wait="O atendimento pelo 193 é imediato; a equipe chega, em média, em 40 minutos nas cidades com quartel, conforme a prioridade das ocorrências.",
        ),
    ],
}
