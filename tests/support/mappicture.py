"""A classified Peta map of the shipped Probolinggo (35.13) boundaries, built through the page's own ``map_view``
from a hand-made PetaData: every wilayah reports except the ones listed, so the classes and the no-data hatching
are known without a database."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.filters import Filters
from dashboard.maps import classify, geo
from dashboard.slides.model import MapPicture
from dashboard.views import peta

KABUPATEN = "35.13"


def peta_data(level: str = geo.KECAMATAN, silent: tuple[str, ...] = ()) -> peta.PetaData:
    """PPKS counts 10, 20, 30 ... per wilayah (in code order); ``silent`` codes have no report this year."""
    polygons = geo.polygons_of(KABUPATEN, level)
    n = len(polygons)
    jumlah = np.arange(1, n + 1) * 10
    reported = ~polygons["kode"].isin(silent).to_numpy()
    values = pd.DataFrame({
        "kode": polygons["kode"], "nama": polygons["nama"], "kategori": None,
        "jumlah": np.where(reported, jumlah, 0), "jumlah_prev": jumlah, "ada_data": reported, "ada_data_prev": True,
        "n_penduduk": 10_000, "tahun_penduduk": 2025, "per_1000": jumlah / 10.0, "per_1000_prev": jumlah / 10.0,
        "share_pct": 100.0 * jumlah / jumlah.sum(), "share_pct_prev": 100.0 * jumlah / jumlah.sum()})
    unplaced = values.iloc[:0]
    return peta.PetaData(Filters(2026), KABUPATEN, level, KABUPATEN, "", values, unplaced)


def map_picture(level: str = geo.KECAMATAN, silent: tuple[str, ...] = (), lang: str = "id") -> MapPicture:
    """The picture the agenda would build for the whole kabupaten: quantile classes of the count."""
    data = peta_data(level, silent)
    polygons, outline = peta.shapes(data)
    view = peta.map_view(data, None, peta.JUMLAH, classify.QUANTILE, polygons, lang)
    lines = [f"{int(r)}. {n}: {v}" for r, n, v in zip(view.hotspots["rank"], view.hotspots["nama"],
                                                      view.hotspots["value_text"], strict=True)]
    return MapPicture(view, outline, peta.labelled(view, data), lines)
