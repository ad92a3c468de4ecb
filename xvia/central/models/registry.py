"""The registry (ADR 0033): members, their subsystems, security servers, services with their
endpoints, global groups and access rights. Identifiers follow X-Road's; invariants are database
constraints. Writes go through `xvia.central.services`, which bump the registry revision so the
next global configuration carries the change."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _

from plataforma.common.fields import CNPJField
from plataforma.common.models import BaseModel

from .. import conf, identifiers

HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]


class MemberClass(BaseModel):
    """GOV (state bodies), MUN (municipalities), COM (companies), ORG (other entities)."""

    code = models.CharField(
        _("código"), max_length=16, unique=True, validators=[identifiers.class_code_validator]
    )
    description = models.CharField(_("descrição"), max_length=200)

    class Meta:
        ordering = ["code"]
        verbose_name = _("classe de membro")
        verbose_name_plural = _("classes de membro")
        constraints = [
            models.CheckConstraint(
                condition=~Q(code="") & ~Q(code__contains="/"),
                name="xvia_memberclass_code_not_empty",
            )
        ]

    def __str__(self) -> str:
        return self.code


class Member(BaseModel):
    """An agency or entity that exchanges data through X-VIA, identified by its CNPJ (the member
    code) within a member class."""

    member_class = models.ForeignKey(
        MemberClass, on_delete=models.PROTECT, related_name="members", verbose_name=_("classe")
    )
    code = CNPJField(_("CNPJ"))
    name = models.CharField(_("nome"), max_length=200)
    agency = models.OneToOneField(
        "catalog.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="xvia_member",
        verbose_name=_("órgão no catálogo"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("membro do X-VIA")
        verbose_name_plural = _("membros do X-VIA")
        constraints = [
            models.UniqueConstraint(fields=["member_class", "code"], name="xvia_member_class_code_uniq"),
            models.CheckConstraint(condition=Exact(Length("code"), 14), name="xvia_member_code_is_cnpj"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.xroad_id})"

    @property
    def xroad_id(self) -> str:
        return identifiers.member_id(conf.instance(), self.member_class.code, self.code)


class Subsystem(BaseModel):
    """An information system of a member: the unit that consumes and provides services."""

    class MessageLog(models.TextChoices):
        FULL = "full", _("Mensagens completas")
        METADATA = "metadata", _("Somente metadados")

    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="subsystems", verbose_name=_("membro")
    )
    code = models.CharField(_("código"), max_length=64, validators=[identifiers.code_validator])
    name = models.CharField(_("nome"), max_length=200)
    message_log = models.CharField(
        _("registro de mensagens"), max_length=10, choices=MessageLog.choices, default=MessageLog.FULL
    )

    class Meta:
        ordering = ["member__name", "code"]
        verbose_name = _("subsistema")
        verbose_name_plural = _("subsistemas")
        constraints = [
            models.UniqueConstraint(fields=["member", "code"], name="xvia_subsystem_member_code_uniq"),
            models.CheckConstraint(
                condition=~Q(code="") & ~Q(code__contains="/"), name="xvia_subsystem_code_valid"
            ),
            models.CheckConstraint(
                condition=Q(message_log__in=["full", "metadata"]), name="xvia_subsystem_log_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.xroad_id

    @property
    def xroad_id(self) -> str:
        m = self.member
        return identifiers.subsystem_id(conf.instance(), m.member_class.code, m.code, self.code)


class SecurityServer(BaseModel):
    """A member's security server (gateway): its address and the client subsystems it serves.
    Its TLS authentication certificates are `IssuedCertificate` rows of kind "auth"."""

    owner = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        related_name="security_servers",
        verbose_name=_("membro responsável"),
    )
    code = models.CharField(_("código"), max_length=64, validators=[identifiers.code_validator])
    address = models.CharField(_("endereço (host:porta)"), max_length=260)
    clients = models.ManyToManyField(
        Subsystem, through="SecurityServerClient", related_name="security_servers", verbose_name=_("clientes")
    )

    class Meta:
        ordering = ["owner__name", "code"]
        verbose_name = _("servidor de segurança")
        verbose_name_plural = _("servidores de segurança")
        constraints = [
            models.UniqueConstraint(fields=["owner", "code"], name="xvia_server_owner_code_uniq"),
            models.CheckConstraint(
                condition=~Q(code="") & ~Q(code__contains="/"), name="xvia_server_code_valid"
            ),
            models.CheckConstraint(condition=Q(address__contains=":"), name="xvia_server_address_has_port"),
        ]

    def __str__(self) -> str:
        return self.xroad_id

    @property
    def server_id(self) -> str:
        """The id without the SERVER: prefix (authentication certificates' serialNumber)."""
        o = self.owner
        return identifiers.server_id(conf.instance(), o.member_class.code, o.code, self.code)

    @property
    def xroad_id(self) -> str:
        return f"SERVER:{self.server_id}"

    @property
    def host(self) -> str:
        return self.address.rsplit(":", 1)[0].strip("[]")


class SecurityServerClient(BaseModel):
    """A subsystem registered as a client of a security server."""

    server = models.ForeignKey(SecurityServer, on_delete=models.CASCADE, related_name="client_links")
    subsystem = models.ForeignKey(Subsystem, on_delete=models.PROTECT, related_name="server_links")

    class Meta:
        ordering = ["server", "subsystem"]
        verbose_name = _("cliente do servidor de segurança")
        verbose_name_plural = _("clientes dos servidores de segurança")
        constraints = [
            models.UniqueConstraint(fields=["server", "subsystem"], name="xvia_server_client_uniq"),
        ]

    def __str__(self) -> str:
        return f"{self.subsystem_id} @ {self.server_id}"


class Service(BaseModel):
    """A REST service provided by a subsystem, described by an OpenAPI 3 document."""

    subsystem = models.ForeignKey(
        Subsystem, on_delete=models.PROTECT, related_name="services", verbose_name=_("subsistema provedor")
    )
    code = models.CharField(_("código"), max_length=64, validators=[identifiers.code_validator])
    title = models.CharField(_("título"), max_length=200)
    description = models.TextField(_("descrição"), max_length=3000, blank=True)
    personal_data = models.BooleanField(_("trata dados pessoais"), default=False)
    openapi_text = models.TextField(_("descrição OpenAPI"), blank=True)
    openapi_sha256 = models.CharField(_("SHA-256 da descrição OpenAPI"), max_length=64, blank=True)

    class Meta:
        ordering = ["subsystem__member__name", "code"]
        verbose_name = _("serviço do X-VIA")
        verbose_name_plural = _("serviços do X-VIA")
        constraints = [
            models.UniqueConstraint(fields=["subsystem", "code"], name="xvia_service_subsystem_code_uniq"),
            models.CheckConstraint(
                condition=~Q(code="") & ~Q(code__contains="/"), name="xvia_service_code_valid"
            ),
            models.CheckConstraint(
                condition=(Q(openapi_text="") & Q(openapi_sha256=""))
                | (~Q(openapi_text="") & Exact(Length("openapi_sha256"), 64)),
                name="xvia_service_openapi_hash_present",
            ),
        ]

    def __str__(self) -> str:
        return self.xroad_id

    @property
    def xroad_id(self) -> str:
        return f"{self.subsystem.xroad_id}/{self.code}"


class Endpoint(BaseModel):
    """One REST operation of a service: an HTTP method and a path template (`{x}` = one segment)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="endpoints")
    method = models.CharField(_("método"), max_length=8, choices=[(m, m) for m in HTTP_METHODS])
    path = models.CharField(_("caminho"), max_length=300)
    summary = models.CharField(_("resumo"), max_length=300, blank=True)

    class Meta:
        ordering = ["path", "method"]
        verbose_name = _("operação")
        verbose_name_plural = _("operações")
        constraints = [
            models.UniqueConstraint(fields=["service", "method", "path"], name="xvia_endpoint_uniq"),
            models.CheckConstraint(condition=Q(method__in=HTTP_METHODS), name="xvia_endpoint_method_valid"),
            models.CheckConstraint(condition=Q(path__startswith="/"), name="xvia_endpoint_path_absolute"),
        ]

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


class GlobalGroup(BaseModel):
    """A set of subsystems that can be granted access rights together (X-Road global group)."""

    code = models.CharField(_("código"), max_length=64, unique=True, validators=[identifiers.code_validator])
    description = models.CharField(_("descrição"), max_length=300)
    subsystems = models.ManyToManyField(Subsystem, through="GlobalGroupMember", related_name="global_groups")

    class Meta:
        ordering = ["code"]
        verbose_name = _("grupo global")
        verbose_name_plural = _("grupos globais")
        constraints = [
            models.CheckConstraint(
                condition=~Q(code="") & ~Q(code__contains="/"), name="xvia_group_code_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.xroad_id

    @property
    def xroad_id(self) -> str:
        return identifiers.group_id(conf.instance(), self.code)


class GlobalGroupMember(BaseModel):
    group = models.ForeignKey(GlobalGroup, on_delete=models.CASCADE, related_name="memberships")
    subsystem = models.ForeignKey(Subsystem, on_delete=models.PROTECT, related_name="group_memberships")

    class Meta:
        ordering = ["group", "subsystem"]
        verbose_name = _("membro de grupo global")
        verbose_name_plural = _("membros de grupos globais")
        constraints = [models.UniqueConstraint(fields=["group", "subsystem"], name="xvia_group_member_uniq")]

    def __str__(self) -> str:
        return f"{self.group_id}: {self.subsystem_id}"


class AccessRight(BaseModel):
    """Permission for one client subsystem or global group to call a service's operations
    matching `method` (`*` = any) and `path` (`**` = any; `{x}` one segment; trailing `/**` any
    rest). Deny by default: what no row allows is refused by the provider's security server."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="access_rights")
    subject_subsystem = models.ForeignKey(
        Subsystem, on_delete=models.CASCADE, null=True, blank=True, related_name="granted_rights"
    )
    subject_group = models.ForeignKey(
        GlobalGroup, on_delete=models.CASCADE, null=True, blank=True, related_name="granted_rights"
    )
    method = models.CharField(_("método"), max_length=8, default="*")
    path = models.CharField(_("caminho"), max_length=300, default="**")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["service", "method", "path"]
        verbose_name = _("direito de acesso")
        verbose_name_plural = _("direitos de acesso")
        constraints = [
            models.CheckConstraint(
                condition=(Q(subject_subsystem__isnull=False) & Q(subject_group__isnull=True))
                | (Q(subject_subsystem__isnull=True) & Q(subject_group__isnull=False)),
                name="xvia_right_one_subject",
            ),
            models.CheckConstraint(
                condition=Q(method__in=[*HTTP_METHODS, "*"]), name="xvia_right_method_valid"
            ),
            models.CheckConstraint(
                condition=Q(path="**") | Q(path__startswith="/"), name="xvia_right_path_valid"
            ),
            models.UniqueConstraint(
                fields=["service", "subject_subsystem", "method", "path"],
                condition=Q(subject_subsystem__isnull=False),
                name="xvia_right_subsystem_uniq",
            ),
            models.UniqueConstraint(
                fields=["service", "subject_group", "method", "path"],
                condition=Q(subject_group__isnull=False),
                name="xvia_right_group_uniq",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject_label} → {self.service_id} {self.method} {self.path}"

    @property
    def subject_id(self) -> str:
        if self.subject_group_id:
            return f"GROUP:{self.subject_group.xroad_id}"
        return self.subject_subsystem.xroad_id

    @property
    def subject_label(self) -> str:
        return self.subject_id
