from django.utils.functional import SimpleLazyObject


def _is_servant(user) -> bool:
    from .models import AgencyRole

    return user.is_staff or AgencyRole.objects.filter(user=user, revoked_at__isnull=True).exists()


def account(request):
    """What the page header needs about the signed-in person: whether to offer the Área do Servidor,
    and the company they act for. Evaluated only when a template asks (the 500 page never does)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"is_servant": False, "acting_company": None}
    return {
        "is_servant": SimpleLazyObject(lambda: _is_servant(user)),
        "acting_company": getattr(request, "acting_company", None),
    }
