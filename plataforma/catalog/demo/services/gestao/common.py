"""Facts shared by the gestão de pessoas service modules."""

SEPLAG_URL = "https://www.seplag.mt.gov.br/servicos"
SERVIDOR_EFETIVO = (
    "Servidor público estadual efetivo",
    "Ter matrícula ativa no Poder Executivo de Mato Grosso.",
)
