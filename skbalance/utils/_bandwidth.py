"""Data-driven kernel bandwidths."""

from numbers import Real

import numpy as np

from ._chunking import map_batches, row_batches
from ._gemm import (
    ORDINARY_MAGNITUDES,
    gemm_dtype,
    power_of_two_unit,
    shifted_rows,
    shifted_targets,
)

BANDWIDTH_RULES = ("auto", "nn", "scott", "silverman")

#: Rows of a large pool used to estimate the nearest-neighbour distance.
_NN_SAMPLE = 2000


def median_nn_distance(X):
    """Median distance from a row of ``X`` to its nearest other row.

    On more than 2000 rows, 2000 evenly spaced rows are queried against all
    of ``X`` (deterministic, no random state needed), one GEMM per batch of
    ``X`` within ``working_memory`` (float32 stays float32). A dask array is
    processed block by block with the same kernel (same result).

    Examples
    --------
    >>> import numpy as np
    >>> from skbalance.utils._bandwidth import median_nn_distance
    >>> float(median_nn_distance(np.array([[0.0], [1.0], [3.0]])))
    1.0
    """
    from ._dask import is_dask_array, map_row_blocks

    n_samples = X.shape[0]
    if n_samples < 2:
        return 0.0
    rows = np.unique(
        np.linspace(0, n_samples - 1, min(n_samples, _NN_SAMPLE)).astype(int)
    )
    dtype = gemm_dtype(X)
    sample = np.asarray(X[rows].compute() if is_dask_array(X) else X[rows])
    center = sample.mean(axis=0, dtype=np.float64)
    queries, norms = shifted_rows(sample, center, dtype)
    if is_dask_array(X):
        parts = map_row_blocks(_two_smallest, X, queries, center, dtype)
    else:
        parts = [_two_smallest(X, queries, center, dtype)]
    # Each query's two smallest shifted squared distances: itself (0) and its
    # nearest other row.
    best = np.sort(np.hstack(parts), axis=1)[:, 1]
    return float(np.median(np.sqrt(np.maximum(best + norms, 0))))


def _two_smallest(X, queries, center, dtype):
    """Per query, its two smallest shifted squared distances to each batch of ``X``.

    The batches' columns lie side by side.

    ``queries`` come from :func:`~skbalance.utils._gemm.shifted_rows`; one
    GEMM per batch of ``X`` within ``working_memory`` (:func:`map_batches`,
    which also reports progress). A batch of one row gives one column.
    """

    def batch_two(batch):
        shifted = queries @ shifted_targets(X[batch], center, dtype).T
        if shifted.shape[1] == 1:
            return shifted
        shifted.partition(1, axis=1)  # in place: no copy of the block
        return shifted[:, :2].copy()

    row_bytes = 2 * np.dtype(dtype).itemsize * (queries.shape[0] + X.shape[1])
    return np.hstack(map_batches(batch_two, row_batches(X.shape[0], row_bytes)))


#: Bytes of float64 rows :func:`feature_variances` works on at a time.
_VARIANCE_BATCH_BYTES = 16 * 2**20


