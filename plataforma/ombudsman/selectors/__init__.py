"""Reads of the ouvidoria. Reads of personal data by servants are audited here (Lei 14.129 art.
40 §1): the views never reach a manifestação's author except through `identity_reveal`."""
