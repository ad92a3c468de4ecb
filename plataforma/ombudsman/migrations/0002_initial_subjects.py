"""The subjects every ouvidoria classifies manifestações by from the first day (data only).

The list follows the main classes Fala.BR and the state ouvidorias report; the ouvidoria adds
or retires subjects in the admin without touching code."""

import uuid

from django.db import migrations
from django.utils import timezone

SUBJECTS = (
    ("atendimento", "Atendimento e conduta de servidores"),
    ("demora", "Demora ou descumprimento de prazo"),
    ("informacao", "Informação incorreta ou insuficiente"),
    ("canais-digitais", "Site, aplicativo ou sistema com falha"),
    ("documentos", "Documentos e certidões"),
    ("cobrancas", "Taxas, cobranças e pagamentos"),
    ("acessibilidade", "Acessibilidade"),
    ("agendamento", "Agendamento e filas"),
    ("irregularidade", "Irregularidade ou mau uso de recursos públicos"),
    ("assedio", "Assédio ou discriminação"),
    ("infraestrutura", "Instalações e infraestrutura"),
    ("simplificacao", "Simplificação de serviços"),
    ("outros", "Outros assuntos"),
)


def create_subjects(apps, schema_editor):
    Subject = apps.get_model("ombudsman", "Subject")
    now = timezone.now()
    for slug, name in SUBJECTS:
        Subject.objects.get_or_create(
            slug=slug, defaults={"id": uuid.uuid4(), "name": name, "created_at": now, "updated_at": now}
        )


def remove_subjects(apps, schema_editor):
    Subject = apps.get_model("ombudsman", "Subject")
    Subject.objects.filter(slug__in=[slug for slug, _ in SUBJECTS], manifestations__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("ombudsman", "0001_initial")]

    operations = [migrations.RunPython(create_subjects, remove_subjects)]
