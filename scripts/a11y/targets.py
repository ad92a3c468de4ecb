"""Print, as JSON, the addresses the accessibility scan visits that depend on the demo data
(a service, an area, an agency, the demo editor's service with a draft in progress).

Run by scripts/a11y/run.sh after `load_demo`, with the same settings as the server.
"""

import json

import django

django.setup()

from plataforma.catalog.demo import DEMO_PASSWORD, EDITORS  # noqa: E402
from plataforma.catalog.demo.mtlogin import CITIZENS  # noqa: E402
from plataforma.catalog.models import Category, Service, ServiceVersion  # noqa: E402

# The DETRAN-MT editor: the demo leaves a draft of the CNH renewal in progress, so the edit
# form, the history (two versions) and the diff have real content.
editor = next(account for account in EDITORS if "DETRAN-MT" in account.agencies)
draft = (
    ServiceVersion.objects.filter(
        state=ServiceVersion.State.DRAFT,
        service__agency__acronym="DETRAN-MT",
        service__published_version__isnull=False,
    )
    .select_related("service__agency")
    .order_by("service__name")
    .first()
)
service = Service.objects.filter(published_version__isnull=False).order_by("name").first()
print(
    json.dumps(
        {
            "service_slug": draft.service.slug if draft else service.slug,
            "category_slug": Category.objects.order_by("name").first().slug,
            "agency_slug": (draft.service.agency if draft else service.agency).slug,
            "editor_cpf": editor.cpf,
            "editor_password": DEMO_PASSWORD,
            # the demo citizen with an authenticator app: her password leads to the second step
            "mfa_cpf": CITIZENS[2].cpf,
            "editor_service_id": str(draft.service_id) if draft else None,
        }
    )
)
