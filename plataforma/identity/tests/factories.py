import itertools

import factory
from django.utils import timezone

from plataforma.common.documents import make_cpf
from plataforma.identity.models import AgencyRole, User

_seq = itertools.count(100_000_001)


def next_cpf() -> str:
    return make_cpf(f"{next(_seq):09d}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    cpf = factory.LazyFunction(next_cpf)
    full_name = factory.Faker("name", locale="pt_BR")
    email = factory.Sequence(lambda n: f"pessoa{n}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "senha-de-teste-123")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def make_editor(agency, **kwargs) -> User:
    user = UserFactory(**kwargs)
    AgencyRole.objects.create(user=user, agency=agency, role=AgencyRole.Role.CARTA_EDITOR)
    return user


class VerifiedUserFactory(UserFactory):
    """An account whose e-mail is confirmed: it can finish signing in with its password."""

    email_verified_at = factory.LazyFunction(timezone.now)
