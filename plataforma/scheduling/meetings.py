"""Remote attendance (Resolução 002/2021 art. 1 §4: attendance "presencial ou a distância"): the
room where a video appointment happens, created per appointment through a pluggable provider.

The registry follows the payments' one (service_requests/payments/providers):

    SCHEDULING_MEETING_PROVIDERS = {"jitsi": "plataforma.scheduling.meetings.JitsiProvider"}
    SCHEDULING_MEETING_PROVIDER = "jitsi"
    SCHEDULING_MEETING_BASE_URL = "https://meet.jit.si"   # or the state's own Jitsi deployment

- Video (`Mode.VIDEO`): the provider returns the room's address, stored on the appointment
  (`meeting_url`) and shown to the person and to the attendant.
- Phone (`Mode.PHONE`): no address; the agency calls the person's phone at the time booked.
- In person: no address.

Jitsi rooms have no owner and no password by default: whoever knows the address enters. The room
name therefore carries 160 random bits (never the appointment's code, the person's name or any
personal data, which would reach the meeting service's logs), so that it can be neither guessed
nor derived from what the platform shows elsewhere. A provider with its own API (a paid service,
a deployment with JWT rooms) plugs in with the same `room_url` method.
"""

from __future__ import annotations

import base64
import secrets
from typing import TYPE_CHECKING, Protocol, runtime_checkable
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from .models import Mode

if TYPE_CHECKING:
    from .models import Offering

JITSI = "jitsi"
DEFAULT_PROVIDERS = {JITSI: "plataforma.scheduling.meetings.JitsiProvider"}
DEFAULT_BASE_URL = "https://meet.jit.si"
ROOM_PREFIX = "govmt"
ROOM_RANDOM_BYTES = 20  # 160 bits
MAX_URL_LENGTH = 300  # Appointment.meeting_url


class UnknownMeetingProvider(LookupError):
    pass


@runtime_checkable
class MeetingProvider(Protocol):
    key: str
    label: str

    def room_url(self, *, offering: Offering, appointment_code: str) -> str:
        """A new room's address for one appointment: unique, unguessable, https."""
        ...


def meeting_base_url() -> str:
    """The configured base of the meeting service, checked: an absolute http(s) address without
    query or fragment (http only outside production)."""
    base = (getattr(settings, "SCHEDULING_MEETING_BASE_URL", "") or DEFAULT_BASE_URL).strip()
    parts = urlsplit(base)
    allowed = ("https",) if getattr(settings, "PRODUCTION", False) else ("https", "http")
    if parts.scheme not in allowed or not parts.netloc or parts.query or parts.fragment:
        raise ImproperlyConfigured(
            "SCHEDULING_MEETING_BASE_URL must be an absolute https:// address without query or fragment."
        )
    return base.rstrip("/")


def _random_room_token() -> str:
    # base32 lower-case: letters and digits only, which every Jitsi deployment accepts in a room name
    return base64.b32encode(secrets.token_bytes(ROOM_RANDOM_BYTES)).decode().rstrip("=").lower()


class JitsiProvider:
    """Rooms of a Jitsi Meet deployment (the public meet.jit.si or the state's own): a room exists
    as soon as someone opens its address, so creating one is choosing an unguessable name."""

    key = JITSI
    label = "Jitsi Meet"

    def room_url(self, *, offering: Offering, appointment_code: str) -> str:
        url = f"{meeting_base_url()}/{ROOM_PREFIX}{_random_room_token()}"
        if len(url) > MAX_URL_LENGTH:
            raise ImproperlyConfigured("SCHEDULING_MEETING_BASE_URL is too long for a room address.")
        return url


def providers_configured() -> dict[str, str]:
    return dict(getattr(settings, "SCHEDULING_MEETING_PROVIDERS", None) or DEFAULT_PROVIDERS)


def default_provider_key() -> str:
    return getattr(settings, "SCHEDULING_MEETING_PROVIDER", JITSI) or JITSI


def provider_get(key: str) -> MeetingProvider:
    """The provider configured under `key`; UnknownMeetingProvider when there is none."""
    path = providers_configured().get(key)
    if path is None:
        raise UnknownMeetingProvider(key)
    provider = import_string(path)()
    provider.key = key
    return provider


def provider_default() -> MeetingProvider:
    return provider_get(default_provider_key())


def meeting_for(*, offering: Offering, appointment_code: str) -> str:
    """The meeting address of a new appointment of `offering`: a new room for video attendance,
    "" for attendance by phone (the agency calls the person) and in person."""
    if offering.mode != Mode.VIDEO:
        return ""
    return provider_default().room_url(offering=offering, appointment_code=appointment_code)


__all__ = [
    "JitsiProvider",
    "MeetingProvider",
    "UnknownMeetingProvider",
    "meeting_base_url",
    "meeting_for",
    "provider_default",
    "provider_get",
]
