"""Headless Debian chromium for the browser tests (never a downloaded browser)."""

from __future__ import annotations

import shutil

INSTALL = (
    "install Debian's chromium as root (apt-get update && apt-get install -y chromium) "
    "and the python driver (pip install -e '.[test]', which brings playwright)"
)
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# No background traffic: this machine's network is closed, and a test page needs none.
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
