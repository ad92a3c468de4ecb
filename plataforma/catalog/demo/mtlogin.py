"""MT Login demo data: citizens at each level, the DETRAN-MT editor as its agency's gestor and
attendant, and a company with a partner and a collaborator — all created through the same
services people use, so every row has its audit trail."""

from __future__ import annotations

from django.utils import timezone

from plataforma.catalog.models import Agency, ServiceUnit
from plataforma.common.crypto import encrypt
from plataforma.common.documents import make_cnpj, make_cpf
from plataforma.identity.companies import services as companies
from plataforma.identity.companies.models import Company, CompanyTie
from plataforma.identity.levels.models import LevelValidation
from plataforma.identity.levels.services import level_raise
from plataforma.identity.mfa.models import TOTPDevice
from plataforma.identity.models import AgencyRole, Level, User
from plataforma.identity.oidc import services as oidc
from plataforma.identity.oidc.models import OIDCClient
from plataforma.identity.services import agency_role_grant

from . import DemoAccount

CITIZENS = [
    DemoAccount(
        make_cpf("741852963"),
        "Maria Aparecida da Silva",
        "maria.silva.demo@example.org",
        "Cidadã, nível bronze, sócia de empresa",
    ),
    DemoAccount(
        make_cpf("852963741"),
        "João Batista Moraes",
        "joao.moraes.demo@example.org",
        "Cidadão, nível prata (validado no balcão), colaborador da empresa",
    ),
    DemoAccount(
        make_cpf("963741852"),
        "Ana Lúcia Campos",
        "ana.campos.demo@example.org",
        "Cidadã com verificação em duas etapas (aplicativo autenticador)",
    ),
]
# The demo authenticator's seed is published on purpose (README), so that anyone trying the demo
# can add it to an authenticator app. Local demo only: load_demo refuses to run in production.
DEMO_TOTP_SECRET = "MTLOGINDEMODOISFATORESABCDEFGHIJ"  # noqa: S105
DEMO_COMPANY = {"cnpj": make_cnpj("123450001000"), "legal_name": "Comércio de Peças Pantanal Ltda"}
DETRAN_SERVANT_ROLES = (AgencyRole.Role.MANAGER, AgencyRole.Role.ATTENDANT)
# A public client (an app: no secret, PKCE) that returns to a local address, to try the flow.
DEMO_CLIENT = {
    "client_id": "mt-cidadao-demo",
    "name": "Aplicativo MT Cidadão (demonstração)",
    "redirect_uris": "http://localhost:8001/retorno http://127.0.0.1:8001/retorno",
    "post_logout_redirect_uris": "http://localhost:8001/ http://127.0.0.1:8001/",
    "allowed_scopes": "openid profile email phone cpf nivel empresas servidor solicitacoes agendamentos manifestacoes",
    "description": "Aplicativo de demonstração do MT Login, para testar a integração no computador local.",
}


def load_mt_login(*, admin: User, detran_editor: User, account, report) -> list[DemoAccount]:
    """Idempotent: each step checks what exists first. `account` creates a demo account."""
    detran = Agency.objects.get(acronym="DETRAN-MT")
    for role in DETRAN_SERVANT_ROLES:
        if not AgencyRole.objects.filter(
            user=detran_editor, agency=detran, role=role, revoked_at__isnull=True
        ).exists():
            agency_role_grant(actor=admin, user=detran_editor, agency=detran, role=role)
            report.add("papéis de servidor")
    maria, joao, ana = (account(spec, report) for spec in CITIZENS)
    if not TOTPDevice.objects.filter(user=ana).exists():
        TOTPDevice.objects.create(
            user=ana, secret_encrypted=encrypt(DEMO_TOTP_SECRET), confirmed_at=timezone.now()
        )
        report.add("aplicativos autenticadores")
    if not LevelValidation.objects.filter(user=joao).exists():
        level_raise(
            user=joao,
            level=Level.PRATA,
            method=LevelValidation.Method.DESK,
            actor=detran_editor,
            agency=detran,
            unit=ServiceUnit.objects.filter(agency=detran).order_by("name").first(),
            document_type=LevelValidation.Document.CNH,
            document_reference="4821",
        )
        report.add("validações de nível")
    company = Company.objects.filter(cnpj=DEMO_COMPANY["cnpj"]).first()
    if company is None:
        tie = companies.tie_request(
            actor=maria, cnpj=DEMO_COMPANY["cnpj"], legal_name=DEMO_COMPANY["legal_name"], role="socio"
        )
        companies.tie_validate(
            actor=detran_editor, tie=tie, agency=detran, note="Contrato social conferido (demonstração)"
        )
        company = tie.company
        report.add("empresas")
    if not CompanyTie.objects.filter(company=company, user=joao).exists():
        companies.tie_grant(actor=maria, company=company, user=joao, role="colaborador")
        report.add("vínculos com empresas")
    if not OIDCClient.objects.filter(client_id=DEMO_CLIENT["client_id"]).exists():
        client = OIDCClient(
            **DEMO_CLIENT,
            client_type=OIDCClient.CLIENT_PUBLIC,
            authorization_grant_type=OIDCClient.GRANT_AUTHORIZATION_CODE,
            agency=Agency.objects.get(acronym="MTI"),
        )
        oidc.client_save(client=client, actor=admin)
        report.add("aplicativos clientes")
    return CITIZENS
