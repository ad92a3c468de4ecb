from celery import shared_task

from . import services


@shared_task(name="plataforma.service_requests.payments.tasks.charges_expire")
def charges_expire() -> dict[str, int]:
    """Every few minutes: expire unpaid charges past their due time (the request is cancelled by
    the workflow's expired action) and cancel charges of requests that left the payment step."""
    return services.charges_expire()
