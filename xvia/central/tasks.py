"""Periodic job (Celery beat, every 5 minutes; schedule in settings.CELERY_BEAT_SCHEDULE):
publish a new global configuration when the registry changed or the current document expires
within `conf.globalconf_renew_margin()` — well before gateways would refuse traffic."""

from __future__ import annotations

import logging

from celery import shared_task

from .pki.keystore import KeyUnavailableError
from .services.globalconf import NotConfiguredError, globalconf_publish

logger = logging.getLogger(__name__)


@shared_task
def publish_global_configuration() -> int | None:
    try:
        document = globalconf_publish()
    except NotConfiguredError:
        logger.warning("xvia.globalconf not published: no configuration-signing key (run xvia_dev_setup)")
        return None
    except KeyUnavailableError:
        logger.error("xvia.globalconf not published: the configuration-signing key file is unreadable")
        return None
    return document.version
