"""Behind the load balancer, the client's address comes from X-Forwarded-For, but only the
entries written by trusted proxies count: a client cannot choose its own address."""

from django.test import RequestFactory, override_settings

from plataforma.common.net import client_ip

rf = RequestFactory()


def _request(remote: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return rf.get("/", **extra)


def test_without_trusted_proxies_the_header_is_ignored():
    assert client_ip(_request("203.0.113.9", "1.2.3.4")) == "203.0.113.9"


@override_settings(TRUSTED_PROXIES=["10.0.0.0/8"])
def test_the_first_untrusted_hop_from_the_right_is_the_client():
    assert client_ip(_request("10.0.0.5", "198.51.100.7, 10.1.2.3")) == "198.51.100.7"


@override_settings(TRUSTED_PROXIES=["10.0.0.0/8"])
def test_a_client_cannot_forge_its_address_by_prepending_entries():
    # The client sent "X-Forwarded-For: 1.1.1.1"; the balancer appended the real address.
    assert client_ip(_request("10.0.0.5", "1.1.1.1, 198.51.100.7")) == "198.51.100.7"


@override_settings(TRUSTED_PROXIES=["10.0.0.0/8"])
def test_requests_not_coming_through_a_trusted_proxy_keep_their_own_address():
    assert client_ip(_request("198.51.100.8", "1.1.1.1")) == "198.51.100.8"


@override_settings(TRUSTED_PROXIES=["10.0.0.0/8"])
def test_a_malformed_chain_falls_back_to_the_peer():
    assert client_ip(_request("10.0.0.5", "not-an-ip")) == "10.0.0.5"
    assert client_ip(_request("10.0.0.5", "")) == "10.0.0.5"
