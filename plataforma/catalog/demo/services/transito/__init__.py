"""DETRAN-MT: habilitação de condutores, veículos e infrações. Fees are illustrative values in the
range DETRAN-MT charges; the legislation is real."""

from ..merge import merged
from . import formacao, habilitacao, infracoes, veiculos

SERVICES: dict[str, list[dict]] = merged(habilitacao, infracoes, veiculos, formacao)
