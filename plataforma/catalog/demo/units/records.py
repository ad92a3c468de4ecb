"""How a unit of the demo is written: `unit()` for any address, `cpa()` for a building of the
Centro Político Administrativo in Cuiabá, `ganha_tempo()` for an agency's counters in the Ganha
Tempo buildings (GANHA_TEMPO)."""

from __future__ import annotations

_HOURS = "Segunda a sexta, das 8h às 17h"
_HOURS_GT = "Segunda a sexta, das 7h às 19h; sábado, das 7h às 13h"
_ACCESS = "Entrada com rampa, piso tátil, banheiro adaptado e assentos preferenciais."
_ACCESS_GT = (
    "Entrada sem degraus, piso tátil, banheiro adaptado, assentos preferenciais, cadeira de rodas para "
    "empréstimo e atendimento em Libras com agendamento."
)

_CPA = ("Centro Político Administrativo", "Cuiabá", "78049005")


def unit(key, name, street, number, district, city, cep, hours=_HOURS, phone="", access=_ACCESS) -> dict:
    return {
        "key": key,
        "name": name,
        "street": street,
        "number": number,
        "district": district,
        "city": city,
        "postal_code": cep,
        "opening_hours": hours,
        "phone": phone,
        "accessibility": access,
    }


def cpa(key, name, street, number="s/n", phone="") -> dict:
    district, city, cep = _CPA
    return unit(key, name, street, number, district, city, cep, phone=phone)


# Ganha Tempo buildings: key → (name, street, number, district, city, CEP, phone)
GANHA_TEMPO: dict[str, tuple[str, str, str, str, str, str, str]] = {
    "gt-cuiaba": (
        "Ganha Tempo Cuiabá — CPA",
        "Avenida Historiador Rubens de Mendonça",
        "2000",
        "Bosque da Saúde",
        "Cuiabá",
        "78050000",
        "(65) 3648-3700",
    ),
    "gt-vg": (
        "Ganha Tempo Várzea Grande",
        "Avenida Couto Magalhães",
        "1500",
        "Centro-Norte",
        "Várzea Grande",
        "78110400",
        "(65) 3688-7400",
    ),
    "gt-roo": (
        "Ganha Tempo Rondonópolis",
        "Avenida Amazonas",
        "1200",
        "Vila Aurora",
        "Rondonópolis",
        "78740000",
        "(66) 3411-6200",
    ),
    "gt-sinop": (
        "Ganha Tempo Sinop",
        "Avenida das Itaúbas",
        "3500",
        "Setor Comercial",
        "Sinop",
        "78550100",
        "(66) 3511-9200",
    ),
    "gt-bdg": (
        "Ganha Tempo Barra do Garças",
        "Avenida Ministro João Alberto",
        "600",
        "Centro",
        "Barra do Garças",
        "78600000",
        "(66) 3402-2200",
    ),
    "gt-caceres": (
        "Ganha Tempo Cáceres",
        "Rua Coronel José Dulce",
        "250",
        "Centro",
        "Cáceres",
        "78200000",
        "(65) 3223-4200",
    ),
}


def ganha_tempo(*keys: str) -> list[dict]:
    units = []
    for key in keys or tuple(GANHA_TEMPO):
        name, street, number, district, city, cep, phone = GANHA_TEMPO[key]
        units.append(unit(key, name, street, number, district, city, cep, _HOURS_GT, phone, _ACCESS_GT))
    return units
