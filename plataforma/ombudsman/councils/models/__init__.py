"""Conselhos de usuários (Lei 13.460/2017 arts. 18-22)."""

from .calls import (
    ACTIVE_APPLICATION,
    PUBLIC_CALL_STATES,
    Application,
    ApplicationState,
    Call,
    CallState,
    EndReason,
    Membership,
)
from .consultations import Consultation, ConsultationState, Opinion, Vote
from .councils import (
    MANDATE_MONTHS_MAX,
    MANDATE_MONTHS_MIN,
    SEATS_MAX,
    CategoryKind,
    Council,
    CouncilCategory,
)

__all__ = [
    "ACTIVE_APPLICATION",
    "MANDATE_MONTHS_MAX",
    "MANDATE_MONTHS_MIN",
    "PUBLIC_CALL_STATES",
    "SEATS_MAX",
    "Application",
    "ApplicationState",
    "Call",
    "CallState",
    "CategoryKind",
    "Consultation",
    "ConsultationState",
    "Council",
    "CouncilCategory",
    "EndReason",
    "Membership",
    "Opinion",
    "Vote",
]
