"""Interactive documentation without a CDN: our Content Security Policy allows only 'self', and
the machine may be offline. django-ninja ships Swagger UI's files (served as static files because
"ninja" is in INSTALLED_APPS) and a template whose settings are JSON data, not inline script.
"""

from ninja.openapi.docs import Swagger


def local_docs() -> Swagger:
    return Swagger(settings={"layout": "BaseLayout", "deepLinking": True})
