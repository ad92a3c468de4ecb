"""MTI's technical justifications and guidance pages through their services, and the minimal
formatting of the guidance body (mti_text)."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from plataforma.common.models import AuditEvent

from .. import mti_text
from ..models.mti import GuidancePage, TechJustification
from ..selectors import mti as reads
from ..services import mti_docs as docs
from .factories_mti import (
    gestor_user,
    guide_data,
    justification_data,
    make_guide,
    make_justification,
    nucleo_user,
    person,
)

pytestmark = pytest.mark.django_db


# --- justifications ------------------------------------------------------------------------------


def test_justification_numbered_on_submission_in_sequence(mti):
    first, second = make_justification(mti), make_justification(mti, title="Outra")
    assert first.number.startswith(docs.DRAFT_PREFIX) and first.number != second.number
    year = timezone.localdate().year
    first = docs.justification_submit(actor=mti, item=first)
    second = docs.justification_submit(actor=mti, item=second)
    assert re.fullmatch(rf"{year}\.JT\.\d{{4}}", first.number)
    n1, n2 = int(first.number.rsplit(".", 1)[1]), int(second.number.rsplit(".", 1)[1])
    assert n2 == n1 + 1
    assert first.status == TechJustification.Status.SUBMITTED and first.submitted_at
    event = AuditEvent.objects.get(action="governance.mti.justification.submit", target_id=str(first.pk))
    assert event.changes["number"] == first.number


def test_justification_required_fields(mti):
    with pytest.raises(ValidationError) as exc:
        docs.justification_create(actor=mti, data=justification_data(title=" ", alternatives=""))
    assert {"title", "alternatives"} <= set(exc.value.error_dict)
    assert not TechJustification.objects.exists()


def test_justification_decision_and_publication(mti, nucleo):
    item = make_justification(mti)
    assert reads.public_justifications() == []
    with pytest.raises(ValidationError):  # not submitted yet
        docs.justification_decide(actor=nucleo, item=item, approve=True, reasons="Ok.")
    item = docs.justification_submit(actor=mti, item=item)
    assert reads.public_justification(item.number) is None
    with pytest.raises(ValidationError) as exc:
        docs.justification_decide(actor=nucleo, item=item, approve=True, reasons="")
    assert "reasons" in exc.value.error_dict
    docs.justification_decide(actor=nucleo, item=item, approve=False, reasons="Sem ganho claro.")
    item.refresh_from_db()
    assert item.status == TechJustification.Status.DECLINED and item.decided_at
    assert reads.public_justifications() == [item]
    assert reads.public_justification(item.number.lower()) == item
    with pytest.raises(ValidationError):
        docs.justification_update(actor=mti, item=item, data=justification_data(title="Mudou"))


def test_justification_roles(mti, nucleo):
    item = make_justification(mti)
    for actor in (nucleo, gestor_user(), person()):
        with pytest.raises(PermissionDenied):
            docs.justification_create(actor=actor, data=justification_data())
        with pytest.raises(PermissionDenied):
            docs.justification_update(actor=actor, item=item, data=justification_data(title="Invadido"))
        with pytest.raises(PermissionDenied):
            docs.justification_submit(actor=actor, item=item)
    item = docs.justification_submit(actor=mti, item=item)
    with pytest.raises(PermissionDenied):
        docs.justification_decide(actor=mti, item=item, approve=True, reasons="Eu mesma aprovo.")
    item.refresh_from_db()
    assert item.status == TechJustification.Status.SUBMITTED and item.title != "Invadido"
    assert TechJustification.objects.count() == 1


def test_justification_discard(mti):
    item = make_justification(mti)
    docs.justification_discard(actor=mti, item=item)
    assert not TechJustification.objects.exists()


# --- guidance pages ------------------------------------------------------------------------------


def test_guide_create_publish_unpublish(mti):
    page = make_guide(mti)
    assert not page.is_published and reads.published_guide(page.slug) is None
    page = docs.guide_set_published(actor=mti, page=page, published=True)
    assert page.is_published and page.published_at
    assert reads.published_guide(page.slug) == page
    docs.guide_set_published(actor=mti, page=page, published=False)
    assert reads.published_guide(page.slug) is None
    actions = list(
        AuditEvent.objects.filter(target_id=str(page.pk))
        .order_by("occurred_at")
        .values_list("action", flat=True)
    )
    assert actions == [
        "governance.mti.guide.create",
        "governance.mti.guide.publish",
        "governance.mti.guide.unpublish",
    ]


def test_guide_slug_rules(mti):
    make_guide(mti)
    for slug in ("como-aderir-ao-x-via", "com espaço", "ação", ""):
        with pytest.raises(ValidationError) as exc:
            docs.guide_create(actor=mti, data=guide_data(slug=slug))
        assert "slug" in exc.value.error_dict
    assert GuidancePage.objects.count() == 1


def test_guide_roles(mti):
    page = make_guide(mti)
    for actor in (nucleo_user(), gestor_user(), person()):
        with pytest.raises(PermissionDenied):
            docs.guide_update(actor=actor, page=page, data=guide_data(title="Invadido"))
        with pytest.raises(PermissionDenied):
            docs.guide_set_published(actor=actor, page=page, published=True)
    page.refresh_from_db()
    assert not page.is_published and page.title != "Invadido"


# --- the body's formatting -----------------------------------------------------------------------


def test_text_blocks():
    body = (
        "# Título\n### Sub\nPrimeira linha\nsegunda linha\n\n- um\n* dois\n1. três\n2) quatro\n\n"
        "Veja [o guia](https://www.mt.gov.br/guia) e [aqui](/governanca/)."
    )
    blocks = mti_text.parse(body)
    assert [b.kind for b in blocks] == ["h2", "h3", "p", "ul", "ol", "p"]
    assert [[s.text for s in line] for line in blocks[2].lines] == [["Primeira linha"], ["segunda linha"]]
    assert [line[0].text for line in blocks[3].lines] == ["um", "dois"]
    links = [(s.text, s.url) for s in blocks[5].lines[0] if s.url]
    assert links == [("o guia", "https://www.mt.gov.br/guia"), ("aqui", "/governanca/")]


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "//evil.example/x", "data:text/html,x", "JaVaScRiPt:alert(1)", "ftp://x/y"]
)
def test_unsafe_links_stay_text(url):
    (block,) = mti_text.parse(f"[clique]({url})")
    assert all(not s.url for s in block.lines[0])
    assert "".join(s.text for s in block.lines[0]) == f"[clique]({url})"
