"""Open a running dashboard in Debian's chromium, sign in, and fail unless Ringkasan shows its figures, offline.

Used by ``.ci/wheel-check`` against ``rakor serve`` from an installed wheel:
``python -m tests.support.smoke URL ACCOUNT`` with the account's password on standard input.
"""

from __future__ import annotations

import sys

from playwright.sync_api import sync_playwright

from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, EXCEPTION_BOX, record_external


def check_dashboard(url: str, name: str, password: str) -> list[str]:
    """Problems seen on the opening page after signing in: an exception box, a missing tile, a request leaving the
    machine."""
    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1920, "height": 1080})
        external = record_external(page)
        page.goto(url, wait_until="networkidle")
        page.get_by_label("Nama pengguna").fill(name)
        page.get_by_label("Kata sandi").fill(password)
        page.get_by_role("button", name="Masuk").click()
        page.get_by_text("Individu DTKS").wait_for(timeout=60_000)
        page.locator("[data-testid='stTable'] table").first.wait_for(timeout=60_000)
        if page.locator(EXCEPTION_BOX).count():
            problems.append("exception: " + page.locator(EXCEPTION_BOX).first.inner_text())
        problems += [f"external request: {url}" for url in external]
        browser.close()
    return problems


if __name__ == "__main__":
    found = check_dashboard(sys.argv[1], sys.argv[2], sys.stdin.readline().strip())
    print("\n".join(found) or f"dashboard ok at {sys.argv[1]}")
    sys.exit(1 if found else 0)
