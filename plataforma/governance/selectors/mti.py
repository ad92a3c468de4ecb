"""Reads of MTI's catalogue, justifications and guidance pages, and the comparison of each price
with its market references (median, mean, range) in plain Portuguese.

The current price of a service is its latest approved version already in force: the approved one
with the latest `valid_from` not after today (the higher version number breaks a tie).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from statistics import median

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from plataforma.portal.templatetags.portal_tags import brl

from ..models.mti import GuidancePage, MarketReference, PriceVersion, StandardService, TechJustification
from ..mti_text import Block, parse

CENT = Decimal("0.01")
TENTH = Decimal("0.1")
APPROVED = PriceVersion.Status.APPROVED
DECIDED_JUSTIFICATIONS = (TechJustification.Status.APPROVED, TechJustification.Status.DECLINED)


# --- comparison with the market ------------------------------------------------------------------


def percent_text(value: Decimal) -> str:
    """Decimal('12.5') -> '12,5%' (pt-BR, one decimal place, no sign)."""
    return f"{abs(value).quantize(TENTH, ROUND_HALF_UP)}%".replace(".", ",")


@dataclass(frozen=True)
class Difference:
    """The proposed price minus a reference value (median or mean), in R$ and in % of it."""

    amount: Decimal  # signed, in cents
    percent: Decimal  # signed, one decimal place

    @property
    def direction(self) -> str:
        return "acima" if self.amount > 0 else "abaixo" if self.amount < 0 else "igual"

    @property
    def text(self) -> str:
        if self.amount == 0:
            return _("igual")
        values = {"amount": brl(abs(self.amount)), "percent": percent_text(self.percent)}
        if self.amount > 0:
            return _("%(amount)s acima (%(percent)s a mais)") % values
        return _("%(amount)s abaixo (%(percent)s a menos)") % values


def _difference(price: Decimal, base: Decimal) -> Difference:
    raw = price - base
    return Difference(
        amount=raw.quantize(CENT, ROUND_HALF_UP),
        percent=(raw * 100 / base).quantize(TENTH, ROUND_HALF_UP),
    )


@dataclass(frozen=True)
class Comparison:
    count: int
    median: Decimal  # exact (the mean of the two middle ones for an even count)
    mean: Decimal  # exact to 28 digits; pages show both rounded to cents
    lowest: Decimal
    highest: Decimal
    vs_median: Difference
    vs_mean: Difference
    position: str  # "above_all", "below_all", "highest", "lowest", "within", "equal_all"

    @property
    def above_highest(self) -> bool:
        return self.position == "above_all"

    @property
    def median_shown(self) -> Decimal:
        return self.median.quantize(CENT, ROUND_HALF_UP)

    @property
    def mean_shown(self) -> Decimal:
        return self.mean.quantize(CENT, ROUND_HALF_UP)

    @property
    def remark(self) -> str:
        return {
            "above_all": _("O preço da MTI está acima de todas as referências de mercado."),
            "below_all": _("O preço da MTI está abaixo de todas as referências de mercado."),
            "highest": _("O preço da MTI é igual à maior referência de mercado."),
            "lowest": _("O preço da MTI é igual à menor referência de mercado."),
            "within": _("O preço da MTI está entre a menor e a maior referência de mercado."),
            "equal_all": _("O preço da MTI é igual ao de todas as referências de mercado."),
        }[self.position]


def compare(price: Decimal, reference_prices: list[Decimal]) -> Comparison | None:
    """How `price` stands against the market references; None without references."""
    prices = sorted(Decimal(p) for p in reference_prices)
    if not prices:
        return None
    middle = Decimal(median(prices))
    mean = sum(prices, Decimal(0)) / len(prices)
    lowest, highest = prices[0], prices[-1]
    if price == lowest == highest:
        position = "equal_all"
    elif price > highest:
        position = "above_all"
    elif price < lowest:
        position = "below_all"
    elif price == highest and lowest != highest:
        position = "highest"
    elif price == lowest and lowest != highest:
        position = "lowest"
    else:
        position = "within"
    return Comparison(
        count=len(prices),
        median=middle,
        mean=mean,
        lowest=lowest,
        highest=highest,
        vs_median=_difference(price, middle),
        vs_mean=_difference(price, mean),
        position=position,
    )


def version_comparison(version: PriceVersion) -> Comparison | None:
    """Uses the prefetched references when there are."""
    return compare(version.price, [r.price for r in version.references.all()])


@dataclass(frozen=True)
class VersionView:
    version: PriceVersion
    references: list[MarketReference]
    comparison: Comparison | None


def version_view(version: PriceVersion) -> VersionView:
    references = list(version.references.all())
    return VersionView(version, references, compare(version.price, [r.price for r in references]))


# --- the catalogue -------------------------------------------------------------------------------


def _with_references(qs: QuerySet[PriceVersion]) -> QuerySet[PriceVersion]:
    return qs.prefetch_related(Prefetch("references", queryset=MarketReference.objects.order_by("price")))


def current_prices(service_ids=None, *, today: date | None = None) -> dict:
    """{service id: its current PriceVersion} for the services that have one."""
    today = today or timezone.localdate()
    qs = PriceVersion.objects.filter(status=APPROVED, valid_from__lte=today)
    if service_ids is not None:
        qs = qs.filter(service_id__in=list(service_ids))
    current: dict = {}
    for version in qs.order_by("service_id", "-valid_from", "-number"):
        current.setdefault(version.service_id, version)
    return current


def current_price(service: StandardService, *, today: date | None = None) -> PriceVersion | None:
    return current_prices([service.pk], today=today).get(service.pk)


def services_with_prices(*, active_only: bool = False) -> list[tuple[StandardService, PriceVersion | None]]:
    services = list(
        StandardService.objects.filter(is_active=True) if active_only else StandardService.objects.all()
    )
    current = current_prices([s.pk for s in services])
    return [(s, current.get(s.pk)) for s in services]


def public_catalogue() -> list[tuple[str, list[tuple[StandardService, PriceVersion | None]]]]:
    """Offered services grouped by category (in the order of the categories), with current prices."""
    rows = services_with_prices(active_only=True)
    groups = []
    for value, label in StandardService.Category.choices:
        items = [(s, p) for s, p in rows if s.category == value]
        if items:
            groups.append((label, items))
    return groups


def service_by_code(code: str) -> StandardService | None:
    if not code or len(code) > 20:
        return None
    return StandardService.objects.filter(code=code.upper()).first()


def service_by_id(service_id) -> StandardService | None:
    return StandardService.objects.filter(pk=service_id).first()


def approved_history(service: StandardService) -> list[VersionView]:
    """Approved versions, newest validity first, each with its references and comparison."""
    qs = _with_references(service.prices.filter(status=APPROVED).order_by("-valid_from", "-number"))
    return [version_view(v) for v in qs]


def future_price(service: StandardService, *, today: date | None = None) -> PriceVersion | None:
    """The next approved price not yet in force, if any."""
    today = today or timezone.localdate()
    return (
        service.prices.filter(status=APPROVED, valid_from__gt=today).order_by("valid_from", "number").first()
    )


def service_versions(service: StandardService, *, include_drafts: bool) -> list[VersionView]:
    qs = service.prices.all()
    if not include_drafts:
        qs = qs.exclude(status=PriceVersion.Status.DRAFT)
    return [version_view(v) for v in _with_references(qs.order_by("-number"))]


def price_version_by_id(version_id) -> PriceVersion | None:
    return (
        _with_references(PriceVersion.objects.select_related("service", "created_by", "decided_by"))
        .filter(pk=version_id)
        .first()
    )


def reference_by_id(version: PriceVersion, reference_id) -> MarketReference | None:
    return version.references.filter(pk=reference_id).select_related("version").first()


def open_proposals() -> list[PriceVersion]:
    return list(
        PriceVersion.objects.filter(status__in=[PriceVersion.Status.DRAFT, PriceVersion.Status.SUBMITTED])
        .select_related("service")
        .order_by("status", "service__code")
    )


def proposals_awaiting_decision() -> list[PriceVersion]:
    return list(
        PriceVersion.objects.filter(status=PriceVersion.Status.SUBMITTED)
        .select_related("service")
        .order_by("submitted_at")
    )


# --- technical justifications --------------------------------------------------------------------


def justifications_for_mti() -> list[TechJustification]:
    return list(TechJustification.objects.order_by("-created_at")[:500])


def justifications_awaiting_decision() -> list[TechJustification]:
    return list(
        TechJustification.objects.filter(status=TechJustification.Status.SUBMITTED).order_by("submitted_at")
    )


def justification_by_id(item_id) -> TechJustification | None:
    return TechJustification.objects.filter(pk=item_id).first()


def public_justifications() -> list[TechJustification]:
    return list(TechJustification.objects.filter(status__in=DECIDED_JUSTIFICATIONS).order_by("-decided_at"))


def public_justification(number: str) -> TechJustification | None:
    if not number or len(number) > 20:
        return None
    return TechJustification.objects.filter(number=number.upper(), status__in=DECIDED_JUSTIFICATIONS).first()


# --- guidance pages ------------------------------------------------------------------------------


def guides_for_mti() -> list[GuidancePage]:
    return list(GuidancePage.objects.order_by("order", "title"))


def guide_by_id(page_id) -> GuidancePage | None:
    return GuidancePage.objects.filter(pk=page_id).first()


def published_guides() -> list[GuidancePage]:
    return list(GuidancePage.objects.filter(is_published=True).order_by("order", "title"))


def published_guide(slug: str) -> GuidancePage | None:
    if not slug or len(slug) > 80:
        return None
    return GuidancePage.objects.filter(slug=slug, is_published=True).first()


def guide_blocks(page: GuidancePage) -> list[Block]:
    return parse(page.body)
