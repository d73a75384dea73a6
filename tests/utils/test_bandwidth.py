import numpy as np
import pytest
import sklearn

from skbalance.utils import median_nn_distance, select_bandwidth


def test_select_bandwidth_rules():
    X = np.random.RandomState(0).normal(scale=3.0, size=(500, 2))
    scott = select_bandwidth(X, "scott")
    assert scott == pytest.approx(np.sqrt(np.mean(X.var(axis=0))) * 500 ** (-1 / 6))
    assert select_bandwidth(X, "silverman") == pytest.approx(
        np.sqrt(np.mean(X.var(axis=0))) * (500 * 4 / 4) ** (-1 / 6)
    )
    assert select_bandwidth(X * 2, "nn") == pytest.approx(2 * select_bandwidth(X, "nn"))
    assert select_bandwidth(np.ones((5, 2)), "nn") == 1.0
    assert select_bandwidth(np.ones((5, 2)), "scott") == 1.0
    with pytest.raises(ValueError, match="bandwidth"):
        select_bandwidth(X, "wide")


@pytest.mark.parametrize("n_samples", [2, 3, 500, 4001])
def test_median_nn_distance_equals_brute_force(n_samples):
    from sklearn.metrics import pairwise_distances

    rng = np.random.RandomState(n_samples)
    X = rng.normal(10, 1, size=(n_samples, 5))
    rows = np.unique(np.linspace(0, n_samples - 1, min(n_samples, 2000)).astype(int))
    dist = pairwise_distances(X[rows], X)
    dist[np.arange(rows.size), rows] = np.inf  # not itself
    expected = np.median(dist.min(axis=1))
    assert median_nn_distance(X) == pytest.approx(expected, rel=1e-9)
    assert median_nn_distance(X.astype(np.float32)) == pytest.approx(expected, rel=1e-4)
    with sklearn.config_context(working_memory=0.01):  # many batches
        assert median_nn_distance(X) == pytest.approx(expected, rel=1e-9)


@pytest.mark.parametrize("shape", [(1, 3), (7, 1), (5000, 7), (3000, 300)])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_feature_variances_equal_numpys_var(shape, dtype, monkeypatch):
    import skbalance.utils._bandwidth as module

    monkeypatch.setattr(module, "_VARIANCE_BATCH_BYTES", 8 * shape[1] * 97)  # batches
    rng = np.random.RandomState(0)
    X = (rng.normal(size=shape) * rng.lognormal(size=shape[1]) + 3).astype(dtype)
    # The same sums in the same order: equal to the last bit on current numpy.
    np.testing.assert_allclose(
        module.feature_variances(X), np.var(X, axis=0, dtype=np.float64), rtol=1e-13
    )
