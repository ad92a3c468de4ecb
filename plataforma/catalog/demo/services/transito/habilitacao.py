"""DETRAN-MT: habilitação de condutores (primeira CNH, renovação, segunda via, categoria e PID)."""

from ...builders import ate, entre, st, svc
from .common import DETRAN_URL

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
            url=f"{DETRAN_URL}/primeira-habilitacao",
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
            url=f"{DETRAN_URL}/renovacao-cnh",
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
            url=f"{DETRAN_URL}/segunda-via-cnh",
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
            url=f"{DETRAN_URL}/mudanca-categoria",
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
            url=f"{DETRAN_URL}/pid",
            units="sede gt-cuiaba",
            laws="ctb",
            kw="viagem; exterior; Convenção de Viena",
        ),
    ],
}
