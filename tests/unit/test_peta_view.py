"""Peta texts: a rate or share resting on 1-4 people is suppressed in the legend too, not only on the map."""

import numpy as np
import pandas as pd

from dashboard.views import peta


def test_rate_legend_bound_resting_on_a_small_count_is_suppressed():
    values = pd.Series([0.5, 3.0, 10.0, 12.5])
    counts = pd.Series([2, 40, 80, 100])  # the lowest rate rests on 2 people
    labels = peta.legend_labels(peta.PER_1000, values, counts, np.array([0, 0, 1, 1]), 2)
    assert labels == ["ditekan (jumlah <5) – 3,0", "10,0 – 12,5"]
    assert peta.legend_labels(peta.JUMLAH, counts.astype(float), counts, np.array([0, 0, 1, 1]), 2) == [
        "<5 – 40", "80 – 100"]
