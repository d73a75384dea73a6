"""Bounded-memory helpers shared by the pairwise balancers."""

from concurrent.futures import ThreadPoolExecutor

import numpy as np
from joblib import effective_n_jobs
from sklearn import get_config
from sklearn.utils import gen_batches

from ._gemm import shifted_rows, shifted_targets, smallest_k
from ._progress import report


def chunk_n_rows(row_bytes, max_n_rows, working_memory=None):
    """Rows per chunk so that one chunk fits in ``working_memory`` MiB.

    Parameters
    ----------
    row_bytes : int
        Bytes one row of the chunk needs.
    max_n_rows : int
        Upper bound on the chunk size (the total number of rows).
    working_memory : float, default=None
        Budget in MiB; ``None`` reads ``sklearn.get_config()["working_memory"]``.

    Returns
    -------
    n_rows : int
        At least 1, at most ``max_n_rows``.

    Examples
    --------
    >>> from skbalance.utils._chunking import chunk_n_rows
    >>> chunk_n_rows(row_bytes=2**20, max_n_rows=1000, working_memory=8)
    8
    """
    if working_memory is None:
        working_memory = get_config()["working_memory"]
    n_rows = int(working_memory * 2**20 // max(int(row_bytes), 1))
    return max(1, min(n_rows, int(max_n_rows)))


def row_batches(n_rows, row_bytes):
    """Slices over ``n_rows`` rows, each batch within ``working_memory`` (see :func:`chunk_n_rows`).

    Examples
    --------
    >>> from skbalance.utils._chunking import row_batches
    >>> import sklearn
    >>> with sklearn.config_context(working_memory=1):
    ...     [b.stop for b in row_batches(5, row_bytes=2**19)]
    [2, 4, 5]
    """
    return gen_batches(n_rows, chunk_n_rows(row_bytes, n_rows))


def gaussian_kernel_logsum(X, Y, bandwidth, n_jobs=None):
    """``log sum_j exp(-||x_i - y_j||^2 / (2 h^2))`` for every row of ``X``.

    Computed over column batches of ``Y`` sized from ``working_memory``: one
    GEMM per batch in the inputs' dtype (float32 stays float32; see
    :mod:`skbalance.utils._gemm`), then a stable log-sum-exp in place;
    batches are combined with ``logaddexp``.

    Parameters
    ----------
    X : ndarray of shape (n_samples_X, n_features)
    Y : ndarray of shape (n_samples_Y, n_features)
    bandwidth : float
        Kernel bandwidth ``h > 0``.
    n_jobs : int, default=None
        Batches processed in parallel threads (``None``: one at a time; BLAS
        threads the GEMMs either way).

    Returns
    -------
    log_sums : ndarray of shape (n_samples_X,), dtype float64

    Examples
    --------
    >>> import numpy as np
    >>> from skbalance.utils._chunking import gaussian_kernel_logsum
    >>> float(np.exp(gaussian_kernel_logsum(np.zeros((1, 2)), np.zeros((3, 2)), 1.0))[0])
    3.0
    """
    dtype = _float_dtype(X, Y)
    center = np.asarray(X, dtype=np.float64).mean(axis=0)
    scale = 0.5 / float(bandwidth) ** 2
    # Rows [x, 1, -s ||x||^2] and targets [2 s y, -s ||y||^2, 1] (s = 1 / (2 h^2), data
    # centred): one GEMM gives the exponents -s ||x - y||^2 <= 0 directly.
    rows, norms = shifted_rows(X, center, dtype)
    rows = np.hstack([rows, (-scale * norms).astype(dtype)[:, None]])

    def batch_logsum(batch):
        targets = shifted_targets(Y[batch], center, dtype, scale=-scale, ones=True).T
        kernel = rows @ targets
        np.exp(kernel, out=kernel)
        sums = kernel.sum(axis=1, dtype=np.float64)
        del kernel
        log_sums = np.log(np.maximum(sums, 1e-300))
        # Rows whose kernel mass underflows (far from every y, or a tiny bandwidth):
        # redo their exponents (same GEMM, same dtype, so the same precision as the
        # other rows) shifted by each row's largest one, which cannot underflow.
        small = np.flatnonzero(sums < 1e-30)
        if small.size:
            part = rows[small] @ targets
            peak = part.max(axis=1)
            part -= peak[:, None]
            np.exp(part, out=part)
            log_sums[small] = np.log(part.sum(axis=1, dtype=np.float64)) + peak
        return log_sums

    row_bytes = 3 * np.dtype(dtype).itemsize * (X.shape[0] + X.shape[1])
    parts = map_batches(batch_logsum, row_batches(Y.shape[0], row_bytes), n_jobs)
    return np.logaddexp.reduce(np.stack(parts), axis=0)


def nearest_votes(references, X, n_votes=1, n_jobs=None):
    """Vote mass each row of ``X`` receives from its nearest ``references``.

    Every reference splits one vote equally among its ``n_votes`` nearest rows
    of ``X``. References are processed in batches within ``working_memory``:
    one GEMM per batch in the inputs' dtype (see :mod:`skbalance.utils._gemm`),
    then a row-wise ``argmin`` (or exact selection of the ``n_votes``
    smallest). Ties go to the lower index.

    Parameters
    ----------
    references : ndarray of shape (n_references, n_features)
    X : ndarray of shape (n_samples, n_features)
    n_votes : int, default=1
        Number of nearest rows of ``X`` that share each reference's vote.
    n_jobs : int, default=None
        Batches processed in parallel threads (``None``: one at a time; BLAS
        threads the GEMMs either way).

    Returns
    -------
    votes : ndarray of shape (n_samples,), dtype float64
        Sums to ``n_references``.

    Examples
    --------
    >>> import numpy as np
    >>> from skbalance.utils._chunking import nearest_votes
    >>> nearest_votes(np.array([[0.1], [0.2], [0.9]]), np.array([[0.0], [1.0]]))
    array([2., 1.])
    """
    n_samples = X.shape[0]
    n_votes = int(min(n_votes, n_samples))
    dtype = _float_dtype(references, X)
    center = np.asarray(X, dtype=np.float64).mean(axis=0)
    # Pad the columns to a multiple of n_votes for the block selection.
    targets = shifted_targets(X, center, dtype, -(-n_samples // n_votes) * n_votes)

    def batch_votes(batch):
        shifted = shifted_rows(references[batch], center, dtype)[0] @ targets.T
        picked = shifted.argmin(axis=1) if n_votes == 1 else smallest_k(shifted, n_votes)
        return np.bincount(picked.ravel(), minlength=n_samples)

    row_bytes = 2 * np.dtype(dtype).itemsize * (targets.shape[0] + targets.shape[1])
    return np.sum(map_batches(batch_votes, row_batches(len(references), row_bytes), n_jobs), axis=0) / n_votes


def map_batches(func, batches, n_jobs=None):
    """``[func(batch) for batch in batches]`` (slices), in ``n_jobs`` threads when given.

    numpy releases the GIL in the GEMMs and reductions, so threads run the
    batches in parallel. Progress is reported to an enclosing
    :func:`skbalance.utils._progress.progress` context (``verbose`` balancers).
    """
    batches = list(batches)
    total = batches[-1].stop if batches else 0
    workers = 1 if n_jobs is None else min(effective_n_jobs(n_jobs), len(batches))
    with ThreadPoolExecutor(max_workers=max(workers, 1)) as executor:
        # map yields in order as the batches finish: progress is reported as it happens.
        results = executor.map(func, batches) if workers > 1 else (func(batch) for batch in batches)
        out = []
        for batch, result in zip(batches, results):
            out.append(result)
            report(batch.stop, total)
    return out


def _float_dtype(*arrays):
    """float32 when every array is float32, else float64 (a dask array is not computed)."""
    dtypes = (a.dtype if hasattr(a, "dtype") else np.asarray(a).dtype for a in arrays)
    return np.float32 if all(dtype == np.float32 for dtype in dtypes) else np.float64
