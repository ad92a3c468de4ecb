"""Sample provider backends for X-VIA's development demo: DETRAN-MT's vehicle lookup and
SEFAZ-MT's tax-clearance status. They stand for the agencies' real information systems behind
their security servers. Their data is SYNTHETIC, derived deterministically from the plate or the
document asked, so a demo shows the same answers every time; no real person's data is here.

Run: `python -m xvia.samples detran --port 5601` / `python -m xvia.samples sefaz --port 5602`."""
