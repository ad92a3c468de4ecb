"""`manage.py pix_sandbox_pay <txid>` pays over HTTP, against a local test server."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from ...tests.factories import reload, submit
from ..selectors import charge_for_request


@pytest.mark.django_db(transaction=True)
def test_the_command_pays_through_the_http_webhook(live_server, paid_service, person, capsys):
    request = submit(paid_service, person)
    charge = charge_for_request(request)
    call_command("pix_sandbox_pay", charge.txid, "--base-url", live_server.url)
    assert "200" in capsys.readouterr().out
    assert reload(request).state == "recebida"


@pytest.mark.django_db
def test_unknown_txid():
    with pytest.raises(CommandError):
        call_command("pix_sandbox_pay", "NAOEXISTE", "--base-url", "http://127.0.0.1:9")


@pytest.mark.django_db
def test_refused_in_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError):
        call_command("pix_sandbox_pay", "X", "--base-url", "http://127.0.0.1:9")
