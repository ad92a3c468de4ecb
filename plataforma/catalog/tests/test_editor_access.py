"""Who must NOT get into the editors' back office: anonymous people, citizens with no role,
servants with another role, and — above all — editors of another agency, who can neither see
nor change this agency's services and drafts (they get the same 404 as for an unknown id)."""

import pytest
from django.urls import reverse

from plataforma.catalog import services
from plataforma.catalog.models import Service, ServiceUnit, ServiceVersion
from plataforma.common.models import AuditEvent
from plataforma.identity.models import AgencyRole
from plataforma.identity.tests.factories import UserFactory, make_editor

from .editor_data import editor_post_data
from .factories import AgencyFactory, ServiceUnitFactory, content_data, published_service

pytestmark = pytest.mark.django_db
State = ServiceVersion.State


@pytest.fixture
def world():
    """Agency A with a published service that has a draft in review and a secret draft-only
    service; agency B with its own editor."""
    agency, other = AgencyFactory(), AgencyFactory()
    editor, outsider = make_editor(agency), make_editor(other)
    service = published_service(agency=agency, editor=editor)
    draft = services.service_draft_start(actor=editor, service=service)
    services.version_update(
        actor=editor, version=draft, content=content_data(name="Nome secreto do rascunho de A")
    )
    secret = services.service_create(
        actor=editor, agency=agency, content=content_data(name="Serviço ainda não anunciado")
    ).service
    unit = ServiceUnitFactory(agency=agency, name="Unidade Centro de A")
    return {
        "agency": agency,
        "other": other,
        "editor": editor,
        "outsider": outsider,
        "service": service,
        "draft": draft,
        "secret": secret,
        "unit": unit,
    }


def _reads(w):
    s, secret = w["service"], w["secret"]
    return [
        reverse("catalog_editor:service_detail", args=[s.pk]),
        reverse("catalog_editor:version_edit", args=[s.pk]),
        reverse("catalog_editor:version_history", args=[s.pk]),
        reverse("catalog_editor:version_compare", args=[s.pk]) + "?de=1&para=2",
        reverse("catalog_editor:service_audit", args=[s.pk]),
        reverse("catalog_editor:version_preview", args=[s.pk, 2]),
        reverse("catalog_editor:version_preview", args=[secret.pk, 1]),
        reverse("catalog_editor:service_detail", args=[secret.pk]),
        reverse("catalog_editor:version_action", args=[s.pk, 2, "publicar"]),
        reverse("catalog_editor:service_action", args=[s.pk, "despublicar"]),
        reverse("catalog_editor:unit_edit", args=[w["unit"].pk]),
    ]


def _writes(w):
    s, secret = w["service"], w["secret"]
    return [
        (
            reverse("catalog_editor:version_edit", args=[secret.pk]),
            editor_post_data(content_data(name="Invadido")),
        ),
        (reverse("catalog_editor:version_action", args=[secret.pk, 1, "enviar"]), {}),
        (reverse("catalog_editor:version_action", args=[s.pk, 2, "publicar"]), {}),
        (reverse("catalog_editor:version_action", args=[s.pk, 2, "devolver"]), {"note": "Não gostei"}),
        (reverse("catalog_editor:version_action", args=[s.pk, 2, "descartar"]), {}),
        (reverse("catalog_editor:service_action", args=[s.pk, "confirmar-revisao"]), {}),
        (reverse("catalog_editor:service_action", args=[s.pk, "despublicar"]), {}),
        (reverse("catalog_editor:draft_start", args=[secret.pk]), {}),
        (
            reverse("catalog_editor:unit_edit", args=[w["unit"].pk]),
            {"name": "Invadida", "street": "X", "city": "Y"},
        ),
    ]


def _snapshot(w):
    return (
        list(
            ServiceVersion.objects.order_by("service_id", "number").values_list(
                "service_id", "number", "state", "content"
            )
        ),
        list(Service.objects.order_by("pk").values_list("pk", "is_published", "last_reviewed_at", "name")),
        list(ServiceUnit.objects.order_by("pk").values_list("pk", "name")),
        AuditEvent.objects.count(),
    )


def test_the_outsider_fixture_really_is_an_editor_who_gets_in_elsewhere(client, world):
    # Guards the tests below: the same requests succeed for the agency's own editor.
    client.force_login(world["editor"])
    for url in _reads(world):
        assert client.get(url).status_code in (200, 302), url


