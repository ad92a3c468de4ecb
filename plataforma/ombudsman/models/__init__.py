"""The ouvidoria's records (Lei 13.460/2017 arts. 9-17; ADRs 0029 and 0030).

- `Manifestation`: one manifestação — type, channel, agency/service, the text, where it is in the
  workflow (`status`) and the clocks of the current answer cycle.
- `ManifestationIdentity`: who lodged an identified manifestação, kept apart from the manifestação so
  that nothing reads it by accident; every read by a servant is audited (art. 10 §7).
- `Forwarding`: a request from the ouvidoria to the agency's responsible area, with the
  pseudonymised extract the area sees and the internal 20 (+20) day clock (art. 16 §único).
- `ManifestationAnswer`: the conclusive answer (or closure) of each cycle, with its deadline and
  whether it was met (art. 12 V, art. 16).
- `ManifestationEvent`: the timeline.
- `AnswerRating`, `AdoptedMeasure`, `Subject`: what the yearly report counts (arts. 14-15, 23).
"""

from .handling import AdoptedMeasure, AnswerRating, Forwarding, ManifestationAnswer, ManifestationEvent
from .manifestations import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    Channel,
    Kind,
    Manifestation,
    ManifestationIdentity,
    Status,
    Subject,
)

__all__ = [
    "CLOSED_STATUSES",
    "OPEN_STATUSES",
    "AdoptedMeasure",
    "AnswerRating",
    "Channel",
    "Forwarding",
    "Kind",
    "Manifestation",
    "ManifestationAnswer",
    "ManifestationEvent",
    "ManifestationIdentity",
    "Status",
    "Subject",
]
