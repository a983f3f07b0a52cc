"""Both pseudonymisation schemes give, in bulk, exactly what one value at a time gives, computed here on its own."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pytest

from dashboard.pseudonym import AES_MMO, BLAKE2B, Pseudonymiser
from tests.support.pseudonyms import aes_mmo_one, blake2b_one

KEY = bytes(range(32))
NUMBERS = ["3513011503800001", None, "3513011503800001", "3513010101000002", "", "3513019999999999"]


@pytest.mark.parametrize(("scheme", "one"), [(AES_MMO, aes_mmo_one), (BLAKE2B, blake2b_one)])
def test_bulk_hashes_equal_one_value_at_a_time_and_nulls_stay_null(scheme, one):
    numbers = [v or None for v in NUMBERS]
    values = pd.Series(numbers, dtype="str", index=range(10, 16))

    hashed = Pseudonymiser(KEY, scheme).hash_series(values)

    assert list(hashed.index) == list(values.index)
    expected = [one(KEY, v) if v else None for v in numbers]
    assert [h if isinstance(h, str) else None for h in hashed] == expected
    assert hashed.iloc[0] == hashed.iloc[2] and hashed.iloc[0] != hashed.iloc[3]


@pytest.mark.parametrize("scheme", [AES_MMO, BLAKE2B])
def test_a_slice_of_a_column_and_an_empty_column_hash_as_a_whole_one(scheme):
    values = pd.Series([f"35130101010000{i:02d}" for i in range(40)], dtype="str")
    whole = Pseudonymiser(KEY, scheme).hash_series(values)

    assert Pseudonymiser(KEY, scheme).hash_series(values.iloc[7:19]).tolist() == whole.iloc[7:19].tolist()
    assert Pseudonymiser(KEY, scheme).hash_series(values.iloc[:0]).tolist() == []
    assert Pseudonymiser(KEY, scheme).hash_series(pd.Series([None, None], dtype="str")).isna().all()


def test_schemes_and_keys_give_other_hashes():
    values = pd.Series(["3513011503800001"], dtype="str")
    hashes = {Pseudonymiser(key, scheme).hash_series(values).iloc[0]
              for key in (KEY, bytes(32)) for scheme in (AES_MMO, BLAKE2B)}
    assert len(hashes) == 4


def test_aes_refuses_what_is_not_one_block_rather_than_hashing_a_shifted_column():
    with pytest.raises(ValueError, match="16-character"):
        Pseudonymiser(KEY).hash_series(pd.Series(["351301150380001", "3513011503800001"], dtype="str"))
    with pytest.raises(ValueError, match="unknown"):
        Pseudonymiser(KEY, "md5")


def test_an_arrow_column_of_several_chunks_hashes_as_its_series():
    """``hash_arrow`` is what a DuckDB Arrow function gets: plain strings, in chunks, with nulls."""
    chunks = pa.chunked_array([["3513011503800001", None], ["3513010101000002"]], type=pa.string())
    pseudonymiser = Pseudonymiser(KEY)

    hashed = pseudonymiser.hash_arrow(chunks)

    series = pd.Series(["3513011503800001", None, "3513010101000002"], dtype="str")
    assert hashed.to_pylist() == [h if isinstance(h, str) else None for h in pseudonymiser.hash_series(series)]
