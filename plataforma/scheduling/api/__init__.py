"""The JSON API of scheduling for the apps (MT Cidadão): public availability, and a person's own
appointments through MT Login bearer tokens with the `agendamentos` scope. One django-ninja
Router, mounted by the catalogue's NinjaAPI at /api/v1/ (one OpenAPI document, ADR 0006).

Integration guide: docs/integration/agendamento-api.md.
"""

from .routes import router

__all__ = ["router"]
