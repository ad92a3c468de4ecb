"""The search request: limits, the words of a query and the filters, validated.

Bad input of any kind raises InvalidSearch (a ValidationError, message in Portuguese)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from plataforma.common.text import fold

from ..models import Agency, Audience, Category, Service

MAX_QUERY_LENGTH = 200
MAX_PER_PAGE = 100
MAX_PAGE = 100_000
MAX_TERMS = 12
MAX_TERM_LENGTH = 60


# PostgreSQL's Portuguese stop words, folded. Dropped on every backend so that results agree.
_STOP_WORDS_TEXT = """
    a ao aos aquela aquelas aquele aqueles aquilo as ate com como da das de dela delas dele deles
    depois do dos e ela elas ele eles em entre era eram eramos essa essas esse esses esta estamos estao
    estas estava estavam estavamos este esteja estejam estejamos estes esteve estive estivemos estiver
    estivera estiveram estiveramos estiverem estivermos estivesse estivessem estivessemos estou eu foi
    fomos for fora foram foramos forem formos fosse fossem fossemos fui ha haja hajam hajamos hao havemos
    hei houve houvemos houver houvera houveram houveramos houverao houverei houverem houveremos houveria
    houveriam houveriamos houvermos houvesse houvessem houvessemos isso isto ja lhe lhes mais mas me
    mesmo meu meus minha minhas muito na nao nas nem no nos nossa nossas nosso nossos num numa o os ou
    para pela pelas pelo pelos por qual quando que quem sao se seja sejam sejamos sem sera serao serei
    seremos seria seriam seriamos seu seus so somos sou sua suas tambem te tem temos tenha tenham
    tenhamos tenho tera terao terei teremos teria teriam teriamos teu teus teve tinha tinham tinhamos
    tive tivemos tiver tivera tiveram tiveramos tiverem tivermos tivesse tivessem tivessemos tu tua
    tuas um uma voce voces vos"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

_WORD = re.compile(r"[^\W_]+")
_SLUG = re.compile(r"^[-a-z0-9_]{1,100}$")


class InvalidSearch(ValidationError):
    pass


@dataclass(frozen=True)
class SearchFilters:
    audience: str | None = None
    agency: str | None = None
    category: str | None = None
    digital_only: bool = False
    free_only: bool = False


def parse_query(query: str) -> list[str]:
    """Folded search words of `query`, without stop words. Raises InvalidSearch when too long."""
    if not isinstance(query, str):
        raise InvalidSearch(_("Busca inválida."))
    if len(query) > MAX_QUERY_LENGTH:
        raise InvalidSearch(_("A busca pode ter no máximo %(max)d caracteres.") % {"max": MAX_QUERY_LENGTH})
    words: list[str] = []
    for word in _WORD.findall(fold(query)):
        word = word[:MAX_TERM_LENGTH]
        if word not in STOP_WORDS and word not in words:
            words.append(word)
    return words[:MAX_TERMS]


def _check_slug(value: str | None, message: str) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not _SLUG.match(value):
        raise InvalidSearch(message)
    return value


def _filtered(filters: SearchFilters) -> QuerySet[Service]:
    """Published services with the filters applied; raises InvalidSearch on unknown values.
    One small query per agency/category filter (to tell "unknown" from "no results")."""
    qs = Service.objects.filter(is_published=True)
    if filters.audience:
        if filters.audience not in Audience.Code.values:
            raise InvalidSearch(_("Público inexistente. Use cidadao, empresa ou servidor."))
        qs = qs.filter(audiences=filters.audience)
    agency_slug = _check_slug(filters.agency, _("Órgão inexistente."))
    if agency_slug:
        agency_pk = Agency.objects.filter(slug=agency_slug).values_list("pk", flat=True).first()
        if agency_pk is None:
            raise InvalidSearch(_("Órgão inexistente."))
        qs = qs.filter(agency_id=agency_pk)
    category_slug = _check_slug(filters.category, _("Área de interesse inexistente."))
    if category_slug:
        category_pk = Category.objects.filter(slug=category_slug).values_list("pk", flat=True).first()
        if category_pk is None:
            raise InvalidSearch(_("Área de interesse inexistente."))
        qs = qs.filter(categories=category_pk)
    if filters.digital_only:
        qs = qs.filter(is_digital=True)
    if filters.free_only:
        qs = qs.filter(is_free=True)
    return qs
