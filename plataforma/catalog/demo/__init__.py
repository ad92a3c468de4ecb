"""Demo data of the Portal Único de Serviços, loaded by `python manage.py load_demo` (which
`make run` calls on every start; a second run changes nothing).

What it holds, all written by hand in plain Brazilian Portuguese:
- `agencies/`: the real agencies of the Executive of Mato Grosso (direct and indirect
  administration): `required` (the 13 the brief requires), `others`, written with
  `record.agency`. The CNPJs are ILLUSTRATIVE (valid check digits, generated with
  `make_cnpj`), not the agencies' real ones;
- `categories`: the categories (áreas de interesse) and the short names services use for them;
- `units/`: service units (Ganha Tempo network, DETRAN-MT ciretrans, regional offices), one
  module per group of agencies, with the helpers in `records`;
- `services/`: one subpackage per group of agencies (`governo` is a single module), with one
  module per agency, or per sub-domain where an agency has many services, holding the facts of
  each service;
- `builders/`: the compact spec the service modules are written in (`spec`, `laws`) and what
  fills the parts every Carta entry shares (`commitments`: Lei 13.460/2017 art. 7 §3
  commitments; `channels`), assembled by `content.build_content`;
- `loader`: writes everything through the real domain services (service_create →
  version_submit → version_publish, agency_role_grant), so the data is what editors produce.

Demo accounts (LOCAL DEMO ONLY — never load this in production). All share one password:

    Administrador da plataforma: CPF 111.444.777-35
    Editora — Fazenda, planejamento e controle: CPF 529.982.247-25
    Editor — DETRAN-MT: CPF 390.533.447-05
    Editora — Segurança pública: CPF 123.456.789-09
    Editor — Saúde, assistência social e consumidor: CPF 987.654.321-00
    Editora — Educação, ciência e cultura: CPF 246.813.579-28
    Editor — Desenvolvimento, campo e meio ambiente: CPF 135.792.468-28
    Senha: carta-demo-mt
"""

from __future__ import annotations

from dataclasses import dataclass

from plataforma.common.documents import make_cpf

# A documented, local-only password for the demo accounts (printed by load_demo).
DEMO_PASSWORD = "carta-demo-mt"  # noqa: S105


@dataclass(frozen=True)
class DemoAccount:
    cpf: str
    full_name: str
    email: str
    label: str
    agencies: tuple[str, ...] = ()


ADMIN = DemoAccount(
    cpf="11144477735",
    full_name="Ana Paula Rondon (administradora da demonstração)",
    email="admin.demo@mt.gov.br",
    label="Administrador da plataforma",
)

EDITORS: list[DemoAccount] = [
    DemoAccount(
        make_cpf("529982247"),
        "Beatriz Campos Arruda",
        "beatriz.arruda.demo@mt.gov.br",
        "Editora — Fazenda, planejamento e controle",
        ("SEFAZ", "SEPLAG", "PGE", "CGE", "MTI", "MTPREV", "CASA CIVIL"),
    ),
    DemoAccount(
        make_cpf("390533447"),
        "Carlos Eduardo Nunes",
        "carlos.nunes.demo@mt.gov.br",
        "Editor, gestor e atendente — DETRAN-MT",
        ("DETRAN-MT",),
    ),
    DemoAccount(
        make_cpf("123456789"),
        "Daniela Figueiredo Lima",
        "daniela.lima.demo@mt.gov.br",
        "Editora — Segurança pública",
        ("SESP", "PJC", "PMMT", "CBM-MT", "POLITEC"),
    ),
    DemoAccount(
        make_cpf("987654321"),
        "Eduardo Siqueira Prado",
        "eduardo.prado.demo@mt.gov.br",
        "Editor — Saúde, assistência social e consumidor",
        ("SES", "MT SAÚDE", "SETASC", "PROCON-MT"),
    ),
    DemoAccount(
        make_cpf("246813579"),
        "Fernanda Costa Marques",
        "fernanda.marques.demo@mt.gov.br",
        "Editora — Educação, ciência e cultura",
        ("SEDUC", "UNEMAT", "SECITECI", "SECEL"),
    ),
    DemoAccount(
        make_cpf("135792468"),
        "Gustavo Almeida Rocha",
        "gustavo.rocha.demo@mt.gov.br",
        "Editor — Desenvolvimento, campo e meio ambiente",
        (
            "SEDEC",
            "JUCEMAT",
            "DESENVOLVE MT",
            "AGER",
            "SINFRA",
            "INDEA",
            "SEAF",
            "EMPAER",
            "INTERMAT",
            "SEMA",
        ),
    ),
]
