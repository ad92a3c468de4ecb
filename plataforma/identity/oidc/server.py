"""oauthlib's OpenID Connect server, restricted to what MT Login offers.

PKCE (RFC 7636) accepts only S256: "plain" gives the verifier away to anyone who sees the
authorization request (RFC 9700 §2.1.1). oauthlib answers an unknown method with
invalid_request, as RFC 7636 §4.4.1 asks.
"""

from oauthlib.oauth2.rfc6749.grant_types.authorization_code import code_challenge_method_s256
from oauthlib.openid import Server

S256_ONLY = {"S256": code_challenge_method_s256}


class MTLoginServer(Server):
    def __init__(self, request_validator, *args, **kwargs):
        super().__init__(request_validator, *args, **kwargs)
        for grant in (self.auth_grant, self.openid_connect_auth.proxy_target):
            grant._code_challenge_methods = S256_ONLY
