"""The JSON API of requests for the apps (MT Cidadão, MT Empresarial): a person's own requests,
through MT Login bearer tokens with the `solicitacoes` scope. One django-ninja Router, mounted by
the catalogue's NinjaAPI at /api/v1/ so there is one OpenAPI document (ADR 0006).

Integration guide: docs/integration/solicitacoes-api.md.
"""

from .routes import router

__all__ = ["router"]
