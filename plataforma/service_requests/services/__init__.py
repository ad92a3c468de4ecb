from .submit import open_request_form, request_form_for_submission, service_request_submit
from .transitions import available_actions, service_request_act, service_request_system_act, workflow_of

__all__ = [
    "available_actions",
    "open_request_form",
    "request_form_for_submission",
    "service_request_act",
    "service_request_submit",
    "service_request_system_act",
    "workflow_of",
]
