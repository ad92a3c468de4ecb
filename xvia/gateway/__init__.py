"""X-VIA security server (gateway): one per agency; learns everything from global configuration.

Never imports Django nor ``plataforma`` (ADR 0033); see ADR 0034 and 0035.
"""
