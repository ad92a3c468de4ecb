import itertools

import factory

from plataforma.common.documents import make_cnpj
from plataforma.identity.companies.models import Company, CompanyTie
from plataforma.identity.tests.factories import UserFactory

_seq = itertools.count(50_000_001)


def next_cnpj() -> str:
    return make_cnpj(f"{next(_seq):08d}0001")


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    cnpj = factory.LazyFunction(next_cnpj)
    legal_name = factory.Sequence(lambda n: f"Empresa de Teste {n} Ltda")


def make_tie(
    *, company=None, user=None, role=CompanyTie.Role.COLLABORATOR, status=CompanyTie.Status.ACTIVE, **kw
):
    return CompanyTie.objects.create(
        company=company or CompanyFactory(), user=user or UserFactory(), role=role, status=status, **kw
    )


def make_representative(company=None, **kw) -> tuple:
    """A person with an active representante legal tie to the company."""
    tie = make_tie(company=company, role=CompanyTie.Role.LEGAL_REPRESENTATIVE, **kw)
    return tie.user, tie.company
