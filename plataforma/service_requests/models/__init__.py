from .documents import Attachment, Document
from .forms import RequestForm, RequestFormVersion, Workflow
from .requests import RequestEvent, ServiceRequest

__all__ = [
    "Attachment",
    "Document",
    "RequestEvent",
    "RequestForm",
    "RequestFormVersion",
    "ServiceRequest",
    "Workflow",
]
