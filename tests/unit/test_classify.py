"""Class breaks recomputed independently: numpy quantiles, and natural breaks by trying every partition."""

import itertools

import numpy as np
import pytest

from dashboard.maps import classify


def _best_partition_breaks(values: np.ndarray, k: int) -> np.ndarray:
    """Fisher-Jenks by brute force: every way to cut the distinct values into k runs, least squared deviations."""
    distinct = np.unique(values)
    best_cost, best = np.inf, None
    for cuts in itertools.combinations(range(1, len(distinct)), k - 1):
        bounds = [distinct[c - 1] for c in cuts] + [distinct[-1]]
        groups = [values[(values <= hi) & (values > lo)] for lo, hi in zip([-np.inf, *bounds[:-1]], bounds,
                                                                           strict=True)]
        cost = sum(((g - g.mean()) ** 2).sum() for g in groups)
        if cost < best_cost - 1e-9:
            best_cost, best = cost, np.array(bounds)
    return best


@pytest.mark.parametrize("seed", range(12))
def test_natural_breaks_are_the_best_partition(seed):
    rng = np.random.default_rng(seed)
    values = rng.integers(0, 80, size=rng.integers(7, 15)).astype(float)
    k = min(5, len(np.unique(values)))
    np.testing.assert_allclose(classify.natural_breaks(values), _best_partition_breaks(values, k))


def test_natural_breaks_separate_clear_groups_and_keep_ties_together():
    values = np.array([1, 1, 2, 10, 11, 11, 11, 30, 31, 60, 61, 100, 100], dtype=float)
    breaks = classify.natural_breaks(values)
    np.testing.assert_array_equal(breaks, [2, 11, 31, 61, 100])
    classes = classify.classify(values, breaks)
    assert classes.tolist() == [0, 0, 0, 1, 1, 1, 1, 2, 2, 3, 3, 4, 4]


def test_quantile_classes_hold_a_fifth_each_and_match_numpy():
    values = np.random.default_rng(7).gamma(2.0, 40.0, size=330)
    breaks = classify.quantile_breaks(values)
    np.testing.assert_allclose(breaks, np.percentile(values, [20, 40, 60, 80, 100]))
    assert np.bincount(classify.classify(values, breaks)).tolist() == [66] * 5


def test_few_distinct_values_give_fewer_classes_and_missing_values_no_class():
    values = np.array([0, 0, 0, 0, 5, 5, np.nan])
    assert classify.quantile_breaks(values).tolist() == [0, 5]
    assert classify.natural_breaks(values).tolist() == [0, 5]
    assert classify.classify(values, np.array([0.0, 5.0])).tolist() == [0, 0, 0, 0, 1, 1, -1]
    assert classify.natural_breaks(np.array([np.nan])).size == 0
