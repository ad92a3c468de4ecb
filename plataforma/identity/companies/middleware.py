class ActingCompanyMiddleware:
    """Acting on behalf of a company (Área Empresarial). Filled in by the companies work."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)
