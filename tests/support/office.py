"""A real office client on the files the product writes: LibreOffice, headless, as a reader would open them."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

needs_libreoffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                       reason="LibreOffice (soffice) is not installed")


def to_pdf(path: Path, out: Path, profile: Path) -> Path:
    """LibreOffice's own reading of a file, as PDF (a fresh profile: no state from another run)."""
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), str(path)], check=True, capture_output=True, timeout=120)
    return out / f"{path.stem}.pdf"


def office_bytes(path: Path) -> bytes:
    """Every part of a zip-based Office file, the charts' embedded workbooks opened too: what a scan for personal
    numbers must read (the parts are compressed in the file itself)."""
    parts = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            data = archive.read(name)
            if name.endswith(".xlsx"):
                with zipfile.ZipFile(io.BytesIO(data)) as inner:
                    data = b"".join(inner.read(n) for n in inner.namelist())
            parts.append(data)
    return b"".join(parts)
