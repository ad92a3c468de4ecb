from .authorize import AuthorizeView
from .discovery import DiscoveryView, JwksView
from .endpoints import IntrospectView, RevokeView, TokenView, UserInfoView
from .logout import LogoutView

__all__ = [
    "AuthorizeView",
    "DiscoveryView",
    "IntrospectView",
    "JwksView",
    "LogoutView",
    "RevokeView",
    "TokenView",
    "UserInfoView",
]
