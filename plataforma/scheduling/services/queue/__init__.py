"""The unit's calling queue (issue #5, "at the unit"): check-in of appointments, walk-in tickets,
calling the next ticket, recall, attendance, outcome, no-show, the protocol of a request the
attendance led to, and the nightly closing of past days (ADR 0026).

Every write takes the acting servant and checks that they work the unit (atendente or gestor of
its agency); every state change is one conditional UPDATE or runs under the row's lock, inside
one transaction with its audit row, so two desks never take the same ticket and a double click
never finishes an attendance twice. Errors are ValidationErrors with Portuguese messages (keyed
by form field where there is one) and leave everything as it was.

Senhas: a series letter — P (legal priority, 80+ included), A (appointment), N (walk-in) — and a
number per unit, day and series from TicketSequence, drawn like protocol numbers
(common.protocols): one `UPDATE … RETURNING` inside the ticket's transaction, so numbers are
unique and have no gaps whatever the concurrency. An optional unit prefix comes first: "GT-P012".
"""

from .calling import (
    clean_note,
    ticket_call_next,
    ticket_finish,
    ticket_link_request,
    ticket_mark_absent,
    ticket_recall,
    ticket_start,
)
from .closing import queue_close_past_days
from .common import CURRENT, NOTE_MAX, SERIES_APPOINTMENT, SERIES_PRIORITY, SERIES_WALK_IN
from .tickets import (
    appointment_check_in,
    ticket_issue_walk_in,
    ticket_label,
    ticket_number_next,
    ticket_prefix,
    ticket_series,
)

__all__ = [
    "CURRENT",
    "NOTE_MAX",
    "SERIES_APPOINTMENT",
    "SERIES_PRIORITY",
    "SERIES_WALK_IN",
    "appointment_check_in",
    "clean_note",
    "queue_close_past_days",
    "ticket_call_next",
    "ticket_finish",
    "ticket_issue_walk_in",
    "ticket_label",
    "ticket_link_request",
    "ticket_mark_absent",
    "ticket_number_next",
    "ticket_prefix",
    "ticket_recall",
    "ticket_series",
    "ticket_start",
]
