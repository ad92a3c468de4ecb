import uuid

from .context import ActingContext, acting_context
from .net import client_ip


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request.headers.get("X-Request-ID", "")[:64] or uuid.uuid4().hex
        ctx = ActingContext(
            ip_address=client_ip(request),
            user_agent=request.headers.get("User-Agent", "")[:300],
            request_id=request_id,
            # Set by identity.companies' middleware when the person acts for a company: every
            # audit row then records both the person and the company.
            on_behalf_of=getattr(request, "acting_on_behalf_of", None),
        )
        request.acting_context = ctx
        with acting_context(ctx):
            response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response
