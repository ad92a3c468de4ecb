"""Endpoints of the scheduling API (mounted at /api/v1/ next to the catalogue) — thin: read the
input, call the core selectors and services (selectors/availability.py, services/booking.py),
shape the answer (present.py).

- Availability is public (no token): which units book a service, their free days, a day's times.
- A person's appointments need an MT Login token with the `agendamentos` scope. Nobody sees an
  appointment that is not theirs: another person's code answers 404, as a code that does not
  exist. Servants work appointments at the unit (Área do Servidor), never through this API.
"""

from __future__ import annotations

from . import appointments, availability  # noqa: F401 - their endpoints register on the router
from .common import router

__all__ = ["router"]
