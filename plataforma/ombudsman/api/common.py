"""What the ouvidoria API's endpoints share: the router (MT Login bearer by default), declared
errors, the answer of a refusal, and the copying of challenge headers."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from ninja import Router, Status

from plataforma.service_requests.api.inputs import validation_errors

from .auth import bearer
from .schemas import OmbudsmanError, OmbudsmanValidationError

router = Router(tags=["Ouvidoria"], auth=bearer)

MAX_PER_PAGE = 100
MAX_OFFSET = 100_000
MAX_KEY = 80
AUTH_ERRORS = {401: OmbudsmanError, 403: OmbudsmanError, 429: OmbudsmanError}
READ_ERRORS = {**AUTH_ERRORS, 404: OmbudsmanError, 422: OmbudsmanValidationError}
WRITE_ERRORS = {**READ_ERRORS, 400: OmbudsmanError, 409: OmbudsmanError}
PUBLIC_ERRORS = {
    400: OmbudsmanError,
    404: OmbudsmanError,
    409: OmbudsmanError,
    422: OmbudsmanValidationError,
    429: OmbudsmanError,
}
FIELD_MAP = {"idempotency_key": "Idempotency-Key"}
IDEMPOTENCY_HEADER = {
    "in": "header",
    "name": "Idempotency-Key",
    "required": True,
    "schema": {"type": "string", "minLength": 1, "maxLength": MAX_KEY},
    "description": "Chave escolhida pelo aplicativo (por exemplo um UUID). Repetir a chamada com a mesma "
    "chave devolve a mesma manifestação (200), nunca cria outra.",
}


def problem(status: int, detail: str, errors: list[dict] | None = None) -> Status:
    return Status(status, {"detail": detail, "errors": errors or []})


def invalid(exc: ValidationError, status: int = 422) -> Status:
    return problem(status, " ".join(exc.messages), validation_errors(exc, field_map=FIELD_MAP))


def no_store(response: HttpResponse) -> None:
    response["Cache-Control"] = "private, no-store"


def _add_auth_headers(run):
    """Copy the headers of a refused credential (WWW-Authenticate, Retry-After) to the response."""

    def wrapper(request, *args, **kwargs):
        response = run(request, *args, **kwargs)
        headers = getattr(request, "_api_auth_headers", None)
        if headers and response.status_code in (401, 403, 429):
            for name, value in headers.items():
                response[name] = value
        return response

    return wrapper


router.add_decorator(_add_auth_headers, mode="view")
