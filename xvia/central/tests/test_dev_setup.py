"""`manage.py xvia_dev_setup`: keys, the demo registry, a published configuration; twice is once."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from plataforma.catalog.tests.factories import AgencyFactory
from xvia.central.models import AccessRight, Member, PublishedConfiguration, SecurityServer, Service

pytestmark = pytest.mark.django_db


def run() -> str:
    out = StringIO()
    call_command("xvia_dev_setup", stdout=out)
    return out.getvalue()


def test_setup_is_idempotent_and_links_catalogue_agencies():
    detran = AgencyFactory(acronym="DETRAN-MT", slug="detran-mt", name="Departamento Estadual de Trânsito")
    assert "Criado" in run()
    counts = (
        Member.objects.count(),
        Service.objects.count(),
        AccessRight.objects.count(),
        SecurityServer.objects.count(),
    )
    assert counts == (3, 2, 4, 3)
    assert Member.objects.get(agency=detran).code == detran.cnpj
    assert Member.objects.get(name="Secretaria de Estado de Fazenda").code == "03507415000144"
    version = PublishedConfiguration.objects.get().version
    assert "Nada a criar" in run()
    assert counts == (
        Member.objects.count(),
        Service.objects.count(),
        AccessRight.objects.count(),
        SecurityServer.objects.count(),
    )
    assert PublishedConfiguration.objects.order_by("-version").first().version == version


def test_refuses_to_run_in_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError):
        run()
