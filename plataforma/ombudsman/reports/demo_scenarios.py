"""The scenarios of the relatório de gestão's demo (demo.py plays them): who lodges what, about
which agency and subject, when, and how it ends; and the published analysis texts. Data only."""

from __future__ import annotations

from dataclasses import dataclass

from plataforma.common.documents import make_cpf

FIRST_TITLE = "Fila de cinco horas para a vistoria em Cuiabá"
OTHER_CITIZEN_CPF = make_cpf("963741852")
DESK_CPFS = (make_cpf("147369258"), make_cpf("258147369"))
TEXT = (
    "Relato de demonstração: a pessoa descreve o atendimento que recebeu, quando e onde, e o que espera "
    "que o órgão faça."
)


@dataclass(frozen=True)
class Scenario:
    title: str
    agency: str
    kind: str
    subject: str
    month: int
    day: int
    author: str = "maria"  # maria | joao | ana | anon | desk
    channel: str = "internet"
    outcome: str = "answer"  # answer | archive | open
    answer_days: int = 12
    extended: bool = False
    rating: tuple[bool, int] | None = None  # (resolved, satisfaction 1-5)
    measure: tuple[str, str] | None = None  # (AdoptedMeasure.Kind, description)
    forward: bool = False
    reopen: bool = False
    ago: int = 1  # years before the current one (2: the comparison year)


