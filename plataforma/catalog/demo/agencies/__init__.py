"""Agencies (órgãos e entidades of the Executive of Mato Grosso) of the demo: the 13 the brief
requires in `required`, the others in `others`, both written with `record.agency`.

The names, acronyms, kind of administration and competences are those of the real agencies.
The CNPJs are ILLUSTRATIVE, not the agencies' real ones: they are generated with
`make_cnpj` so that they pass the check digits. Telephone numbers and e-mail addresses follow
the agencies' usual patterns but are also illustrative; check the agency's site before using them.
The Defensoria Pública is not part of the Executive and is therefore not listed.
"""

from __future__ import annotations

from . import others, required

AGENCIES: list[dict] = [*required.AGENCIES, *others.AGENCIES]

# How the agency's telephone line works, where it is not an ordinary office line.
PHONE_NOTES: dict[str, str] = {
    "CBM-MT": "Emergências: 193, ligação gratuita, 24 horas por dia",
    "PROCON-MT": "Disque Procon 151, ligação gratuita, de segunda a sexta, das 8h às 17h",
}


def phone_note(acronym: str, phone: str) -> str:
    if acronym in PHONE_NOTES:
        return PHONE_NOTES[acronym]
    if phone.startswith("0800"):
        return "Ligação gratuita, de segunda a sexta, das 8h às 18h"
    return "Central de atendimento, de segunda a sexta, das 8h às 18h"


# The agencies the brief lists as mandatory for the demo; tests check all of them are loaded.
REQUIRED_ACRONYMS = [
    "SEPLAG",
    "SEFAZ",
    "DETRAN-MT",
    "SESP",
    "SES",
    "SEDUC",
    "JUCEMAT",
    "INDEA",
    "MTI",
    "PGE",
    "CGE",
    "SETASC",
    "SEMA",
]
