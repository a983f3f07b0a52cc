"""The command that starts the Streamlit server, shared by ``rakor serve`` and the browser tests.

Streamlit reads ``.streamlit/config.toml`` only from the working directory or the home folder, neither of which
an installed wheel controls, so the shipped settings (offline, no usage statistics, projector theme) are passed
as command-line options instead: the server behaves the same from any folder.
"""

from __future__ import annotations

import sys
import tomllib

from dashboard.paths import APP_FILE, STREAMLIT_CONFIG


def config_options() -> list[str]:
    """The shipped Streamlit configuration as ``--section.option value`` pairs."""
    raw = tomllib.loads(STREAMLIT_CONFIG.read_text(encoding="utf-8"))
    options = []
    for section, values in raw.items():
        for name, value in values.items():
            text = str(value).lower() if isinstance(value, bool) else str(value)
            options += [f"--{section}.{name}", text]
    return options


def streamlit_command(port: int, *extra: str) -> list[str]:
    """``python -m streamlit run <app> ...`` with the shipped configuration and any further options."""
    return [sys.executable, "-m", "streamlit", "run", str(APP_FILE), *config_options(),
            "--server.port", str(port), *extra]
