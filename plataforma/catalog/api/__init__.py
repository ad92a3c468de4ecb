"""The versioned JSON API of the Portal Único de Serviços (/api/v1/): the public, read-only
catalogue, and the authenticated requests API of the apps (plataforma/service_requests/api/).

OpenAPI 3 at /api/v1/openapi.json, interactive documentation at /api/v1/docs. Open data
(Lei 13.460 art. 7 §6; Lei 14.129 arts. 29-37): /api/v1/servicos.csv, /api/v1/servicos.json and
/api/v1/govbr/servicos.json (see catalog/exports.py).

Conventions: paths and query parameters in Portuguese (like the site), JSON field names in
English (like the catalogue's content model); lists paginated with limit/offset and total; errors
as {"detail": "…"} in Portuguese (400 bad search parameters, 404 unknown address, 422 malformed
parameters with a per-field list). Successful responses may be cached for 5 minutes.
"""

from __future__ import annotations

from ninja import NinjaAPI

from plataforma.notifications.api import router as notifications_router
from plataforma.ombudsman.api import router as ombudsman_router
from plataforma.scheduling.api import router as scheduling_router
from plataforma.service_requests.api import router as requests_router
from plataforma.service_requests.api.auth import MTLoginBearer

from .docs import local_docs
from .errors import install_error_handlers
from .routes import router

DESCRIPTION = """
API da Carta de Serviços ao Usuário do Governo de Mato Grosso (Lei 13.460/2017, art. 7), pública e
somente leitura, e dos pedidos de serviços e notificações dos aplicativos. A Carta não exige
cadastro nem chave; as solicitações exigem o token do MT Login.

- Caminhos e parâmetros em português; nomes dos campos em inglês, como o modelo interno da Carta.
- Listas paginadas com `limit` (1 a 100) e `offset`; a resposta traz `total`.
- Erros: `{"detail": "mensagem em português"}` — 400 (parâmetro de busca inválido),
  404 (endereço inexistente), 422 (parâmetro malformado, com a lista `errors` por campo).
- Dados abertos: `servicos.csv` (UTF-8 com BOM, separador vírgula, listas separadas por ` | `),
  `servicos.json` (conteúdo completo) e `govbr/servicos.json` (modelo de serviços do gov.br,
  para a Base Nacional de Serviços Públicos).
- Solicitações (`/solicitacoes`, `/servicos/{slug}/formulario`, `/servicos/{slug}/solicitacoes`): os
  pedidos da própria pessoa, com `Authorization: Bearer <token do MT Login>` (escopo `solicitacoes`)
  e, para agir por uma empresa, `X-Empresa: <CNPJ>`. Guia: docs/integration/solicitacoes-api.md.
- Notificações (`/notificacoes`): as da própria pessoa, com o mesmo token.
- Agendamento (`/agendamento/...`): horários livres de um serviço nas unidades, sem token; marcar,
  remarcar, cancelar e listar os próprios agendamentos com o token do MT Login (escopo
  `agendamentos`). Guia: docs/integration/agendamento-api.md.
- Ouvidoria (`/ouvidoria/...`): registrar, acompanhar, responder, avaliar e reabrir as próprias
  manifestações com o token do MT Login (escopo `manifestacoes`); acompanhamento de manifestação
  anônima com o protocolo e o código de acesso, sem token. Guia: docs/integration/ouvidoria-api.md.
- As respostas da Carta podem ser guardadas em cache por 5 minutos (`Cache-Control: public, max-age=300`).
"""

api = NinjaAPI(
    title="Portal Único de Serviços de Mato Grosso",
    version="1.0.0",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    docs=local_docs(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
install_error_handlers(api)
api.add_router("/", router)
api.add_router("/", requests_router)
api.add_router("/", notifications_router, auth=MTLoginBearer())
api.add_router("/", scheduling_router)
api.add_router("/", ombudsman_router)

__all__ = ["api"]
