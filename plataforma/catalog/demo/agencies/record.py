"""How an agency of the demo is written: `agency()` fills in the slug, the illustrative CNPJ and
the ombudsman contacts from the few facts given."""

from __future__ import annotations

from plataforma.common.documents import make_cnpj

DIRECT, INDIRECT = "direta", "indireta"
ORGAO = "Órgão da administração direta"
AUTARQUIA = "Autarquia estadual"


def agency(
    n: int,
    acronym: str,
    name: str,
    administration: str,
    legal_nature: str,
    description: str,
    website: str,
    phone: str,
    ombudsman_phone: str,
    slug: str | None = None,
) -> dict:
    domain = website.removeprefix("https://").removeprefix("www.").rstrip("/")
    return {
        "acronym": acronym,
        "name": name,
        "slug": slug or acronym.lower().replace(" ", "-"),
        # Illustrative CNPJ (root 7xxxxxxx, branch 0001), valid check digits.
        "cnpj": make_cnpj(f"7{n:07d}0001"),
        "administration": administration,
        "legal_nature": legal_nature,
        "description": description,
        "website": website,
        "phone": phone,
        "ombudsman_email": f"ouvidoria@{domain}",
        "ombudsman_phone": ombudsman_phone,
        "ombudsman_url": f"{website}ouvidoria",
    }
