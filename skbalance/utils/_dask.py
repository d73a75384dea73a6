"""Dask support: pools that do not fit in memory, processed block by block.

dask is optional (``pip install "skbalance[dask]"``) and imported only when a
dask array is actually passed. Each helper maps a NumPy function over the
pool's row blocks with ``dask.delayed`` and reduces the small per-block
results in memory, so it runs on any dask scheduler, ``dask.distributed``
clusters included.
"""

import numpy as np


def is_dask_array(X):
    """Whether ``X`` is a dask array (checked without importing dask)."""
    return (
        type(X).__module__.split(".")[0] == "dask"
        and hasattr(X, "to_delayed")
        and hasattr(X, "chunks")
    )


def is_dask_collection(obj):
    """Whether ``obj`` is a dask array, DataFrame or Series (dask is not imported)."""
    return type(obj).__module__.split(".")[0] == "dask" and hasattr(
        obj, "__dask_graph__"
    )


def _row_blocks(X):
    import dask

    X = X.rechunk({1: -1})
    return [dask.delayed(np.asarray)(block) for block in X.to_delayed().ravel()]


def map_row_blocks(func, X, *args):
    """``[func(block, *args) for block in row blocks of X]``, computed by dask."""
    import dask

    blocks = _row_blocks(X)
    return list(dask.compute(*[dask.delayed(func)(block, *args) for block in blocks]))


def check_dask_pool(X, min_samples):
    """Validate a dask pool lazily where possible; one pass to check finiteness.

    Returns the array as float (float32 kept, other dtypes cast to float64).
    """
    import dask.array as da

    if X.ndim != 2:
        raise ValueError(f"Expected a 2D dask array for the pool, got {X.ndim}D.")
    if X.shape[0] < min_samples:
        raise ValueError(
            f"Found array with {X.shape[0]} sample(s) while a minimum of "
            f"{min_samples} is required."
        )
    if X.shape[1] < 1:
        raise ValueError(
            "Found array with 0 feature(s) while a minimum of 1 is required."
        )
    if not np.issubdtype(X.dtype, np.number) or np.issubdtype(
        X.dtype, np.complexfloating
    ):
        raise TypeError(f"The pool must be numeric (real), got dtype {X.dtype}.")
    if X.dtype not in (np.float32, np.float64):
        X = X.astype(np.float64)
    if not bool(da.isfinite(X).all().compute()):
        raise ValueError("Input X contains NaN or infinity.")
    return X


def dask_mean_feature_variance(X):
    """Mean over features of the per-feature variance of a dask pool."""
    return float(X.astype(np.float64).var(axis=0).mean().compute())


def sample_rows(X, max_samples, random_state=None):
    """At most ``max_samples`` rows of ``X`` in memory, drawn without replacement.

    The rows keep their order. ``max_samples=None`` or a smaller ``X`` takes
    every row. A dask array is computed only at the drawn rows.
    """
    from sklearn.utils import check_random_state

    if max_samples is not None and X.shape[0] > max_samples:
        rng = check_random_state(random_state)
        X = X[np.sort(rng.choice(X.shape[0], size=max_samples, replace=False))]
    return np.asarray(X.compute()) if is_dask_array(X) else X


def transform_blocks(X, transformer):
    """A fitted ``transformer`` applied lazily to every row block of a dask ``X``.

    Only the transformer travels with each task (any dask scheduler, a
    ``dask.distributed`` cluster included). The output width is read from
    transforming the first row.
    """
    X = X.rechunk({1: -1})
    first = _transform_block(np.asarray(X[:1].compute()), transformer)
    return X.map_blocks(
        _transform_block,
        transformer,
        dtype=first.dtype,
        chunks=(X.chunks[0], (first.shape[1],)),
        meta=np.empty((0, first.shape[1]), dtype=first.dtype),
    )


def _transform_block(block, transformer):
    """One block through ``transformer``, as a dense float array."""
    from sklearn.utils.validation import check_array

    out = transformer.transform(np.asarray(block))
    return check_array(out, dtype=(np.float64, np.float32), input_name="transformed X")
