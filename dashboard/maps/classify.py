"""Class breaks for choropleths: quantiles or natural breaks (Fisher-Jenks), five classes by default.

A reader of a projected map compares colours, not numbers, so the values are cut into a few classes whose ranges
the legend states. Both methods are short in numpy; a classification library would bring scikit-learn along.
Breaks are the upper bounds of the classes (the last is the maximum); a value belongs to the first class whose
bound it does not exceed, so equal values always share a class.
"""

from __future__ import annotations

import numpy as np

QUANTILE, NATURAL = "kuantil", "natural"
METHODS = (QUANTILE, NATURAL)
N_CLASSES = 5


def quantile_breaks(values: np.ndarray, k: int = N_CLASSES) -> np.ndarray:
    """Upper bounds at the 1/k, 2/k ... quantiles: about as many wilayah in each class (fewer classes on ties)."""
    data = _finite(values)
    if data.size == 0:
        return data
    return np.unique(np.quantile(data, np.arange(1, k + 1) / k))


def natural_breaks(values: np.ndarray, k: int = N_CLASSES) -> np.ndarray:
    """Fisher-Jenks: the k classes of the sorted values with the least within-class sum of squared deviations.

    Exact dynamic programme over the distinct values weighted by how often each occurs (so ties never split),
    O(k n^2) with n distinct values: a few milliseconds for the 330 desa of a kabupaten.
    """
    distinct, counts = np.unique(_finite(values), return_counts=True)
    n = distinct.size
    k = min(k, n)
    if k <= 1:
        return distinct[-1:]
    # cost[i, j]: squared deviations of distinct values i..j (inclusive) around their weighted mean
    w = np.concatenate(([0.0], np.cumsum(counts)))
    s1 = np.concatenate(([0.0], np.cumsum(counts * distinct)))
    s2 = np.concatenate(([0.0], np.cumsum(counts * distinct**2)))
    i, j = np.triu_indices(n)
    cost = np.full((n, n), np.inf)
    weight = w[j + 1] - w[i]
    cost[i, j] = np.maximum(s2[j + 1] - s2[i] - (s1[j + 1] - s1[i]) ** 2 / weight, 0.0)
    best = cost[0].copy()  # best[j]: least cost of values 0..j in the classes placed so far
    starts = np.zeros((k, n), dtype=int)  # starts[c, j]: first value of the last class in that best split
    for c in range(1, k):
        # candidate: classes 0..c-1 over values 0..s-1, then one class s..j (s >= c)
        total = best[:-1, None] + cost[1:, :]  # row s-1 -> start s; impossible splits are infinite
        starts[c] = np.argmin(total, axis=0) + 1
        best = total[starts[c] - 1, np.arange(n)]
    ends, j = [], n - 1
    for c in range(k - 1, 0, -1):
        start = starts[c, j]
        ends.append(j)
        j = start - 1
    ends.append(j)
    return distinct[sorted(ends)]


def breaks_for(method: str, values: np.ndarray, k: int = N_CLASSES) -> np.ndarray:
    return natural_breaks(values, k) if method == NATURAL else quantile_breaks(values, k)


def classify(values: np.ndarray, breaks: np.ndarray) -> np.ndarray:
    """Class index (0 = lowest) of each value; -1 for a missing value."""
    values = np.asarray(values, dtype=float)
    classes = np.searchsorted(breaks, values, side="left")
    return np.where(np.isfinite(values), np.minimum(classes, len(breaks) - 1), -1)


def _finite(values: np.ndarray) -> np.ndarray:
    data = np.asarray(values, dtype=float)
    return np.sort(data[np.isfinite(data)])
