"""oauthlib's OpenID Connect server, restricted to what MT Login offers.

PKCE (RFC 7636) accepts only S256: "plain" gives the verifier away to anyone who sees the
authorization request (RFC 9700 §2.1.1). oauthlib answers an unknown method with
invalid_request, as RFC 7636 §4.4.1 asks.

The token endpoint knows only the grants MT Login offers (authorization_code, refresh_token,
client_credentials, as published in discovery): the device grant (RFC 8628), which MT Login has
no endpoint for, and the password grant (RFC 9700 §2.4: must not be used) are taken out, so
they are answered unsupported_grant_type (RFC 6749 §5.2) like any other unknown grant.
"""

from oauthlib.oauth2.rfc6749.grant_types.authorization_code import code_challenge_method_s256
from oauthlib.openid import Server

S256_ONLY = {"S256": code_challenge_method_s256}
UNOFFERED_GRANTS = ("urn:ietf:params:oauth:grant-type:device_code", "password")


class MTLoginServer(Server):
    def __init__(self, request_validator, *args, **kwargs):
        super().__init__(request_validator, *args, **kwargs)
        for grant in (self.auth_grant, self.openid_connect_auth.proxy_target):
            grant._code_challenge_methods = S256_ONLY
        self._grant_types = {
            name: grant for name, grant in self._grant_types.items() if name not in UNOFFERED_GRANTS
        }
