"""The browser side of WebAuthn (static/mfa/webauthn.js), run in node with a minimal DOM and
stubbed fetch / navigator.credentials (js/webauthn_harness.js): the options are decoded from
base64url, the credential is posted in the JSON shape the server parses, errors reach the
aria-live region, and the forms stay hidden where the browser has no PublicKeyCredential."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SCRIPT = HERE.parent / "static" / "mfa" / "webauthn.js"
NODE = shutil.which("node")


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_webauthn_js_scenarios():
    result = subprocess.run(  # noqa: S603 (fixed arguments)
        [NODE, str(HERE / "js" / "webauthn_harness.js"), str(SCRIPT)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "all scenarios OK" in result.stdout