S = Scenario
SCENARIOS = (
    S(
        FIRST_TITLE,
        "DETRAN-MT",
        "reclamacao",
        "agendamento",
        1,
        14,
        rating=(False, 2),
        forward=True,
        measure=("processo", "Vistoria passou a ser agendada por horário no aplicativo MT Cidadão."),
    ),
    S(
        "Sistema fora do ar na renovação da CNH",
        "DETRAN-MT",
        "reclamacao",
        "canais-digitais",
        2,
        3,
        "joao",
        rating=(True, 4),
        answer_days=8,
    ),
    S(
        "Cobrança de taxa em duplicidade no licenciamento",
        "DETRAN-MT",
        "reclamacao",
        "cobrancas",
        2,
        20,
        "ana",
        answer_days=41,
        extended=True,
        rating=(True, 3),
        measure=("correcao", "Estorno automático das taxas pagas em duplicidade no licenciamento."),
    ),
    S(
        "Servidora muito atenciosa na Ciretran de Sinop",
        "DETRAN-MT",
        "elogio",
        "atendimento",
        3,
        9,
        "joao",
        rating=(True, 5),
        answer_days=3,
    ),
    S(
        "Demora de 60 dias para a segunda via da CNH",
        "DETRAN-MT",
        "reclamacao",
        "demora",
        3,
        25,
        answer_days=38,
        rating=(False, 1),
        reopen=True,
    ),
    S(
        "Atendente grosseiro no balcão de Rondonópolis",
        "DETRAN-MT",
        "reclamacao",
        "atendimento",
        4,
        11,
        "desk",
        channel="presencial",
        measure=("orientacao", "Equipe do balcão de Rondonópolis passou por capacitação em atendimento."),
    ),
    S(
        "Cobrança de propina no pátio de veículos",
        "DETRAN-MT",
        "denuncia",
        "irregularidade",
        5,
        6,
        "anon",
        measure=("apuracao", "Aberta apuração disciplinar na corregedoria do órgão."),
    ),
    S(
        "Exigência de comprovante de residência já cadastrado",
        "DETRAN-MT",
        "simplifique",
        "simplificacao",
        5,
        28,
        "ana",
        rating=(True, 5),
        answer_days=20,
        measure=(
            "simplificacao",
            "Comprovante de residência dispensado quando o endereço já consta no cadastro.",
        ),
    ),
    S(
        "Informação errada sobre documentos da transferência",
        "DETRAN-MT",
        "reclamacao",
        "informacao",
        6,
        17,
        "joao",
        rating=(True, 4),
        measure=("carta", "Lista de documentos da transferência corrigida na Carta de Serviços."),
    ),
    S(
        "Telefone da Ciretran não atende",
        "DETRAN-MT",
        "reclamacao",
        "atendimento",
        7,
        2,
        "desk",
        channel="telefone",
        answer_days=35,
    ),
    S(
        "Placa errada no documento do veículo",
        "DETRAN-MT",
        "solicitacao",
        "documentos",
        8,
        19,
        rating=(True, 4),
        answer_days=6,
    ),
    S(
        "Fila longa sem prioridade para idosos",
        "DETRAN-MT",
        "reclamacao",
        "agendamento",
        9,
        10,
        "ana",
        rating=(False, 2),
        answer_days=25,
    ),
    S(
        "Reclamação repetida sobre a vistoria",
        "DETRAN-MT",
        "reclamacao",
        "agendamento",
        10,
        1,
        outcome="archive",
    ),
    S("Aviso por SMS quando a CNH ficar pronta", "DETRAN-MT", "sugestao", "informacao", 11, 12, "joao"),
    S(
        "Vistoria remarcada três vezes",
        "DETRAN-MT",
        "reclamacao",
        "demora",
        12,
        8,
        "desk",
        channel="carta",
        outcome="open",
    ),
    S(
        "Certidão negativa demora a sair",
        "SEFAZ",
        "reclamacao",
        "demora",
        1,
        28,
        "joao",
        rating=(True, 3),
        answer_days=15,
        measure=("processo", "Emissão da certidão negativa automatizada para contribuintes sem pendências."),
    ),
    S(
        "IPVA cobrado de veículo vendido",
        "SEFAZ",
        "reclamacao",
        "cobrancas",
        3,
        3,
        "ana",
        rating=(True, 4),
        answer_days=22,
    ),
    S(
        "Site da SEFAZ fora do ar no último dia do IPVA",
        "SEFAZ",
        "reclamacao",
        "canais-digitais",
        4,
        30,
        rating=(False, 2),
        answer_days=33,
    ),
    S(
        "Boa orientação no plantão fiscal",
        "SEFAZ",
        "elogio",
        "atendimento",
        6,
        5,
        "joao",
        rating=(True, 5),
        answer_days=4,
    ),
    S(
        "Parcelamento do ICMS com regras confusas",
        "SEFAZ",
        "reclamacao",
        "informacao",
        8,
        8,
        "ana",
        rating=(True, 4),
        answer_days=18,
    ),
    S(
        "Unificar as guias de pagamento",
        "SEFAZ",
        "simplifique",
        "simplificacao",
        9,
        22,
        "maria",
        answer_days=27,
    ),
    S(
        "Dificuldade para emitir a nota fiscal avulsa",
        "SEFAZ",
        "solicitacao",
        "canais-digitais",
        11,
        4,
        "joao",
        rating=(True, 5),
        answer_days=9,
    ),
    S(
        "Remédio de alto custo em falta na farmácia",
        "SES",
        "reclamacao",
        "demora",
        2,
        14,
        "maria",
        answer_days=29,
    ),
    S(
        "Demora no agendamento da consulta especializada",
        "SES",
        "reclamacao",
        "agendamento",
        5,
        19,
        "ana",
        answer_days=52,
        extended=True,
    ),
    S("Atendimento humano na regulação", "SES", "elogio", "atendimento", 7, 30, "joao", answer_days=5),
    S(
        "Falta de transporte escolar na zona rural",
        "SEDUC",
        "reclamacao",
        "infraestrutura",
        3,
        17,
        "maria",
        answer_days=31,
    ),
    S(
        "Matrícula on-line exige documento que a escola já tem",
        "SEDUC",
        "simplifique",
        "simplificacao",
        10,
        20,
        "ana",
        answer_days=14,
    ),
    # The year before, for the comparison of the recurring points (art. 15 III).
    S(
        "Atendimento demorado no balcão de Cuiabá",
        "DETRAN-MT",
        "reclamacao",
        "atendimento",
        3,
        4,
        "joao",
        ago=2,
    ),
    S("Servidor não soube informar os documentos", "DETRAN-MT", "reclamacao", "atendimento", 5, 12, ago=2),
    S("Agenda da vistoria sempre lotada", "DETRAN-MT", "reclamacao", "agendamento", 6, 18, "ana", ago=2),
    S(
        "Fila sem senha no posto de Várzea Grande",
        "DETRAN-MT",
        "reclamacao",
        "agendamento",
        8,
        2,
        "joao",
        ago=2,
    ),
    S(
        "Demora na transferência de propriedade",
        "DETRAN-MT",
        "reclamacao",
        "demora",
        9,
        9,
        ago=2,
        answer_days=34,
    ),
    S("IPVA cobrado em dobro", "SEFAZ", "reclamacao", "cobrancas", 2, 7, "ana", ago=2),
    S("Multa de ICMS sem explicação", "SEFAZ", "reclamacao", "cobrancas", 7, 21, "joao", ago=2),
    S("Portal da SEFAZ lento", "SEFAZ", "reclamacao", "canais-digitais", 10, 15, ago=2),
)
ANALYSIS = (
    "As reclamações foram o tipo mais frequente de manifestação, e os assuntos que mais se repetiram foram o "
    "agendamento e as filas, a demora no atendimento e as cobranças. No DETRAN-MT, as filas da vistoria e do "
    "balcão concentraram as queixas do primeiro semestre; na SEFAZ, as falhas "
    "do site nos dias de vencimento do "
    "IPVA.\n\nA maior parte das manifestações foi respondida dentro do prazo "
    "de 30 dias, mas houve atrasos nas "
    "que dependiam de outras áreas, sobretudo na saúde. Algumas respostas foram reabertas porque o problema "
    "continuava: a resposta informava a providência, mas não a data em que ela teria efeito."
)
RECOMMENDATIONS = (
    "1. Ampliar o agendamento com hora marcada nas unidades com mais "
    "reclamações de fila, reservando horários "
    "para as prioridades legais.\n\n2. Avisar os usuários pelo aplicativo quando um serviço digital estiver "
    "fora do ar e prorrogar automaticamente os vencimentos afetados.\n\n3. "
    "Nas respostas, dizer o que foi feito "
    "e quando o usuário verá o resultado.\n\n4. Revisar a Carta de Serviços "
    "sempre que uma manifestação mostrar "
    "informação errada ou incompleta."
)
AGENCY_ANALYSIS = (
    "A vistoria e o atendimento no balcão responderam por metade das reclamações do ano. A adoção do "
    "agendamento por horário reduziu as queixas de fila no segundo semestre."
)
AGENCY_RECOMMENDATIONS = (
    "Estender o agendamento por horário a todas as Ciretrans e capacitar as equipes de balcão em atendimento."
)
