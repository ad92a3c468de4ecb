"""MT Login's OpenID Connect endpoints: discovery at the issuer's root, the protocol under /o/."""

from django.urls import path, re_path

from . import views

app_name = "oidc"

urlpatterns = [
    re_path(r"^\.well-known/openid-configuration/?$", views.DiscoveryView.as_view(), name="discovery"),
    path(".well-known/jwks.json", views.JwksView.as_view(), name="jwks"),
    path("o/authorize/", views.AuthorizeView.as_view(), name="authorize"),
    path("o/token/", views.TokenView.as_view(), name="token"),
    path("o/userinfo/", views.UserInfoView.as_view(), name="userinfo"),
    path("o/introspect/", views.IntrospectView.as_view(), name="introspect"),
    path("o/revoke/", views.RevokeView.as_view(), name="revoke"),
    path("o/logout/", views.LogoutView.as_view(), name="logout"),
]
