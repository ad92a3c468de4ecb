"""Open data: the whole published Carta as CSV, as JSON, and in the federal gov.br service model
(Lei 13.460 art. 7 §6: open, interoperable format for the Base Nacional de Serviços Públicos;
Lei 14.129 arts. 29-37: machine-readable, documented open data).

Every export reads the catalogue with a FIXED number of queries whatever its size (services with
agency and published version, then one query for categories and one for units) and is streamed
row by row, so 10,000 services export in a few seconds without holding them all in memory.
Drafts never appear: only services with is_published and their published version.

Formats
- CSV (/api/v1/servicos.csv): UTF-8 with BOM (opens correctly in spreadsheet programs), comma
  separator, CRLF line ends, a header row, one row per published service. Multi-valued cells are
  joined with " | ". Booleans are "true"/"false". Dates are ISO 8601 with the time zone.
- JSON (/api/v1/servicos.json): {"items": [ServiceDetail...], "total": n, "generated_at": ...};
  each item is exactly what GET /api/v1/servicos/{slug} returns.
- gov.br (/api/v1/govbr/servicos.json): {"servicos": [...], "total": n, "geradoEm": ...}.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, StreamingHttpResponse
from django.utils import timezone

from .documents import (
    API_SERVICE_PATH,
    CACHE_CONTROL,
    CHUNK,
    SERVICE_PAGE_PATH,
    agency_ref,
    categories_by_service,
    content_document,
    published_services,
    service_document,
    unit_document,
    units_by_service,
)
from .govbr import govbr_document, govbr_time
from .tabular import CSV_HEADER, csv_row

__all__ = [
    "API_SERVICE_PATH",
    "CACHE_CONTROL",
    "CSV_HEADER",
    "SERVICE_PAGE_PATH",
    "agency_ref",
    "content_document",
    "csv_response",
    "govbr_document",
    "govbr_response",
    "govbr_time",
    "json_response",
    "service_document",
    "unit_document",
]


class _Echo:
    def write(self, value: str) -> str:
        return value


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def iter_csv(base_url: str) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(CSV_HEADER)
    categories = categories_by_service()
    buffer = io.StringIO()
    for n, service in enumerate(published_services().iterator(chunk_size=CHUNK), 1):
        buffer.write(
            writer.writerow(csv_row(service, categories=categories.get(service.pk, []), base_url=base_url))
        )
        if n % 100 == 0:
            yield buffer.getvalue()
            buffer = io.StringIO()
    yield buffer.getvalue()


def _iter_json(
    documents: Iterator[dict[str, Any]], *, list_key: str, total_key: str, date_key: str
) -> Iterator[str]:
    yield f'{{"{date_key}": {json.dumps(timezone.now().isoformat())}, "{list_key}": ['
    total = 0
    chunk: list[str] = []
    for document in documents:
        chunk.append(json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False))
        total += 1
        if len(chunk) == 100:
            yield ("," if total > 100 else "") + ",".join(chunk)
            chunk = []
    if chunk:
        yield ("," if total > len(chunk) else "") + ",".join(chunk)
    yield f'], "{total_key}": {total}}}'


def iter_json(base_url: str) -> Iterator[str]:
    def documents() -> Iterator[dict[str, Any]]:
        categories = categories_by_service()
        units = units_by_service()
        for service in published_services().iterator(chunk_size=CHUNK):
            yield service_document(
                service,
                categories=categories.get(service.pk, []),
                units=units.get(service.pk, []),
                base_url=base_url,
            )

    return _iter_json(documents(), list_key="items", total_key="total", date_key="generated_at")


def iter_govbr(base_url: str) -> Iterator[str]:
    def documents() -> Iterator[dict[str, Any]]:
        categories = categories_by_service()
        for service in published_services().iterator(chunk_size=CHUNK):
            yield govbr_document(service, categories=categories.get(service.pk, []), base_url=base_url)

    return _iter_json(documents(), list_key="servicos", total_key="total", date_key="geradoEm")


def _streaming(
    chunks: Iterator[str], content_type: str, filename: str, attachment: bool
) -> StreamingHttpResponse:
    response = StreamingHttpResponse((c.encode("utf-8") for c in chunks), content_type=content_type)
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = CACHE_CONTROL
    return response


def csv_response(request: HttpRequest) -> StreamingHttpResponse:
    return _streaming(
        iter_csv(_base_url(request)), "text/csv; charset=utf-8", "servicos.csv", attachment=True
    )


def json_response(request: HttpRequest) -> StreamingHttpResponse:
    return _streaming(iter_json(_base_url(request)), "application/json", "servicos.json", attachment=False)


def govbr_response(request: HttpRequest) -> StreamingHttpResponse:
    return _streaming(
        iter_govbr(_base_url(request)), "application/json", "servicos-govbr.json", attachment=False
    )
