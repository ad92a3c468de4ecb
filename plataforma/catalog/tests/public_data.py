"""Data and helpers shared by the public page tests (test_public_*.py; the fixtures that use them
are in conftest.py): the names that must never appear publicly, and the licence service."""

from __future__ import annotations

from plataforma.catalog.tests.factories import content_data

DRAFT_NAME = "Pedir alvará secreto ainda em rascunho"
NEW_DRAFT_NAME = "Texto novo ainda não publicado da certidão"
UNPUBLISHED_NAME = "Serviço descontinuado do catálogo"


def licence_content(unit_id: str) -> dict:
    return content_data(
        name="Renovar a Carteira Nacional de Habilitação",
        acronym="CNH",
        popular_names=["Renovação da carteira de motorista"],
        description="Renove a sua CNH quando ela estiver perto de vencer ou vencida.",
        audiences=["cidadao"],
        categories=["transito"],
        is_digital=True,
        digital_url="https://servicos.detran.mt.gov.br/renovar-cnh",
        min_login_level="prata",
        unit_ids=[unit_id],
        steps=[
            {
                "title": "Pedir a renovação",
                "description": "Preencha o pedido no site.",
                "documents": ["Documento de identidade com foto"],
                "channels": [
                    {
                        "type": "web",
                        "description": "Site do DETRAN-MT",
                        "address": "https://detran.mt.gov.br",
                    },
                ],
            },
            {
                "title": "Fazer o exame médico",
                "documents": ["Comprovante de residência"],
                "channels": [
                    {
                        "type": "presencial",
                        "description": "Na unidade escolhida",
                        "estimated_wait": {"kind": "ate", "max": 30, "unit": "minutos"},
                    },
                    {"type": "telefone", "description": "Central de atendimento", "address": "154"},
                ],
            },
        ],
        total_time={"kind": "entre", "min": 5, "max": 10, "unit": "dias-uteis"},
        expected_wait="Até 30 minutos nas unidades.",
        communication_channels="Telefone 154 e o site do DETRAN-MT.",
        status_consultation="Acompanhe pelo número do protocolo no site do DETRAN-MT.",
        manifestation_handling="Reclamações pela Ouvidoria do DETRAN-MT, respondidas em até 30 dias.",
        accessibility_conditions="Unidades com rampa e atendimento em Libras com agendamento.",
        legislation=[{"title": "Código de Trânsito Brasileiro", "url": "https://www.planalto.gov.br/ctb"}],
    )


def text(response) -> str:
    return response.content.decode()


def assert_no_secrets(body: str) -> None:
    assert DRAFT_NAME not in body
    assert NEW_DRAFT_NAME not in body
    assert UNPUBLISHED_NAME not in body
