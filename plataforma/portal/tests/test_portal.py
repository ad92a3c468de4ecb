"""The site shell: accessibility (eMAG), contrast mode without JavaScript, error pages, headers."""

from __future__ import annotations

import re

import pytest
from django.test import RequestFactory
from django.urls import reverse

from plataforma.portal import views

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize("name", ["portal:home", "portal:accessibility", "portal:open_data"])
def test_portal_pages_render_in_portuguese_with_one_h1(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    body = text(response)
    assert '<html lang="pt-BR"' in body
    assert body.count("<h1") == 1
    assert "Governo de Mato Grosso" in body and "Portal de Serviços" in body


def test_every_page_has_the_emag_skip_links_with_access_keys(client):
    body = text(client.get(reverse("portal:home")))
    for key, target in (
        ("1", "#main-content"),
        ("2", "#main-menu"),
        ("3", "#search-field"),
        ("4", "#footer"),
    ):
        assert re.search(rf'<a [^>]*href="{target}"[^>]*accesskey="{key}"', body), key
    # the targets exist, in the order of the page
    positions = [body.index(f'id="{t}"') for t in ("search-field", "main-menu", "main-content", "footer")]
    assert positions == sorted(positions)
    # skip links come first in the body
    assert body.index('accesskey="1"') < body.index("<header")


def test_landmarks_labels_and_search_form(client):
    body = text(client.get(reverse("portal:home")))
    assert '<header class="br-header' in body and "<main" in body and '<footer class="br-footer' in body
    assert 'aria-label="Menu principal"' in body
    assert re.search(r'<form [^>]*role="search"[^>]*action="/busca/"', body)
    assert '<label for="search-field">' in body
    assert '<label for="home-search">' in body
    assert "Lei federal nº 13.460" in body  # footer mention
    assert "Ouvidoria" in body


def test_home_shows_the_three_audiences_and_links(client):
    body = text(client.get(reverse("portal:home")))
    for code in ("cidadao", "empresa", "servidor"):
        assert f'href="/publico/{code}/"' in body
    assert "Servidor público" in body
    assert 'href="/orgaos/"' in body and 'href="/areas/"' in body


def test_accessibility_page_explains_keys_contrast_zoom_and_contact(client):
    body = text(client.get(reverse("portal:accessibility")))
    for expected in (
        "Teclas de atalho",
        "<kbd>Alt</kbd> + <kbd>1</kbd>",
        "Alto contraste",
        "Ctrl",
        "Ouvidoria",
    ):
        assert expected in body


def test_open_data_page_links_the_downloads_and_the_api(client):
    body = text(client.get(reverse("portal:open_data")))
    for path in (
        "/api/v1/servicos.json",
        "/api/v1/servicos.csv",
        "/api/v1/govbr/servicos.json",
        "/api/v1/openapi.json",
        "/api/v1/docs",
    ):
        assert f'href="{path}"' in body


# --- High contrast ---------------------------------------------------------------------------------


def test_contrast_link_turns_high_contrast_on_and_the_class_appears(client):
    body = text(client.get(reverse("portal:home")))
    assert '<html lang="pt-BR" class="">' in body
    assert "/acessibilidade/contraste/?modo=alto&amp;next=/" in body

    response = client.get(reverse("portal:contrast"), {"modo": "alto", "next": "/servicos/?pagina=1"})
    assert response.status_code == 302
    assert response["Location"] == "/servicos/?pagina=1"
    cookie = response.cookies["contraste"]
    assert cookie.value == "alto"
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) > 30 * 24 * 3600

    body = text(client.get(reverse("portal:home")))
    assert '<html lang="pt-BR" class="high-contrast">' in body
    assert 'class="portal high-contrast"' in body
    assert "Contraste normal" in body and "modo=normal" in body


def test_contrast_can_be_turned_off(client):
    client.cookies["contraste"] = "alto"
    response = client.get(reverse("portal:contrast"), {"modo": "normal", "next": "/"})
    assert response.status_code == 302
    assert response.cookies["contraste"].value == ""
    assert response.cookies["contraste"]["max-age"] == 0
    client.cookies.pop("contraste")
    assert "high-contrast" not in text(client.get(reverse("portal:home")))


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/",
        "//evil.example/",
        "http://evil.example/phish",
        "javascript:alert(1)",
        "/\\evil.example",
        "",
    ],
)
def test_contrast_refuses_an_off_site_next_and_goes_home(client, next_url):
    response = client.get(reverse("portal:contrast"), {"modo": "alto", "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert response.cookies["contraste"].value == "alto"


def test_high_contrast_stylesheet_is_a_static_file(client):
    body = text(client.get(reverse("portal:home")))
    assert 'href="/static/portal/css/contrast.css"' in body
    from django.contrib.staticfiles import finders

    with open(finders.find("portal/css/contrast.css"), encoding="utf-8") as fh:
        css = fh.read()
    assert "html.high-contrast" in css and "#000" in css and "#ff0" in css


# --- Security ---------------------------------------------------------------------------------------


def test_pages_send_security_headers_and_a_strict_csp(client):
    response = client.get(reverse("portal:home"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_no_inline_scripts_styles_or_handlers_in_the_shell(client):
    body = text(client.get(reverse("portal:accessibility")))
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", body)
    assert " style=" not in body
    assert not re.search(r"\son[a-z]+=", body)


# --- Error pages -------------------------------------------------------------------------------------


def test_404_page_is_in_portuguese_with_the_site_shell(client):
    response = client.get("/este-endereco-nao-existe/")
    assert response.status_code == 404
    body = text(response)
    assert "Página não encontrada" in body and 'id="main-content"' in body and body.count("<h1") == 1


def test_400_403_handlers_render_in_portuguese():
    request = RequestFactory().get("/")
    response = views.bad_request(request)
    assert response.status_code == 400 and "Não foi possível entender o pedido" in text(response)
    response = views.permission_denied(request)
    assert response.status_code == 403 and "Você não tem permissão" in text(response)


def test_500_page_never_touches_the_database(django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = views.server_error(request)
    assert response.status_code == 500
    body = text(response)
    assert "Algo deu errado do nosso lado" in body
    assert 'accesskey="1"' in body  # still the accessible shell


def test_csrf_failure_page_explains_in_portuguese(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("identity:logout"))
    assert response.status_code == 403
    assert "Não foi possível enviar o formulário" in text(response)


def test_logged_in_user_sees_logout_instead_of_login(client):
    from plataforma.identity.tests.factories import UserFactory

    client.force_login(UserFactory())
    body = text(client.get(reverse("portal:home")))
    assert 'action="/conta/sair/"' in body
    assert ">Entrar<" not in body


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/conta/entrar/", "/o/authorize/"])
def test_too_many_parameters_is_a_clear_400_not_a_500(client, path):
    query = "&".join(f"p{i}=1" for i in range(1200))
    response = client.get(f"{path}?{query}")
    assert response.status_code == 400
    assert "parâmetros demais" in response.content.decode()
