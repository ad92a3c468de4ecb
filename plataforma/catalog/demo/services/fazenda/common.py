"""Facts shared by the SEFAZ service modules."""

SEFAZ_URL = "https://www.sefaz.mt.gov.br/servicos"
