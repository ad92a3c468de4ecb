"""The public pages of an agency's whole Carta: the printable page, the PDF (and its fetcher,
which reads local static files only) and the quadro geral by year. Drafts never appear; an
inactive agency has no page. Shared data: conftest.py and public_data.py."""

from __future__ import annotations

import datetime as dt
import re
import zlib

import pytest
from django.urls import reverse
from django.utils import timezone

from plataforma.catalog.tests.public_data import assert_no_secrets, text

pytestmark = pytest.mark.django_db


# --- Pages render ------------------------------------------------------------------------------


def test_agency_carta_is_one_printable_page_with_every_published_service(client, catalogue):
    response = client.get(reverse("catalog:agency_carta", args=["detran-mt"]))
    assert response.status_code == 200
    body = text(response)
    assert "Carta de Serviços ao Usuário" in body
    assert body.count("<h1") == 1
    for name in ("Renovar a Carteira", "Registrar contrato", "Emitir certidão de débitos do veículo"):
        assert name in body
    assert "Documento de identidade com foto" in body and "Taxa de registro" in body
    assert 'media="print"' in body  # the print stylesheet
    assert_no_secrets(body)


def test_agency_carta_pdf_is_a_pdf_of_the_published_services(client, catalogue):
    response = client.get(reverse("catalog:agency_carta_pdf", args=["detran-mt"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("inline;")
    assert re.search(r'filename="carta-de-servicos-detran-mt-\d{4}-\d{2}-\d{2}\.pdf"', disposition)


def pdf_outline_text(data: bytes) -> str:
    """The strings of a PDF (WeasyPrint writes every heading as a bookmark): literal and UTF-16
    hex strings, from the file and from its deflated streams."""
    parts = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    blob = b"\n".join(parts)
    texts = [
        bytes.fromhex(h.decode()).decode("utf-16-be", errors="replace")
        for h in re.findall(rb"<feff((?:[0-9a-f]{4})+)>", blob, re.I)
    ]
    texts += [s.decode("latin-1") for s in re.findall(rb"\(([^()]*)\)", blob)]
    return "\n".join(texts)


def test_pdf_has_the_published_services_and_no_drafts(client, catalogue):
    response = client.get(reverse("catalog:agency_carta_pdf", args=["detran-mt"]))
    strings = pdf_outline_text(response.content)
    assert "Renovar a Carteira Nacional de Habilitação" in strings
    assert "Registrar contrato de financiamento de veículo" in strings
    assert_no_secrets(strings)


def test_pdf_fetcher_refuses_anything_but_local_static_files():
    from plataforma.catalog.pdf import ForbiddenResourceError, local_static_url

    assert local_static_url("http://testserver/static/portal/css/carta-print.css").startswith("file://")
    for url in (
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
        "http://testserver/static/../../etc/passwd",
        "http://testserver/static/nao-existe.css",
    ):
        with pytest.raises(ForbiddenResourceError):
            local_static_url(url)


def test_quadro_geral_lists_services_and_counts_per_agency(client, catalogue):
    year = timezone.localdate().year
    response = client.get(reverse("catalog:quadro_geral"), {"ano": str(year)})
    assert response.status_code == 200
    body = text(response)
    assert f"Quadro geral de serviços de {year}" in body
    assert "Renovar a Carteira" in body and "Registrar contrato" in body
    # DETRAN-MT: 3 services, 1 digital, 2 free; same in the total row
    assert re.search(r"DETRAN-MT</a>.*?<td>3</td><td>1</td><td>2</td>", body, re.S)
    assert re.search(r"Total</th><td>3</td><td>1</td><td>2</td>", body)
    assert_no_secrets(body)


def test_quadro_geral_of_a_past_year_leaves_out_services_published_later(client, catalogue):
    year = timezone.localdate().year - 1
    body = text(client.get(reverse("catalog:quadro_geral"), {"ano": str(year)}))
    assert "Renovar a Carteira" not in body
    assert "Nenhum serviço publicado até o fim deste ano." in body


def test_quadro_geral_counts_a_service_from_its_first_publication(client, catalogue, editor):
    """A service republished this year but first published last year is in last year's quadro."""
    licence = catalogue["licence"]
    last_year = timezone.now() - dt.timedelta(days=400)
    licence.versions.filter(number=1).update(published_at=last_year)
    body = text(client.get(reverse("catalog:quadro_geral"), {"ano": str(last_year.year)}))
    assert "Renovar a Carteira" in body and "Registrar contrato" not in body


# --- Drafts and unknown addresses ---------------------------------------------------------------


def test_inactive_agency_is_404(client, catalogue, agency):
    agency.is_active = False
    agency.save()
    assert client.get(reverse("catalog:agency_detail", args=["detran-mt"])).status_code == 404
