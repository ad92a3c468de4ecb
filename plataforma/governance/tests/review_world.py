"""A world for the adversarial review tests: one victim agency (DETRAN) with a record of every kind
in the state where each action would succeed, and people of every role that must or must not get
in. `route_kwargs(name)` gives real ids for every parameter of a governance route."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import get_resolver
from django.utils import timezone

from plataforma.catalog.tests.factories import AgencyFactory
from plataforma.identity.models import AgencyRole

from ..models import Milestone, Risk
from ..services import mti_docs, plan_tracks
from . import factories as f
from . import factories_exceptions as fe
from . import factories_mti as fm

Role = AgencyRole.Role


@dataclass
class ReviewWorld:
    users: dict = field(default_factory=dict)
    ids: dict = field(default_factory=dict)


def governance_routes() -> list[tuple[str, list[str]]]:
    """(name, parameter names) of every named route in the governance namespace."""
    resolver = get_resolver()
    _prefix, sub = resolver.namespace_dict["governance"]
    routes = {}
    for name in list(sub.reverse_dict):
        if not isinstance(name, str):
            continue
        for _possibility, _pattern, _defaults, _converters in sub.reverse_dict.getlist(name):
            for _fmt, params in _possibility:
                routes.setdefault(name, set()).update(params)
    return sorted((name, sorted(params)) for name, params in routes.items())


def build() -> ReviewWorld:
    w = ReviewWorld()
    ex = fe.make_world()  # DETRAN-MT (victim), SEFAZ, SEPLAG, MTI and their people
    victim = ex.detran
    u = w.users
    u["gestor"] = ex.gestor
    u["other_gestor"] = ex.other_gestor
    u["nucleo"] = ex.nucleo
    u["mti"] = ex.mti_staff
    u["citizen"] = ex.citizen
    # a `nucleo` role held outside SEPLAG/SEFAZ and an `mti` role held outside MTI
    u["nucleo_outside"] = fe.servant(AgencyFactory(acronym="SEDUC", slug="seduc"), Role.NUCLEO)
    u["mti_outside"] = fe.servant(AgencyFactory(acronym="SESP", slug="sesp"), Role.MTI)
    # revoked roles: a former Núcleo member, a former MTI servant, a former gestor of the victim
    for key, agency, role in (
        ("revoked_nucleo", ex.seplag, Role.NUCLEO),
        ("revoked_mti", ex.mti, Role.MTI),
        ("revoked_gestor", victim, Role.MANAGER),
    ):
        user = fe.servant(agency, role)
        AgencyRole.objects.filter(user=user).update(revoked_at=timezone.now())
        u[key] = user

    # plan: 2026 approved (tracks), 2027 under review (a nomination to decide), 2028 open
    plan = f.approved_plan(agency=victim, year=2026)
    gestor, member = ex.gestor, ex.nucleo
    track = plan["tracks"][0]
    milestone = plan_tracks.milestone_create(
        actor=gestor, track=track, title="Pesquisa com usuários", stage="", due_on=fe.days(30)
    )
    risk = plan_tracks.risk_create(
        actor=gestor,
        track=track,
        description="Atraso do fornecedor",
        probability="medio",
        impact="alto",
        mitigation="",
        status="aberto",
    )
    review = f.open_cycle(member, year=2027)
    to_decide = f.nominate(review, gestor, f.agency_service(victim))
    review = f.review_cycle(review, member)
    open_ = f.open_cycle(member, year=2028)
    to_edit = f.nominate(open_, gestor, f.agency_service(victim))

    # exceptions: a draft with an action, one under analysis, one in review
    draft = fe.draft(ex, ex.service)
    action = draft.actions.first()
    submitted = fe.submitted(ex, service=ex.service2)
    third = fe.published_service(agency=victim, editor=fe.make_editor(victim), name="Vistoria", acronym="")
    in_review = fe.in_review(ex, service=third)

    # MTI: a service, a draft price with references, one under analysis, justifications, a guide
    mti_service = fm.make_service(u["mti"], code="HOSP-01")
    other_service = fm.make_service(u["mti"], code="PROC-01")
    price_draft = fm.draft(u["mti"], mti_service)
    price_sub = fm.submitted(u["mti"], other_service)
    just_draft = fm.make_justification(u["mti"])
    just_sub = fm.make_justification(u["mti"], title="Outra tecnologia")
    just_sub = mti_docs.justification_submit(actor=u["mti"], item=just_sub)
    guide = fm.make_guide(u["mti"])

    w.ids = {
        "plan_cycle": plan["cycle"].pk,
        "review_cycle": review.pk,
        "open_cycle": open_.pk,
        "agency": victim.pk,
        "to_decide": to_decide.pk,
        "to_edit": to_edit.pk,
        "track": track.pk,
        "milestone": milestone.pk,
        "risk": risk.pk,
        "draft": draft.pk,
        "action": action.pk,
        "submitted": submitted.pk,
        "in_review": in_review.pk,
        "mti_service": mti_service.pk,
        "price_draft": price_draft.pk,
        "price_sub": price_sub.pk,
        "reference": price_draft.references.first().pk,
        "just_draft": just_draft.pk,
        "just_sub": just_sub.pk,
        "guide": guide.pk,
        "exc_number": in_review.number,
        "mti_code": mti_service.code,
        "guide_slug": guide.slug,
    }
    assert Milestone.objects.filter(pk=milestone.pk).exists() and Risk.objects.filter(pk=risk.pk).exists()
    return w


def route_kwargs(w: ReviewWorld, name: str, params: list[str]) -> dict:
    """Real ids for each parameter, chosen so that the action would succeed for its rightful user."""
    i = w.ids
    cycle = {
        "plan_cycle_approve": i["review_cycle"],
        "plan_cycle_close": i["open_cycle"],
        "plan_cycle_edit": i["open_cycle"],
        "plan_nomination_new": i["open_cycle"],
    }.get(name, i["plan_cycle"])
    exc_pk = {"exc_decide": i["submitted"], "exc_review": i["in_review"]}.get(name, i["draft"])
    version = {"mti_price_decide": i["price_sub"]}.get(name, i["price_draft"])
    item = {"mti_justification_decide": i["just_sub"]}.get(name, i["just_draft"])
    nomination = {"plan_nomination_decide": i["to_decide"]}.get(name, i["to_edit"])
    values = {
        "cycle_id": cycle,
        "agency_id": i["agency"],
        "nomination_id": nomination,
        "track_id": i["track"],
        "milestone_id": i["milestone"],
        "risk_id": i["risk"],
        "pk": exc_pk,
        "action_pk": i["action"],
        "service_id": i["mti_service"],
        "version_id": version,
        "reference_id": i["reference"],
        "item_id": item,
        "page_id": i["guide"],
        "number": i["exc_number"],
        "code": i["mti_code"],
        "slug": i["guide_slug"],
        "year": 2026,
        "name": "plano",
        "fmt": "csv",
    }
    return {p: str(values[p]) for p in params}
