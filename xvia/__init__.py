"""X-VIA: Mato Grosso's interoperability and security platform between agencies (X-Road's design)."""
