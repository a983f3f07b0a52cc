"""Imports during a meeting: viewers querying while write_session swaps files in never see an error.

Each swap changes the bidang mapping to ``gen-N``, so a result says which file it was read from. Closing the one
shared connection on a swap (the earlier ui._Warehouse) fails here with ResourceInUseException (another thread is
in a call on it) and "Connection already closed!" (closing it closed a viewer's cursor).
"""

from __future__ import annotations

import dataclasses
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboard import db
from dashboard.config import Settings
from dashboard.queries import run_query
from dashboard.warehouse import Warehouse

PREFIX = "1.06.01"
GENERATION = f"select bidang from bidang_map where kode_prefix = '{PREFIX}'"
VIEWERS, SWAPS, DEADLINE_S = 4, 8, 10.0  # about 2.5 s in all; the deadline only bounds a hang


def swap_in(settings: Settings, n: int) -> None:
    """A real import's swap (copy, change, checkpoint, os.replace, keep .prev), making the file ``gen-n``."""
    with db.write_session(dataclasses.replace(settings, bidang={**settings.bidang, PREFIX: f"gen-{n}"})):
        pass


def open_inodes(folder: Path) -> set[int]:
    """Inodes of the files in ``folder`` this process holds open (replaced or unlinked ones included)."""
    inodes = set()
    for fd in os.listdir("/proc/self/fd"):
        try:
            if os.readlink(f"/proc/self/fd/{fd}").startswith(str(folder)):
                inodes.add(os.stat(f"/proc/self/fd/{fd}").st_ino)
        except OSError:  # the listing's own descriptor, or one closed meanwhile
            continue
    return inodes


@pytest.fixture
def versioned(settings: Settings) -> Settings:
    swap_in(settings, 0)
    return settings


@pytest.fixture
def warehouse(versioned: Settings) -> Iterator[Warehouse]:
    house = Warehouse(versioned.database)
    yield house
    house.close()


def view(house: Warehouse) -> tuple[str, int]:
    """What a page does (a query file through run_query on its own cursor), plus which file answered."""
    with house.reading() as con:
        cursor = con.cursor()
        try:
            generation = cursor.execute(GENERATION).fetchall()[0][0]
            kecamatan = run_query(cursor, "kecamatan_list", kabupaten="35.13")
        finally:
            cursor.close()
    return generation, len(kecamatan)


def test_viewers_querying_through_several_swaps_never_see_an_error(versioned, warehouse):
    expected_kecamatan = view(warehouse)[1]
    stop = threading.Event()
    seen: list[list[str]] = [[] for _ in range(VIEWERS)]
    errors: list[BaseException] = []

    def viewer(i: int) -> None:
        while not stop.is_set():
            try:
                generation, kecamatan = view(warehouse)
                if kecamatan != expected_kecamatan:
                    raise AssertionError(f"{kecamatan} kecamatan instead of {expected_kecamatan}")
            except Exception as exc:  # noqa: BLE001 - any error is one a viewer would have seen
                errors.append(exc)
                continue
            seen[i].append(generation)

    threads = [threading.Thread(target=viewer, args=(i,), daemon=True) for i in range(VIEWERS)]
    for thread in threads:
        thread.start()
    started = time.monotonic()
    try:
        for n in range(1, SWAPS + 1):
            swap_in(versioned, n)
            time.sleep(0.02)  # let every viewer run on the new file before the next swap
            assert time.monotonic() - started < DEADLINE_S, "swaps too slow"
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=DEADLINE_S)

    assert not errors, f"{len(errors)} viewer errors, first: {errors[0]!r}"
    for generations in seen:
        numbers = [int(g.removeprefix("gen-")) for g in generations]
        assert numbers == sorted(numbers), "a viewer went back to an older file"
    assert view(warehouse)[0] == f"gen-{SWAPS}"
    assert open_inodes(versioned.database.parent) == {versioned.database.stat().st_ino}


def test_a_query_that_started_on_the_old_file_finishes_on_it_then_the_file_is_released(versioned, warehouse):
    folder = versioned.database.parent
    with warehouse.reading() as old:
        swap_in(versioned, 1)
        assert view(warehouse)[0] == "gen-1"  # a new query sees the new file at once
        assert old.execute(GENERATION).fetchall() == [("gen-0",)]
        assert len(open_inodes(folder)) == 2
    assert open_inodes(folder) == {versioned.database.stat().st_ino}
    assert not list(folder.glob("*.view-*")), "the hard links are removed as soon as the file is open"
