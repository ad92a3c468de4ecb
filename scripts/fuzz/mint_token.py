"""Prints a fresh MT Login access token (scopes solicitacoes, agendamentos, manifestacoes) for the
demo citizen at level prata, issued to the demo app, so that Schemathesis also exercises the
authenticated requests, scheduling and ouvidoria APIs.
Run with the throw-away portal's environment (DATABASE_URL); never in production."""

import os
import secrets
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plataforma.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.utils import timezone  # noqa: E402
from oauth2_provider.models import get_access_token_model, set_token_value  # noqa: E402

from plataforma.identity.models import User  # noqa: E402
from plataforma.identity.oidc.models import OIDCClient  # noqa: E402

if settings.PRODUCTION:
    raise SystemExit("Recusado em produção.")
raw = secrets.token_urlsafe(30)
token = get_access_token_model()(
    user=User.objects.get(cpf="85296374100"),
    application=OIDCClient.objects.get(client_id="mt-cidadao-demo"),
    scope="openid solicitacoes agendamentos manifestacoes",
    expires=timezone.now() + timedelta(hours=2),
)
set_token_value(token, raw)
token.save()
print(raw)
