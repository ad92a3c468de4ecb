from plataforma.catalog.tests.factories import AgencyFactory
from plataforma.identity.models import AgencyRole
from plataforma.identity.tests.factories import UserFactory

Role = AgencyRole.Role


def servant(role: str, agency=None, **user_kwargs):
    """A person holding `role` in `agency` (a new agency when not given)."""
    agency = agency or AgencyFactory()
    user = UserFactory(**user_kwargs)
    AgencyRole.objects.create(user=user, agency=agency, role=role)
    return user, agency
