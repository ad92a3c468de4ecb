"""Writes of the person's postal address (Minha conta → Endereço)."""

from __future__ import annotations

from django.db import transaction

from plataforma.common.audit import audit_record

from .models import PostalAddress, User

ADDRESS_FIELDS = ("cep", "street", "number", "complement", "district", "city", "state")


@transaction.atomic
def postal_address_update(*, user: User, **values: str) -> tuple[PostalAddress, list[str]]:
    """Create or change the person's own address. Returns the address and the names of the fields
    that changed (audited by name only: the values are personal data, LGPD)."""
    unknown = set(values) - set(ADDRESS_FIELDS)
    if unknown:
        raise TypeError(f"unknown address fields: {sorted(unknown)}")
    address = PostalAddress.objects.select_for_update().filter(user=user).first()
    created = address is None
    if created:
        address = PostalAddress(user=user)
    changed = [name for name in ADDRESS_FIELDS if getattr(address, name) != values.get(name, "")]
    if not changed:
        return address, []
    for name in changed:
        setattr(address, name, values.get(name, ""))
    address.full_clean(exclude=["user"])
    address.save()
    audit_record(
        actor=user,
        action="identity.address.create" if created else "identity.address.update",
        target=address,
        changes={"fields": changed},
        subject_user_id=user.pk,
    )
    return address, changed
