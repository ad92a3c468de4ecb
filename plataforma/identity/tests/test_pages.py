"""Every account page renders in Portuguese with one h1, labelled fields and nothing that the
strict Content-Security-Policy would block (no inline scripts, styles or handlers)."""

import re

import pytest
from django.test import Client

from plataforma.identity.tests.factories import VerifiedUserFactory

pytestmark = pytest.mark.django_db

PUBLIC = [
    "/conta/entrar/",
    "/conta/cadastro/",
    "/conta/cadastro/concluido/",
    "/conta/email/reenviar/",
    "/conta/senha/recuperar/",
    "/conta/senha/recuperar/enviado/",
    "/conta/senha/redefinida/",
]
PRIVATE = ["/conta/", "/conta/dados/", "/conta/seguranca/", "/conta/senha/alterar/"]
INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|\sstyle=|\son[a-z]+=", re.IGNORECASE)


def check(page: str) -> None:
    assert page.count("<h1") == 1
    assert not INLINE.search(page), INLINE.search(page).group(0)
    for field_id in re.findall(r'<input[^>]+type="(?:text|email|password)"[^>]*id="([^"]+)"', page):
        assert f'for="{field_id}"' in page, field_id


@pytest.mark.parametrize("path", PUBLIC)
def test_public_pages(client, path):
    response = client.get(path)
    assert response.status_code == 200
    check(response.content.decode())


@pytest.mark.parametrize("path", PRIVATE)
def test_private_pages(path):
    user = VerifiedUserFactory()
    c = Client(HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0")
    c.post("/conta/entrar/", {"username": user.cpf, "password": "senha-de-teste-123"})
    response = c.get(path)
    assert response.status_code == 200
    check(response.content.decode())
