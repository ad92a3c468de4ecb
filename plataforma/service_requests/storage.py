"""Where citizens' files live: the `documents` storage of settings.STORAGES — a private folder
outside the web root by default, an S3-compatible bucket by configuration (docs/operations).
Files are never served by URL; views stream them after checking who asks (see views)."""

from django.core.files.storage import Storage, storages


def documents_storage() -> Storage:
    return storages["documents"]
