"""Signal receivers: when a sign-in session ends, the tokens issued under it stop working; when a
client registration changes, this process forgets its cached copy."""

from . import client_cache
from .services import sign_in_session_tokens_revoke


def revoke_tokens_of_ended_session(sender, sign_in_session, **kwargs) -> None:
    sign_in_session_tokens_revoke(sign_in_session=sign_in_session)


def forget_cached_client(sender, instance, **kwargs) -> None:
    client_cache.forget(instance.client_id)
