"""External validations (prata): a configured service confirms that the CPF, name and, when it
asks for it, birth date the person declares match its records (gov.br does this with bank
accounts and the TSE's biometric register; ADR 0015).

Validators are configured in MTLOGIN_EXTERNAL_VALIDATORS, none by default. Each entry is either
a dotted path to a class instantiated without arguments, or a dict
``{"class": "<dotted path>", "name": ..., "label": ..., **options}`` (class defaults to
`HttpJsonValidator`). Secrets are never in the configuration itself: `token_env` names the
environment variable that holds the bearer token.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import ssl
from dataclasses import dataclass
from typing import Any

import httpx
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

MAX_ANSWER_BYTES = 64 * 1024


@dataclass(frozen=True)
class ExternalResult:
    valid: bool
    reference: str = ""


class ExternalValidationError(Exception):
    """The validator could not give an answer; `message` is what the person reads."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class ExternalValidator:
    """What every external validator offers. `name` is a stable identifier (recorded as the
    provider of the validation), `label` and `description` are shown to the person."""

    name: str = ""
    label: str = ""
    description: str = ""
    needs_birth_date: bool = False

    def validate(self, *, cpf: str, name: str, birth_date: dt.date | None) -> ExternalResult:
        raise NotImplementedError


class HttpJsonValidator(ExternalValidator):
    """POST ``{"cpf", "name", "birth_date"?}`` as JSON over HTTPS with a bearer token;
    expects 200 and ``{"valid": bool, "reference": str}``. Anything else is an error (never a
    yes): a timeout, another status, a body that is not that JSON."""

    def __init__(
        self,
        *,
        name: str,
        label: str,
        url: str,
        token_env: str = "",
        timeout: float = 5.0,
        ca_file: str = "",
        needs_birth_date: bool = False,
        description: str = "",
    ):
        if not url.startswith("https://"):
            raise ImproperlyConfigured(f"External validator {name!r}: the URL must use HTTPS.")
        if not name or not label:
            raise ImproperlyConfigured("Every external validator needs a name and a label.")
        self.name, self.label, self.description = name[:100], label, description
        self.url, self.token_env, self.timeout = url, token_env, float(timeout)
        self.ca_file, self.needs_birth_date = ca_file, bool(needs_birth_date)

    def _verify(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=self.ca_file or None)

    def _payload(self, cpf: str, name: str, birth_date: dt.date | None) -> dict[str, str]:
        payload = {"cpf": cpf, "name": name}
        if birth_date:
            payload["birth_date"] = birth_date.isoformat()
        return payload

    def validate(self, *, cpf: str, name: str, birth_date: dt.date | None) -> ExternalResult:
        headers = {"Accept": "application/json"}
        token = os.environ.get(self.token_env, "") if self.token_env else ""
        if token:
            headers["Authorization"] = f"Bearer {token}"
        try:
            with httpx.Client(verify=self._verify(), timeout=self.timeout, follow_redirects=False) as client:
                response = client.post(self.url, json=self._payload(cpf, name, birth_date), headers=headers)
        except httpx.TimeoutException as exc:
            logger.warning("External validator %s timed out", self.name)
            raise ExternalValidationError(
                _("O serviço de validação não respondeu a tempo. Tente mais tarde.")
            ) from exc
        except (httpx.HTTPError, ssl.SSLError, OSError) as exc:
            logger.warning("External validator %s unreachable: %s", self.name, type(exc).__name__)
            raise ExternalValidationError(
                _("O serviço de validação está indisponível. Tente mais tarde.")
            ) from exc
        return self._result(response)

    def _result(self, response: httpx.Response) -> ExternalResult:
        bad = ExternalValidationError(
            _("O serviço de validação deu uma resposta que não pôde ser entendida.")
        )
        if response.status_code != 200 or len(response.content) > MAX_ANSWER_BYTES:
            logger.warning("External validator %s answered HTTP %s", self.name, response.status_code)
            raise bad
        try:
            data: Any = json.loads(response.content)
        except (ValueError, UnicodeDecodeError) as exc:
            raise bad from exc
        if not isinstance(data, dict) or not isinstance(data.get("valid"), bool):
            raise bad
        reference = data.get("reference", "")
        if not isinstance(reference, str):
            raise bad
        return ExternalResult(valid=data["valid"], reference=reference[:100])


def _build(entry: Any) -> ExternalValidator:
    if isinstance(entry, str):
        validator = import_string(entry)()
    elif isinstance(entry, dict):
        options = dict(entry)
        cls = import_string(options.pop("class", f"{__name__}.HttpJsonValidator"))
        validator = cls(**options)
    else:
        raise ImproperlyConfigured("MTLOGIN_EXTERNAL_VALIDATORS entries are dotted paths or dicts.")
    if not isinstance(validator, ExternalValidator) or not validator.name:
        raise ImproperlyConfigured(f"{entry!r} is not an ExternalValidator with a name.")
    return validator


def configured_validators() -> dict[str, ExternalValidator]:
    """The validators enabled in settings, by name, in the configured order."""
    validators: dict[str, ExternalValidator] = {}
    for entry in settings.MTLOGIN_EXTERNAL_VALIDATORS:
        validator = _build(entry)
        validators[validator.name] = validator
    return validators
