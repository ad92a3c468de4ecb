import factory

from plataforma.identity.tests.factories import UserFactory, VerifiedUserFactory
from plataforma.notifications.models import Notification

__all__ = ["NotificationFactory", "UserFactory", "VerifiedUserFactory"]


class NotificationFactory(factory.django.DjangoModelFactory):
    """A stored notification, without going through the service (no delivery is queued)."""

    class Meta:
        model = Notification

    user = factory.SubFactory(VerifiedUserFactory)
    category = "solicitacao"
    title = factory.Sequence(lambda n: f"Sua solicitação {n} mudou de situação")
    body = "A solicitação está em análise."
    url = "/solicitacoes/exemplo/"
