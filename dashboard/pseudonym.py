"""Pseudonymisation of NIK and No. KK at the door (UU PDP 27/2022).

Numbers become keyed hashes (BLAKE2b with a per-installation secret, which is an HMAC-strength
construction) so recipients can still be matched to DTKS, while the database alone cannot be reversed
by hashing all possible NIKs. The secret lives in a file outside the database, created on first use.
Hashes are base64url, so they never look like a 16-digit number in the database or a log.
Hashes made with another key match nothing, so the database records the key's fingerprint and refuses another.
"""

from __future__ import annotations

import base64
import hashlib
import os
import secrets
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.i18n import t

KEY_BYTES = 32
DIGEST_BYTES = 12
FINGERPRINT_LABEL = b"rakor pseudonym key fingerprint v1"
FINGERPRINT_BYTES = 8


def load_or_create_key(path: Path) -> bytes:
    """Read the installation secret, creating it (mode 0600) on first run."""
    if path.exists():
        key = bytes.fromhex(path.read_text(encoding="ascii").strip())
        if len(key) != KEY_BYTES:
            raise ValueError(f"Berkas kunci {path} rusak (panjang salah)")
        return key
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(KEY_BYTES)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key.hex())
    return key


def fingerprint(key: bytes) -> str:
    """Names a key without revealing it: a keyed hash of a fixed label (not a digit string), so it can neither
    give the key back nor be used to hash NIKs; 64 bits tell two random keys apart."""
    return hashlib.blake2b(FINGERPRINT_LABEL, key=key, digest_size=FINGERPRINT_BYTES).hexdigest()


class KeyRefused(Exception):
    """The key file is not the one the database was built with, or is missing; nothing was written.

    ``expected`` is the database's recorded fingerprint (None for a database from before fingerprints that
    already holds hashes), ``found`` the key file's (None when the file does not exist).
    """

    def __init__(self, database: Path, key_file: Path, expected: str | None, expected_file: str | None,
                 found: str | None):
        super().__init__(f"{database}: key {found} from {key_file}, expected {expected} from {expected_file}")
        self.database, self.key_file, self.found = database, key_file, found
        self.expected, self.expected_file = expected, expected_file

    def message(self, lang: str = "id") -> str:
        if self.expected is None:
            problem = t("key_missing_legacy", lang, db=self.database, path=self.key_file)
        elif self.found is None:
            problem = t("key_missing", lang, db=self.database, path=self.key_file, expected=self.expected,
                        expected_file=self.expected_file)
        else:
            problem = t("key_mismatch", lang, db=self.database, path=self.key_file, expected=self.expected,
                        expected_file=self.expected_file, found=self.found)
        return f"{problem} {t('key_fix', lang)}"


class Pseudonymiser:
    """Keyed hashing of identifiers; one instance per import run."""

    def __init__(self, key: bytes):
        # keyed once; each hash copies this state (cheaper than re-keying for millions of NIKs)
        self._keyed = hashlib.blake2b(key=key, digest_size=DIGEST_BYTES)

    def hash_one(self, identifier: str) -> str:
        state = self._keyed.copy()
        state.update(identifier.encode("ascii"))
        return base64.urlsafe_b64encode(state.digest()).decode("ascii")

    def hash_series(self, identifiers: pd.Series) -> pd.Series:
        """Hash every non-null identifier; nulls stay null.

        Built for millions of rows: a value repeating the one before it (the members of a household share a No. KK)
        is hashed once, without the cost of finding all distinct values (most NIKs are distinct); one digest per
        value in a tight loop, and one base64 pass over all digests (12 bytes make exactly 16 characters, so each
        value's text is a fixed slice of the whole).
        """
        values = pa.array(identifiers.array, type=pa.large_string(), from_pandas=True)
        valid = values.is_valid().to_numpy(zero_copy_only=False)
        present = values.drop_null()
        starts = np.ones(len(present), dtype=bool)
        if len(present) > 1:
            starts[1:] = ~pc.equal(present[1:], present[:-1]).to_numpy(zero_copy_only=False)
        copy = self._keyed.copy

        def digest(identifier: str) -> bytes:
            state = copy()
            state.update(identifier.encode("ascii"))
            return state.digest()

        runs = present.filter(pa.array(starts)).to_pylist()
        text = base64.urlsafe_b64encode(b"".join(map(digest, runs)))
        width = DIGEST_BYTES // 3 * 4
        hashed = pa.Array.from_buffers(pa.large_string(), len(runs), [
            None, pa.py_buffer(np.arange(0, width * (len(runs) + 1), width, dtype=np.int64)), pa.py_buffer(text)])
        run_of = np.cumsum(starts) - 1  # each present value's run
        spread = np.full(len(valid), -1, dtype=np.int64)
        spread[valid] = run_of
        out = hashed.take(pa.array(spread, mask=~valid))
        return pd.Series(pd.array(out, dtype="str"), index=identifiers.index)
