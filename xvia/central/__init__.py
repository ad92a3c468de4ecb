"""X-VIA central (ADR 0033): registry of members, subsystems, security servers, services and
access rights; development CA and TSA; signed global configuration; administration pages."""
