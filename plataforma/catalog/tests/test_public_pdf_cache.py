import pytest
from django.urls import reverse

from plataforma.catalog import services
from plataforma.identity.tests.factories import make_editor

from .factories import AgencyFactory, content_data, published_service

pytestmark = pytest.mark.django_db


def test_the_carta_pdf_is_cached_until_the_agency_publishes_a_change(client, monkeypatch):
    agency = AgencyFactory(slug="orgao-pdf")
    editor = make_editor(agency)
    service = published_service(agency=agency, editor=editor)
    url = reverse("catalog:agency_carta_pdf", args=[agency.slug])
    renders = []
    from plataforma.catalog.views import public

    original = public.render_pdf
    monkeypatch.setattr(public, "render_pdf", lambda html, **kw: renders.append(html) or original(html, **kw))

    first = client.get(url)
    second = client.get(url)
    assert first.content == second.content and first.content.startswith(b"%PDF")
    assert len(renders) == 1

    draft = services.service_draft_start(actor=editor, service=service)
    services.version_update(actor=editor, version=draft, content=content_data(name="Nome novo do serviço"))
    services.version_submit(actor=editor, version=draft)
    assert client.get(url).status_code == 200
    assert len(renders) == 1, "a draft in review does not change the public Carta"

    services.version_publish(actor=editor, version=draft)
    client.get(url)
    assert len(renders) == 2
    assert "Nome novo do serviço" in renders[-1]
