"""The JSON API of the ouvidoria for the apps (MT Cidadão), mounted by the catalogue's NinjaAPI at
/api/v1/ (one OpenAPI document, ADR 0006): a person's manifestações with an MT Login bearer token
(scope `manifestacoes`), and the follow-up by protocol and access code without a token.

Integration guide: docs/integration/ouvidoria-api.md.
"""

from . import follow, mine  # noqa: F401 - their endpoints register on the router
from .common import router

__all__ = ["router"]