def test_anonymous_people_are_sent_to_sign_in_and_change_nothing(client, world):
    before = _snapshot(world)
    for url in [
        reverse("catalog_editor:dashboard"),
        reverse("catalog_editor:service_create"),
        *_reads(world),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("identity:login")), url
    for url, data in _writes(world):
        response = client.post(url, data)
        assert response.status_code == 302 and response.url.startswith(reverse("identity:login")), url
    assert _snapshot(world) == before


@pytest.mark.parametrize("role", [None, AgencyRole.Role.ATTENDANT, AgencyRole.Role.MANAGER])
def test_people_without_the_editor_role_get_a_403_page_that_explains(client, world, role):
    user = UserFactory()
    if role:
        AgencyRole.objects.create(user=user, agency=world["agency"], role=role)
    client.force_login(user)
    before = _snapshot(world)
    response = client.get(reverse("catalog_editor:dashboard"))
    assert response.status_code == 403
    assert "Você não é editor da Carta de Serviços de nenhum órgão." in response.content.decode()
    for url in [
        reverse("catalog_editor:service_create"),
        reverse("catalog_editor:unit_list"),
        *_reads(world),
    ]:
        assert client.get(url).status_code == 403, url
    for url, data in _writes(world):
        assert client.post(url, data).status_code == 403, url
    assert _snapshot(world) == before


def test_a_revoked_editor_is_treated_as_having_no_role(client, world):
    from django.utils import timezone

    AgencyRole.objects.filter(user=world["editor"]).update(revoked_at=timezone.now())
    client.force_login(world["editor"])
    assert client.get(reverse("catalog_editor:dashboard")).status_code == 403
    assert client.get(reverse("catalog_editor:service_detail", args=[world["service"].pk])).status_code == 403


def test_an_editor_of_another_agency_does_not_see_its_services_on_the_dashboard(client, world):
    client.force_login(world["outsider"])
    response = client.get(reverse("catalog_editor:dashboard"))
    page = response.content.decode()
    assert response.status_code == 200
    assert world["other"].acronym in page
    for hidden in (world["service"].name, "Serviço ainda não anunciado", world["agency"].acronym):
        assert hidden not in page
    # asking for the other agency's tab is the same as asking for an agency that does not exist
    assert (
        client.get(reverse("catalog_editor:dashboard") + f"?orgao={world['agency'].slug}").status_code == 404
    )
    assert client.get(reverse("catalog_editor:dashboard") + "?orgao=nao-existe").status_code == 404


def test_an_editor_of_another_agency_cannot_read_anything_of_its_services(client, world):
    client.force_login(world["outsider"])
    for url in _reads(world):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Nome secreto do rascunho de A" not in response.content.decode()
    units = client.get(reverse("catalog_editor:unit_list")).content.decode()
    assert "Unidade Centro de A" not in units


def test_an_editor_of_another_agency_cannot_change_anything_of_its_services(client, world):
    client.force_login(world["outsider"])
    before = _snapshot(world)
    for url, data in _writes(world):
        assert client.post(url, data).status_code == 404, url
    assert _snapshot(world) == before
    assert world["draft"].__class__.objects.get(pk=world["draft"].pk).state == State.DRAFT


def test_an_editor_cannot_create_a_service_for_another_agency_by_posting_its_id(client, world):
    client.force_login(world["outsider"])
    count = Service.objects.count()
    data = editor_post_data(content_data(name="Serviço plantado"), agency=str(world["agency"].pk))
    response = client.post(reverse("catalog_editor:service_create"), data)
    assert response.status_code == 400
    assert response.context["form"].errors["agency"] == ["Escolha um dos órgãos em que você é editor."]
    assert Service.objects.count() == count
    # and a unit neither
    response = client.post(
        reverse("catalog_editor:unit_create"),
        {
            "agency": str(world["agency"].pk),
            "name": "Plantada",
            "street": "Rua A",
            "city": "Cuiabá",
            "state": "MT",
            "opening_hours": "8h às 17h",
        },
    )
    assert response.status_code == 400
    assert not ServiceUnit.objects.filter(name="Plantada").exists()


def test_the_other_agency_units_cannot_be_attached_to_a_service(client, world):
    client.force_login(world["outsider"])
    data = editor_post_data(content_data(), agency=str(world["other"].pk), units=[str(world["unit"].pk)])
    response = client.post(reverse("catalog_editor:service_create"), data)
    assert response.status_code == 400
    assert response.context["form"].errors["units"]
    assert not Service.objects.filter(agency=world["other"]).exists()
