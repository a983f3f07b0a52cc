"""A small demo database built through the real generator and importers, shared by a test session."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from dashboard.config import Settings, load_settings
from dashboard.db import connect_readonly
from dashboard.demo.build import build_demo
from dashboard.filters import Filters
from dashboard.queries import run_query
from dashboard.slides.agenda import build_deck
from dashboard.slides.model import Deck
from dashboard.web.server import streamlit_command

TEST_INDIVIDUALS = 20_000


@dataclass(frozen=True)
class DemoDatabase:
    database: Path
    files: Path
    secret: Path
    config: Path | None = None  # a rakor.toml naming the kabupaten, for a demo of another wilayah than 35.13

    @property
    def env(self) -> dict[str, str]:
        """What the app and the importers need to open it: the database, the key it was built with and, for
        another wilayah, the configuration naming it."""
        env = {"RAKOR_DB": str(self.database), "RAKOR_SECRET_FILE": str(self.secret)}
        return env | ({"RAKOR_CONFIG": str(self.config)} if self.config else {})

    def settings(self) -> Settings:
        """The loaders' and importers' settings for this database, with its own key (not the test's)."""
        return replace(load_settings(self.config, db_path=self.database), secret_file=self.secret)

    def deck(self, filters: Filters, lang: str = "id") -> Deck:
        """The rakor deck of this database, built as the app and ``rakor deck`` build it."""
        con = connect_readonly(self.database)
        try:
            return build_deck(partial(run_query, con), filters, self.settings(), lang)
        finally:
            con.close()

    def copy_to(self, root: Path) -> DemoDatabase:
        """A private copy of the database for a test that writes; the files and the key stay shared (read only)."""
        root.mkdir(parents=True, exist_ok=True)
        copy = replace(self, database=root / self.database.name)
        shutil.copyfile(self.database, copy.database)
        return copy


def build_test_demo(root: Path, wilayah: str | None = None, individuals: int = TEST_INDIVIDUALS) -> DemoDatabase:
    """Generate the demo files at a small scale and import them into ``root/rakor.duckdb``; ``wilayah`` (a
    kabupaten/kota code) builds that wilayah's demo with a ``rakor.toml`` naming it beside the database."""
    config = None
    if wilayah is not None:
        config = root / "rakor.toml"
        root.mkdir(parents=True, exist_ok=True)
        config.write_text(f'kabupaten = "{wilayah}"\n', encoding="utf-8")
    demo = DemoDatabase(root / "rakor.duckdb", root / "files", root / "pseudonym.key", config)
    old = {k: os.environ.get(k) for k in ("RAKOR_DB", "RAKOR_SECRET_FILE", "RAKOR_CONFIG")}
    os.environ.update(demo.env)
    try:
        settings = load_settings()
        outcomes = build_demo(settings, individuals, files_dir=demo.files, progress=lambda _m: None,
                              wilayah=settings.kabupaten)
    finally:
        for key, value in old.items():
            os.environ.pop(key, None) if value is None else os.environ.__setitem__(key, value)
    refused = [o for o in outcomes if o.status != "imported"]
    assert not refused, [line for o in refused for line in o.lines]
    return demo


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class Served:
    """A running app: its address and the access store its sign-ins are checked against."""

    url: str
    store: Path


@contextmanager
def streamlit_server(demo: DemoDatabase):
    """A real ``streamlit run`` of the app on a free port, serving the given database (yields a Served)."""
    port = free_port()
    env = dict(os.environ, **demo.env)
    command = streamlit_command(port, "--server.address", "127.0.0.1")
    process = subprocess.Popen(command, cwd=demo.database.parent, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process)
        yield Served(url, demo.settings().access_store)
    finally:
        process.terminate()
        process.wait(timeout=20)


def _wait_healthy(url: str, process: subprocess.Popen, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(process.stdout.read().decode(errors="replace"))
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"streamlit did not start at {url}")
