"""Pages of MT Login accounts: sign-in, sign-up, e-mail confirmation, passwords, "Minha conta"."""

from .sign_in import SignInView

__all__ = ["SignInView"]