def feature_variances(X):
    """``np.var(X, axis=0, dtype=np.float64)``, in row batches.

    The same two passes (the mean, then the mean squared deviation), each
    summing the rows in order, but without a float64 copy of the whole of
    ``X`` (1.5 GiB for 250,000 x 784 float32 rows), whose page faults made
    the variance cost several GEMMs of the same rows.

    Examples
    --------
    >>> import numpy as np
    >>> from skbalance.utils._bandwidth import feature_variances
    >>> feature_variances(np.array([[0.0, 1.0], [2.0, 1.0]]))
    array([1., 0.])
    """
    n_rows = X.shape[0]
    step = max(1, _VARIANCE_BATCH_BYTES // (8 * max(X.shape[1], 1)))

    def rowwise_sum(batches):
        # Each batch is added to the running sum as one more row, so that the rows
        # are summed one after another, as a single reduction over axis 0 does.
        total = None
        for batch in batches:
            if total is not None:
                batch = np.concatenate([total[None], batch])
            total = np.add.reduce(batch, axis=0, dtype=np.float64)
        return total

    starts = range(0, n_rows, step)
    mean = rowwise_sum(X[i : i + step] for i in starts) / n_rows

    def squared_deviations():
        for i in starts:
            deviation = X[i : i + step] - mean
            yield np.multiply(deviation, deviation, out=deviation)

    return rowwise_sum(squared_deviations()) / n_rows


def select_bandwidth(X, bandwidth):
    """Resolve a bandwidth given as a number or a rule name.

    ``"nn"`` is the median distance between a row of ``X`` and its nearest
    other row: it adapts to the data's local resolution and stays sensible in
    high dimensions, where distances concentrate, but is too narrow for
    large low-dimensional samples. ``"scott"`` and
    ``"silverman"`` are scale-aware versions of the classical factors: the
    factor multiplies the root-mean feature standard deviation of ``X`` (so
    rescaling the features rescales the bandwidth, unlike
    :class:`sklearn.neighbors.KernelDensity` which assumes unit variance);
    they suit low-dimensional data but are far too narrow in high
    dimensions. ``"auto"`` takes the larger of ``"nn"`` and ``"scott"``, so
    it follows Scott's rule where that rule is sound and never drops below
    the data's nearest-neighbour resolution.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        Data the rule is computed on.
    bandwidth : float or {"auto", "nn", "scott", "silverman"}
        A positive number is returned unchanged.

    Returns
    -------
    bandwidth : float
        Positive bandwidth.

    Examples
    --------
    >>> import numpy as np
    >>> from skbalance.utils._bandwidth import select_bandwidth
    >>> select_bandwidth(np.zeros((3, 2)), 0.5)
    0.5
    >>> X = np.random.RandomState(0).normal(scale=2.0, size=(1000, 1))
    >>> round(select_bandwidth(X, "scott"), 2)
    0.5
    >>> nn, scott = select_bandwidth(X, "nn"), select_bandwidth(X, "scott")
    >>> select_bandwidth(X, "auto") == max(nn, scott)
    True
    """
    if isinstance(bandwidth, Real) and not isinstance(bandwidth, bool):
        return float(bandwidth)
    # Data of extreme magnitude are divided by a power of two near it (exact), so that
    # squared distances and variances neither overflow nor underflow; the bandwidth
    # is scaled back. Data of ordinary magnitude are used as they are (the same
    # bandwidth, without a copy of X).
    unit = power_of_two_unit(X)
    low, high = ORDINARY_MAGNITUDES.get(np.dtype(X.dtype), (1.0, 1.0))
    if unit != 1.0 and not low <= unit <= high:
        return unit * _rule_bandwidth(X / unit, bandwidth)
    return _rule_bandwidth(X, bandwidth)


def _rule_bandwidth(X, bandwidth):
    """:func:`select_bandwidth`'s rule on ``X`` of ordinary magnitude."""
    n_samples, n_features = X.shape
    from ._dask import dask_mean_feature_variance, is_dask_array

    lazy = is_dask_array(X)
    if bandwidth == "auto":
        return max(_rule_bandwidth(X, "nn"), _rule_bandwidth(X, "scott"))
    if bandwidth == "nn":
        distance = median_nn_distance(X)
        return distance if distance > 0 else 1.0
    if lazy:
        scale = float(np.sqrt(dask_mean_feature_variance(X)))
    else:
        scale = float(np.sqrt(np.mean(feature_variances(X))))
    if bandwidth == "scott":
        factor = n_samples ** (-1.0 / (n_features + 4))
    elif bandwidth == "silverman":
        factor = (n_samples * (n_features + 2) / 4.0) ** (-1.0 / (n_features + 4))
    else:
        raise ValueError(
            f"bandwidth must be a positive float or one of {BANDWIDTH_RULES}, "
            f"got {bandwidth!r}."
        )
    if not scale > 0:
        # Constant data: any positive bandwidth gives the same (flat) answer.
        return 1.0
    return scale * factor


def check_bandwidth(X, bandwidth, parameter):
    """Refuse a bandwidth so small against ``X``'s magnitude that distances overflow.

    ``parameter`` names the estimator's parameter in the message.
    """
    ratio = power_of_two_unit(X) / bandwidth
    if not ratio < 1e100:
        raise ValueError(
            f"{parameter}={bandwidth:g} is too small for these data (their magnitude "
            f"is about {ratio:.3g} bandwidths): the kernel's squared distances "
            f"overflow. Use a larger {parameter} or a rule such as 'auto'."
        )
    return bandwidth
