"""Cryptography of the central, without the database: key files, the development CA's
certificate building and CSR checks, and the RFC 3161 responder."""
