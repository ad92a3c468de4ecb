"""The citizen's side of a request form: a Django form built from a published version's FormSpec.

`build_request_form(version=..., known=..., documents=...)` returns a form class; make an instance
with `(data=..., files=...)`, call `is_valid()`, then `answers()` (JSON-safe answers of the
non-file fields) and `file_choices()` (uploads to store and documents to reuse, per file field).

Once-only (Lei 13.460 art. 5 XV): a field whose `prefill` source is known (`known`, from
prefill.prefill_values) is not asked — it is listed under "Dados que já temos" and its answer is
always the platform's value, whatever is posted. Documents the person already holds can be
attached again instead of uploaded. Render with the template
`service_requests/widgets/request_form.html` (context: `form`).
"""

from .builder import RequestFormBase, build_request_form
from .fields import UFS, format_phone, normalise_phone, parse_brazilian_decimal

__all__ = [
    "UFS",
    "RequestFormBase",
    "build_request_form",
    "format_phone",
    "normalise_phone",
    "parse_brazilian_decimal",
]
