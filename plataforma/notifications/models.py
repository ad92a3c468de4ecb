"""The notification centre (Lei 14.129 art. 21: notifications in the request tool) and each
person's choice of channel (art. 27: the user chooses a preferred channel of communication)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from plataforma.common.models import BaseModel

TITLE_MAX_LENGTH = 200
BODY_MAX_LENGTH = 2000
URL_MAX_LENGTH = 500


def is_local_path(url: str) -> bool:
    """True for a path on this site ("/conta/..."): one leading slash, no scheme, no host, no
    whitespace or control characters. "//host" and "/\\host" are other sites to a browser."""
    if not url.startswith("/") or url[1:2] in ("/", "\\"):
        return False
    return not any(ord(ch) <= 32 or ord(ch) == 127 for ch in url)


def validate_local_path(url: str) -> None:
    if url and not is_local_path(url):
        raise ValidationError(
            _("O link da notificação deve ser um caminho deste portal, começando com uma só barra (/)."),
            code="not_local",
        )


class NotificationCategory(models.TextChoices):
    """Short keys callers pass as `category`; the label is what the person reads."""

    REQUEST = "solicitacao", _("Solicitação")
    PAYMENT = "pagamento", _("Pagamento")
    EVALUATION = "avaliacao", _("Avaliação")
    SECURITY = "seguranca", _("Segurança")
    GENERAL = "geral", _("Geral")


class Notification(BaseModel):
    """One message to one person, always shown in the notification centre; channels (e-mail)
    may also carry it, according to the person's NotificationPreference."""

    Category = NotificationCategory

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("destinatário"),
    )
    # Set when the notification concerns a request made on behalf of a company.
    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("empresa"),
    )
    category = models.CharField(
        _("categoria"), max_length=20, choices=Category.choices, default=Category.GENERAL
    )
    title = models.CharField(_("título"), max_length=TITLE_MAX_LENGTH)
    body = models.CharField(_("texto"), max_length=BODY_MAX_LENGTH, blank=True)
    url = models.CharField(_("link"), max_length=URL_MAX_LENGTH, blank=True, validators=[validate_local_path])
    # Subject of the e-mail, when the caller wants one other than the title.
    email_subject = models.CharField(_("assunto do e-mail"), max_length=TITLE_MAX_LENGTH, blank=True)
    read_at = models.DateTimeField(_("lida em"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("enviada por e-mail em"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notificação")
        verbose_name_plural = _("notificações")
        indexes = [
            models.Index(fields=["user", "read_at", "-created_at"], name="notif_user_read_created"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(category__in=NotificationCategory.values), name="notif_category_known"
            ),
            models.CheckConstraint(condition=~Q(title=""), name="notif_title_not_empty"),
            models.CheckConstraint(
                condition=Q(url="")
                | (Q(url__startswith="/") & ~Q(url__startswith="//") & ~Q(url__startswith="/\\")),
                name="notif_url_local_path",
            ),
        ]

    def __str__(self) -> str:
        # No title here: it may carry personal data, and str() is what audit rows keep.
        return f"{self.get_category_display()} ({self.pk})"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(BaseModel):
    """How a person wants to be told, besides the notification centre, which is always on
    (Lei 14.129 art. 27). No row means the defaults. A later channel (SMS, push) adds its own
    boolean here and its entry in channels.py."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preference",
        verbose_name=_("pessoa"),
    )
    email = models.BooleanField(_("receber também por e-mail"), default=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("preferência de notificação")
        verbose_name_plural = _("preferências de notificação")

    def __str__(self) -> str:
        return f"{_('Preferências de notificação')} ({self.user_id})"
