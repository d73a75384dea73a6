"""The balancers' pairwise kernels: Gaussian log-sums and nearest-row votes."""

import numpy as np

from ._chunking import map_batches, row_batches
from ._gemm import gemm_dtype, robust_center, shifted_rows, shifted_targets, smallest_k


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
    >>> from skbalance.utils._kernels import gaussian_kernel_logsum
    >>> log_sums = gaussian_kernel_logsum(np.zeros((1, 2)), np.zeros((3, 2)), 1.0)
    >>> float(np.exp(log_sums[0]))
    3.0
    """
    dtype = gemm_dtype(X, Y)
    bandwidth = float(bandwidth)
    center = robust_center(X)
    # In units of the bandwidth (x' = (x - center) / h), rows [x', 1, -||x'||^2 / 2] and
    # targets [y', -||y'||^2 / 2, 1]: one GEMM gives the exponents -||x' - y'||^2 / 2
    # directly. Dividing before squaring keeps tiny and huge bandwidths representable.
    X = _in_bandwidths(X, center, bandwidth, "X")
    rows, norms = shifted_rows(X, 0.0, dtype)
    rows = np.hstack([rows, (-0.5 * norms).astype(dtype)[:, None]])

    def batch_logsum(batch):
        Y_batch = _in_bandwidths(Y[batch], center, bandwidth, "Y")
        targets = shifted_targets(Y_batch, 0.0, dtype, scale=-0.5, ones=True).T
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
    >>> from skbalance.utils._kernels import nearest_votes
    >>> nearest_votes(np.array([[0.1], [0.2], [0.9]]), np.array([[0.0], [1.0]]))
    array([2., 1.])
    """
    n_samples = X.shape[0]
    n_votes = int(min(n_votes, n_samples))
    dtype = gemm_dtype(references, X)
    center = robust_center(X)
    # Pad the columns to a multiple of n_votes for the block selection.
    targets = shifted_targets(X, center, dtype, -(-n_samples // n_votes) * n_votes)

    def batch_votes(batch):
        shifted = shifted_rows(references[batch], center, dtype)[0] @ targets.T
        picked = (
            shifted.argmin(axis=1) if n_votes == 1 else smallest_k(shifted, n_votes)
        )
        return np.bincount(picked.ravel(), minlength=n_samples)

    row_bytes = 2 * np.dtype(dtype).itemsize * (targets.shape[0] + targets.shape[1])
    return (
        np.sum(
            map_batches(batch_votes, row_batches(len(references), row_bytes), n_jobs),
            axis=0,
        )
        / n_votes
    )


def _in_bandwidths(X, center, bandwidth, name):
    """``(X - center) / bandwidth`` in float64, checked to square without overflow."""
    scaled = (np.asarray(X, dtype=np.float64) - center) / bandwidth
    largest = np.abs(scaled).max(initial=0.0)
    if not largest < 1e150:
        raise ValueError(
            f"bandwidth={bandwidth:g} is too small for these data: {name} lies up to "
            f"{largest:.3g} bandwidths from its centre, and the squared distances "
            "overflow. Use a larger bandwidth (or a bandwidth rule such as 'auto')."
        )
    return scaled.astype(X.dtype, copy=False) if X.dtype == np.float32 else scaled
