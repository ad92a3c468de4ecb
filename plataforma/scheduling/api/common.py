"""What the scheduling API's endpoints share: the router (MT Login bearer by default), the
declared error responses, the answer of a refusal, and the copying of challenge headers."""

from __future__ import annotations

from django.http import HttpResponse
from ninja import Router, Status

from .auth import bearer
from .schemas import SchedulingError, SchedulingValidationError

router = Router(tags=["Agendamento"], auth=bearer)

MAX_PER_PAGE = 100
MAX_OFFSET = 100_000
MAX_AHEAD_DAYS = 366
MAX_KEY = 80
PUBLIC_ERRORS = {400: SchedulingError, 404: SchedulingError, 422: SchedulingValidationError}
AUTH_ERRORS = {401: SchedulingError, 403: SchedulingError, 429: SchedulingError}
READ_ERRORS = {**AUTH_ERRORS, 404: SchedulingError, 422: SchedulingValidationError}
WRITE_ERRORS = {**READ_ERRORS, 400: SchedulingError, 409: SchedulingError}
FIELD_MAP = {"slot": "slot_id", "priority": "priority", "idempotency_key": "Idempotency-Key"}
IDEMPOTENCY_HEADER = {
    "in": "header",
    "name": "Idempotency-Key",
    "required": True,
    "schema": {"type": "string", "minLength": 1, "maxLength": MAX_KEY},
    "description": "Chave escolhida pelo aplicativo (por exemplo um UUID). Repetir a chamada com a mesma "
    "chave devolve o mesmo agendamento (200), nunca cria outro.",
}


def problem(status: int, detail: str, errors: list[dict] | None = None) -> Status:
    return Status(status, {"detail": detail, "errors": errors or []})


def no_store(response: HttpResponse) -> None:
    response["Cache-Control"] = "private, no-store"


def _add_auth_headers(run):
    """Copy the headers of a refused credential (WWW-Authenticate, Retry-After) to the response
    (ninja answers the BearerError through the API's HttpError handler, which knows the body only)."""

    def wrapper(request, *args, **kwargs):
        response = run(request, *args, **kwargs)
        headers = getattr(request, "_api_auth_headers", None)
        if headers and response.status_code in (401, 403, 429):
            for name, value in headers.items():
                response[name] = value
        return response

    return wrapper


router.add_decorator(_add_auth_headers, mode="view")
