"""Names of kecamatan matched to codes (dashboard.reference): level words in front, and names two kab/kota of a
provinsi share."""

import pandas as pd

from dashboard.reference import Reference, normalise_name

WILAYAH = pd.DataFrame({
    "kode": ["75", "75.71", "75.71.01", "75.01", "75.01.01", "75.02", "75.02.01"],
    "nama": ["Gorontalo", "Kota Gorontalo", "Kota Barat", "Kabupaten Gorontalo", "Limboto", "Kabupaten Boalemo",
             "Limboto"],
    "tingkat": [1, 2, 3, 2, 3, 2, 3],
    "induk": ["", "75", "75.71", "75", "75.01", "75", "75.02"],
})


def test_every_leading_level_word_goes():
    assert normalise_name("Kec. Kota Barat") == normalise_name("Kota Barat") == "BARAT"
    assert normalise_name("KECAMATAN  KRAKSAAN") == normalise_name("Kraksaan") == "KRAKSAAN"


def test_a_name_shared_by_two_kab_kota_matches_no_kecamatan():
    provinsi = Reference(WILAYAH, "75")
    assert provinsi.match_kecamatan("Kec. Kota Barat") == "75.71.01"
    assert provinsi.match_kecamatan("Limboto") is None  # 75.01.01 or 75.02.01: the file must give codes
    assert Reference(WILAYAH, "75.01").match_kecamatan("KEC. LIMBOTO") == "75.01.01"
