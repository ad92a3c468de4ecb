"""Facts shared by the DETRAN-MT service modules."""

DETRAN_URL = "https://www.detran.mt.gov.br/servicos"
