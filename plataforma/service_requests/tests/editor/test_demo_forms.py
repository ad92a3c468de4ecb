"""The demo request forms load through the editors' services, once."""

from __future__ import annotations

import pytest

from plataforma.catalog.tests.factories import published_service

from ...demo_forms import DEMO_FORMS, load_request_forms_demo
from ...models import RequestForm, RequestFormVersion
from ..factories import citizen, submit

pytestmark = pytest.mark.django_db


def test_demo_forms_are_published_once_and_take_requests(agency, other_agency, editor):
    from plataforma.identity.tests.factories import make_editor

    editors = {"DETRAN-MT": editor, "SEFAZ": make_editor(other_agency)}
    agencies = {"DETRAN-MT": agency, "SEFAZ": other_agency}
    services = {
        item["service"]: published_service(
            agency=agencies[item["agency"]], editor=editors[item["agency"]], name=item["service"]
        )
        for item in DEMO_FORMS
    }
    assert load_request_forms_demo() == len(DEMO_FORMS)
    assert load_request_forms_demo() == 0
    assert RequestFormVersion.objects.count() == len(DEMO_FORMS)
    transfer = RequestForm.objects.get(service=services["Transferir a propriedade do veículo"])
    assert transfer.accepts_requests and transfer.charges_fee
    kinds = [f["type"] for f in transfer.current_version.spec["fields"]]
    assert {"cpf", "cep", "date", "yesno", "file", "number"} <= set(kinds)
    cnd = RequestForm.objects.get(service=services["Emitir certidão negativa de débitos (CND)"])
    assert cnd.current_version.form_spec.field("cnpj_da_empresa").prefill == "company.cnpj"
    request = submit(
        services["Comunicar a venda do veículo"],
        citizen(),
        data={"renavam": "12345678901"},
    )
    assert (
        request.form_version_id
        == RequestForm.objects.get(service=services["Comunicar a venda do veículo"]).current_version_id
    )
