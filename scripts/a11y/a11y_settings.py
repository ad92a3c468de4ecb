"""Settings for the accessibility scan's throw-away server (scripts/a11y/run.sh).

The platform's own settings with DEBUG off, so that the 400/404 pages are the real ones (not
Django's debug pages), while WhiteNoise still serves the static files straight from the
finders (no collectstatic into the work tree).
"""

from plataforma.settings import *  # noqa: F403

DEBUG = False
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# The scan signs the demo editor in once per browser context after trying a wrong password on
# purpose (to check the error state): brute-force delays must not lock the editor out mid-scan.
MTLOGIN_BRUTEFORCE = {**MTLOGIN_BRUTEFORCE, "DELAY_AFTER": 1000, "ACCOUNT_LOCK_AFTER": 1000}  # noqa: F405
