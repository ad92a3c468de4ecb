from .globalconf import ConfigurationSigningKey, PublishedConfiguration, RegistryRevision
from .pki import CertificateAuthority, IssuedCertificate, TimeStampingAuthority
from .registry import (
    AccessRight,
    Endpoint,
    GlobalGroup,
    GlobalGroupMember,
    Member,
    MemberClass,
    SecurityServer,
    SecurityServerClient,
    Service,
    Subsystem,
)
from .tracker import DataSubjectRecord

__all__ = [
    "AccessRight",
    "CertificateAuthority",
    "ConfigurationSigningKey",
    "DataSubjectRecord",
    "Endpoint",
    "GlobalGroup",
    "GlobalGroupMember",
    "IssuedCertificate",
    "Member",
    "MemberClass",
    "PublishedConfiguration",
    "RegistryRevision",
    "SecurityServer",
    "SecurityServerClient",
    "Service",
    "Subsystem",
    "TimeStampingAuthority",
]
