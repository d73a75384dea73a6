"""Row batches within ``working_memory`` (in threads, with progress); row samples."""

import itertools
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from joblib import effective_n_jobs
from sklearn import get_config
from sklearn.utils import gen_batches
from threadpoolctl import threadpool_limits

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


#: Bytes of row data a batch aims at: its blocks stay in the CPU's cache
#: from the GEMM that makes them to the selections and counts that read them.
_CACHE_BYTES = 16 * 2**20

#: Fewest rows in a cache-sized batch (below that, per-batch overhead dominates).
_MIN_CACHE_ROWS = 256


def row_batches(n_rows, row_bytes):
    """Slices over ``n_rows`` rows, each within ``working_memory``.

    Within that bound, batches hold about ``_CACHE_BYTES`` (and at least
    ``_MIN_CACHE_ROWS`` rows): a pass over a block still in the cache costs
    a fraction of one over main memory, and a smaller GEMM output is no
    slower per entry.

    Examples
    --------
    >>> from skbalance.utils._chunking import row_batches
    >>> import sklearn
    >>> with sklearn.config_context(working_memory=1):
    ...     [b.stop for b in row_batches(5, row_bytes=2**19)]
    [2, 4, 5]
    """
    cache_rows = max(_CACHE_BYTES // max(int(row_bytes), 1), _MIN_CACHE_ROWS)
    return gen_batches(n_rows, chunk_n_rows(row_bytes, min(n_rows, cache_rows)))


def map_batches(func, batches, n_jobs=None):
    """``[func(batch) for batch in batches]``, in ``n_jobs`` threads when given.

    numpy releases the GIL in the GEMMs and reductions, so threads run the
    batches in parallel. With several threads, each batch is split among them
    (so that the batches in flight still fit in ``working_memory`` together)
    and BLAS runs single-threaded inside them (no oversubscription of the
    cores). Progress is reported to an enclosing
    :func:`skbalance.utils._progress.progress` context (``verbose`` balancers).
    """
    batches = list(batches)
    total = batches[-1].stop if batches else 0
    workers = 1 if n_jobs is None else max(1, effective_n_jobs(n_jobs))
    if workers > 1:
        batches = [part for batch in batches for part in _split(batch, workers)]
        workers = min(workers, len(batches))
    if workers <= 1:
        return _run(batches, (func(batch) for batch in batches), total)
    with (
        threadpool_limits(limits=1, user_api="blas"),
        ThreadPoolExecutor(max_workers=workers) as executor,
    ):
        return _run(batches, executor.map(func, batches), total)


def _run(batches, results, total):
    """Collect ``results`` in order, reporting progress as each batch finishes."""
    out = []
    for batch, result in zip(batches, results):
        out.append(result)
        report(batch.stop, total)
    return out


def _split(batch, parts):
    """``batch`` (a slice) cut into at most ``parts`` consecutive slices."""
    edges = np.linspace(batch.start, batch.stop, parts + 1).astype(int)
    return [slice(a, b) for a, b in itertools.pairwise(edges) if b > a]


def evenly_spaced_rows(X, max_rows):
    """At most ``max_rows`` evenly spaced rows of ``X`` (``X`` itself if no more).

    A deterministic sample for statistics of a large ``X`` (spreads, a
    centre, clusters): rows spread over the whole array, in order, with no
    random state to thread through. Works on anything indexable by an integer
    array along its first axis (numpy, dask).

    Examples
    --------
    >>> import numpy as np
    >>> from skbalance.utils._chunking import evenly_spaced_rows
    >>> evenly_spaced_rows(np.arange(10).reshape(10, 1), 4).ravel()
    array([0, 3, 6, 9])
    """
    if X.shape[0] <= max_rows:
        return X
    return X[np.linspace(0, X.shape[0] - 1, max_rows).astype(np.intp)]
