"""What every browser check shares (the browser tests and ``tests.support.smoke``): Debian's chromium kept
offline, what counts as leaving the machine, Streamlit's exception box."""

from __future__ import annotations

from urllib.parse import urlparse

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps calling Google services, which a closed network refuses.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
EXCEPTION_BOX = "[data-testid='stException']"


def is_external(url: str) -> bool:
    """A request the office's closed network would refuse: anything but this machine and inline data."""
    return urlparse(url).hostname not in ("127.0.0.1", "localhost") and not url.startswith(("data:", "blob:"))


def record_external(page) -> list[str]:
    """The list the page's requests that leave the machine are appended to, from now on."""
    external: list[str] = []
    page.on("request", lambda request: external.append(request.url) if is_external(request.url) else None)
    return external

