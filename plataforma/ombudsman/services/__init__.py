"""Writes of the ouvidoria (HackSoft services): `<entity>_<action>(*, actor, ...)`, each in one
transaction, with an audit row and the timeline event; notifications on commit."""

from .author import identity_consent_set, manifestation_rate, manifestation_reopen, manifestation_reply
from .forwarding import forwarding_answer, forwarding_cancel, forwarding_extend, manifestation_forward
from .handling import (
    manifestation_answer,
    manifestation_archive,
    manifestation_classify,
    manifestation_extend,
    manifestation_request_info,
    manifestation_reroute,
    manifestation_start_analysis,
    measure_record,
)
from .intake import DeskIdentity, LodgeResult, SubmissionInProgress, manifestation_lodge

__all__ = [
    "DeskIdentity",
    "LodgeResult",
    "SubmissionInProgress",
    "forwarding_answer",
    "forwarding_cancel",
    "forwarding_extend",
    "identity_consent_set",
    "manifestation_answer",
    "manifestation_archive",
    "manifestation_classify",
    "manifestation_extend",
    "manifestation_forward",
    "manifestation_lodge",
    "manifestation_rate",
    "manifestation_reopen",
    "manifestation_reply",
    "manifestation_request_info",
    "manifestation_reroute",
    "manifestation_start_analysis",
    "measure_record",
]
