"""A real office client on the files the product writes: LibreOffice, headless, as a reader would open them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

needs_libreoffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                       reason="LibreOffice (soffice) is not installed")


def to_pdf(path: Path, out: Path, profile: Path) -> Path:
    """LibreOffice's own reading of a file, as PDF (a fresh profile: no state from another run)."""
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), str(path)], check=True, capture_output=True, timeout=120)
    return out / f"{path.stem}.pdf"
