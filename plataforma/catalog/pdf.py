"""HTML → PDF with WeasyPrint for printable documents (the agency's Carta de Serviços).

WeasyPrint fetches the stylesheets and fonts a page links to. It is never allowed to reach the
network: URLs under STATIC_URL are read from the static files on disk, `data:` URLs are read
inline, anything else is refused (no server-side request forgery, and no dependency on the web
server being able to call itself).
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import HTML
from weasyprint.urls import URLFetcher


class ForbiddenResourceError(ValueError):
    pass


def local_static_url(url: str) -> str:
    """Map http(s)://any-host/static/<path> to file://<path on disk>; `data:` passes through;
    raise ForbiddenResourceError for anything else."""
    if url.startswith("data:"):
        return url
    parts = urlsplit(url)
    path = unquote(parts.path)
    if parts.scheme in ("http", "https") and path.startswith(settings.STATIC_URL):
        relative = path.removeprefix(settings.STATIC_URL)
        if relative and ".." not in relative.split("/"):
            found = finders.find(relative)
            if isinstance(found, str):
                return f"file://{found}"
    raise ForbiddenResourceError(f"resource not allowed in a PDF: {url[:100]}")


class StaticOnlyFetcher(URLFetcher):
    def __init__(self):
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)

    def fetch(self, url, headers=None):
        return super().fetch(local_static_url(url), headers)


def render_pdf(html: str, *, base_url: str) -> bytes:
    """Render `html` (a whole document) to PDF bytes. `base_url` is the site root, so that
    /static/... links resolve to the local files."""
    return HTML(string=html, base_url=base_url, url_fetcher=StaticOnlyFetcher()).write_pdf()
