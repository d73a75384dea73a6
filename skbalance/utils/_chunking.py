"""Bounded-memory helpers shared by the pairwise balancers."""

import numpy as np
from sklearn import get_config
from sklearn.metrics import pairwise_distances_chunked
from sklearn.neighbors import NearestNeighbors
from sklearn.utils import gen_batches


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


def reduce_distances(X, Y, reduce_func, n_jobs=None):
    """Euclidean distances from ``X`` to ``Y``, reduced chunk by chunk.

    A thin wrapper of :func:`sklearn.metrics.pairwise_distances_chunked`
    whose chunks take half of ``sklearn.get_config()["working_memory"]``,
    leaving the other half to ``euclidean_distances``' own temporaries.
    ``reduce_func(dist, start)`` may modify ``dist`` in place (it owns the
    chunk) and should not allocate chunk-sized temporaries.

    Returns
    -------
    reduced : list
        One item per chunk, in row order.
    """
    budget = get_config()["working_memory"] / 2
    return list(
        pairwise_distances_chunked(
            X, Y, reduce_func=reduce_func, metric="euclidean", n_jobs=n_jobs, working_memory=budget
        )
    )


def gaussian_kernel_logsum(X, Y, bandwidth, n_jobs=None):
    """``log sum_j exp(-||x_i - y_j||^2 / (2 h^2))`` for every row of ``X``.

    Computed chunk by chunk with :func:`reduce_distances` (BLAS-backed
    distances, memory bounded by ``working_memory``) and a stable log-sum-exp
    evaluated in place on each chunk.

    Parameters
    ----------
    X : ndarray of shape (n_samples_X, n_features)
    Y : ndarray of shape (n_samples_Y, n_features)
    bandwidth : float
        Kernel bandwidth ``h > 0``.
    n_jobs : int, default=None
        Parallel jobs for the distance chunks (see
        :func:`sklearn.metrics.pairwise_distances_chunked`).

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
    scale = -0.5 / float(bandwidth) ** 2

    def reduce(dist, start):
        np.square(dist, out=dist)
        dist *= scale
        peak = dist.max(axis=1)
        dist -= peak[:, None]
        np.exp(dist, out=dist)
        return np.log(dist.sum(axis=1, dtype=np.float64)) + peak

    return np.concatenate(reduce_distances(X, Y, reduce, n_jobs=n_jobs))


def nearest_votes(references, X, n_votes=1, n_jobs=None):
    """Vote mass each row of ``X`` receives from its nearest ``references``.

    Every reference splits one vote equally among its ``n_votes`` nearest rows
    of ``X``. Neighbour search uses :class:`sklearn.neighbors.NearestNeighbors`;
    references are processed in batches so that the index arrays stay within
    ``working_memory``.

    Parameters
    ----------
    references : ndarray of shape (n_references, n_features)
    X : ndarray of shape (n_samples, n_features)
    n_votes : int, default=1
        Number of nearest rows of ``X`` that share each reference's vote.
    n_jobs : int, default=None
        Passed to ``NearestNeighbors``.

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
    nn = NearestNeighbors(n_neighbors=n_votes, n_jobs=n_jobs).fit(X)
    votes = np.zeros(n_samples, dtype=np.float64)
    batch = chunk_n_rows(row_bytes=8 * (n_samples + n_votes), max_n_rows=len(references))
    for rows in gen_batches(len(references), batch):
        idx = nn.kneighbors(references[rows], return_distance=False)
        votes += np.bincount(idx.ravel(), minlength=n_samples)
    return votes / n_votes
