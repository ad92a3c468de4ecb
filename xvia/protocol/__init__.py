"""X-VIA protocol: identifiers, global configuration, signing, RFC 3161, message log (no Django)."""
