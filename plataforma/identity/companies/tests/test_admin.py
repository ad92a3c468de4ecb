"""The technical administration: a razão social can be corrected (audited); ties are read-only."""

import pytest
from django.urls import reverse

from plataforma.common.models import AuditEvent
from plataforma.identity.companies.models import CompanyTie
from plataforma.identity.tests.factories import UserFactory

from .factories import make_tie

pytestmark = pytest.mark.django_db
Status = CompanyTie.Status


def test_the_admin_corrects_a_razao_social_audited_and_cannot_touch_ties(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    tie = make_tie()
    client.force_login(admin)
    url = reverse("admin:companies_company_change", args=[tie.company.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"legal_name": "Nome Corrigido Ltda", "trade_name": ""})
    assert response.status_code == 302
    tie.company.refresh_from_db()
    assert tie.company.legal_name == "Nome Corrigido Ltda"
    assert AuditEvent.objects.get(action="identity.companies.company_admin_change").changes == {
        "legal_name": "alterado"
    }
    assert client.get(reverse("admin:companies_companytie_changelist")).status_code == 200
    tie_url = reverse("admin:companies_companytie_change", args=[tie.pk])
    client.post(tie_url, {"status": "revogado"})
    tie.refresh_from_db()
    assert tie.status == Status.ACTIVE
    assert client.get(reverse("admin:companies_companytie_add")).status_code == 403
