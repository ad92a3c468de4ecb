"""Remote attendance: a unique, unguessable room per video appointment on the configured meeting
service; no address for attendance by phone or in person; a pluggable provider registry."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.core.exceptions import ImproperlyConfigured

from .. import meetings
from ..meetings import JitsiProvider, UnknownMeetingProvider, meeting_for, provider_get
from ..models import Mode, Offering
from .factories_citizen import book, bookable_slot, world

pytestmark = pytest.mark.django_db


def _offering(mode: str) -> Offering:
    return Offering(mode=mode)


def test_a_video_offering_gets_a_room_on_the_default_jitsi_base():
    url = meeting_for(offering=_offering(Mode.VIDEO), appointment_code="ABCD2345")
    parts = urlsplit(url)
    assert parts.scheme == "https" and parts.netloc == "meet.jit.si"
    room = parts.path.lstrip("/")
    assert room.startswith("govmt") and room.isalnum() and room == room.lower()
    # 160 random bits in base32: 32 characters after the prefix
    assert len(room) == len("govmt") + 32


def test_rooms_are_unique_and_never_carry_the_code():
    rooms = {meeting_for(offering=_offering(Mode.VIDEO), appointment_code="ABCD2345") for _ in range(200)}
    assert len(rooms) == 200
    assert not any("abcd2345" in room.lower() for room in rooms)


@pytest.mark.parametrize("mode", [Mode.PHONE, Mode.IN_PERSON])
def test_phone_and_in_person_attendance_have_no_meeting_address(mode):
    assert meeting_for(offering=_offering(mode), appointment_code="ABCD2345") == ""


def test_the_base_url_is_configurable(settings):
    settings.SCHEDULING_MEETING_BASE_URL = "https://video.mt.gov.br/salas/"
    url = meeting_for(offering=_offering(Mode.VIDEO), appointment_code="ABCD2345")
    assert url.startswith("https://video.mt.gov.br/salas/govmt")
    assert "//govmt" not in url


@pytest.mark.parametrize(
    "base",
    [
        "ftp://meet.example.org",
        "meet.jit.si",
        "https://meet.jit.si/?sala=1",
        "https://meet.jit.si/#x",
        "https://",
    ],
)
def test_a_malformed_base_url_is_refused(settings, base):
    settings.SCHEDULING_MEETING_BASE_URL = base
    with pytest.raises(ImproperlyConfigured):
        meeting_for(offering=_offering(Mode.VIDEO), appointment_code="ABCD2345")


def test_production_accepts_only_https(settings):
    settings.PRODUCTION = True
    settings.SCHEDULING_MEETING_BASE_URL = "http://meet.example.org"
    with pytest.raises(ImproperlyConfigured):
        meeting_for(offering=_offering(Mode.VIDEO), appointment_code="ABCD2345")


class FixedRoomProvider:
    """A provider of another meeting service, as a deployment would plug it in."""

    label = "Sala fixa de teste"

    def room_url(self, *, offering, appointment_code):
        return f"https://salas.example.org/{offering.mode}/{len(appointment_code)}"


def test_another_provider_plugs_in_through_the_settings(settings):
    settings.SCHEDULING_MEETING_PROVIDERS = {
        "jitsi": "plataforma.scheduling.meetings.JitsiProvider",
        "fixa": f"{__name__}.FixedRoomProvider",
    }
    settings.SCHEDULING_MEETING_PROVIDER = "fixa"
    assert meeting_for(offering=_offering(Mode.VIDEO), appointment_code="ABCD2345") == (
        "https://salas.example.org/video/8"
    )
    provider = provider_get("fixa")
    assert provider.key == "fixa" and isinstance(provider, meetings.MeetingProvider)
    assert isinstance(provider_get("jitsi"), JitsiProvider)


def test_an_unknown_provider_is_an_error(settings):
    settings.SCHEDULING_MEETING_PROVIDER = "nao-existe"
    with pytest.raises(UnknownMeetingProvider):
        meeting_for(offering=_offering(Mode.VIDEO), appointment_code="ABCD2345")


def test_booking_a_video_appointment_stores_its_room_and_a_phone_one_none():
    video = world(mode=Mode.VIDEO)
    appointment = book(video.citizen, bookable_slot(video.offering))
    assert appointment.meeting_url.startswith("https://meet.jit.si/govmt")
    second = book(video.other, bookable_slot(video.offering))
    assert second.meeting_url != appointment.meeting_url

    phone = world(mode=Mode.PHONE)
    assert book(phone.citizen, bookable_slot(phone.offering)).meeting_url == ""
