"""Read-only admin views of X-VIA central: every change goes through the administration pages
(/servidor/xvia/), whose services validate, audit and bump the registry revision."""

from django.contrib import admin

from . import models


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(models.Member)
class MemberAdmin(ReadOnlyAdmin):
    list_display = ("name", "member_class", "code", "agency")
    search_fields = ("name", "code")


@admin.register(models.Subsystem)
class SubsystemAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "member", "message_log")
    search_fields = ("code", "name")


@admin.register(models.SecurityServer)
class SecurityServerAdmin(ReadOnlyAdmin):
    list_display = ("code", "owner", "address")


@admin.register(models.Service)
class ServiceAdmin(ReadOnlyAdmin):
    list_display = ("code", "title", "subsystem", "personal_data")
    search_fields = ("code", "title")
    exclude = ("openapi_text",)


@admin.register(models.AccessRight)
class AccessRightAdmin(ReadOnlyAdmin):
    list_display = ("service", "subject_subsystem", "subject_group", "method", "path")


@admin.register(models.GlobalGroup)
class GlobalGroupAdmin(ReadOnlyAdmin):
    list_display = ("code", "description")


@admin.register(models.CertificateAuthority)
class CertificateAuthorityAdmin(ReadOnlyAdmin):
    list_display = ("name", "kind", "is_active", "certificate_sha256")
    exclude = ("key_file",)


@admin.register(models.IssuedCertificate)
class IssuedCertificateAdmin(ReadOnlyAdmin):
    list_display = ("kind", "member", "security_server", "serial_hex", "not_after", "revoked_at")
    list_filter = ("kind",)


@admin.register(models.TimeStampingAuthority)
class TimeStampingAuthorityAdmin(ReadOnlyAdmin):
    list_display = ("name", "url", "is_active")
    exclude = ("key_file",)


@admin.register(models.PublishedConfiguration)
class PublishedConfigurationAdmin(ReadOnlyAdmin):
    list_display = ("version", "generated_at", "expires_at", "registry_revision")
    exclude = ("signed",)
