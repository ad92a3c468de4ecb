"""Signal receivers: when a sign-in session ends, the tokens issued under it stop working."""

from .services import sign_in_session_tokens_revoke


def revoke_tokens_of_ended_session(sender, sign_in_session, **kwargs) -> None:
    sign_in_session_tokens_revoke(sign_in_session=sign_in_session)
