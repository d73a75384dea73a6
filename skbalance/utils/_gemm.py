"""Squared Euclidean distances as one GEMM; fast selection of each row's smallest.

``||x - y||^2 = ||x||^2 - 2 x.y + ||y||^2``. Appending a column of ones to
the rows ``x`` and the column ``||y||^2`` to ``-2 y`` makes one matrix product
give ``||x - y||^2 - ||x||^2`` for every pair: per row a constant shift,
which neither the order within a row nor a per-row threshold needs to
undo. The product runs in the inputs' dtype (float32 stays float32, at
twice the float64 speed), on data centred at a given point so that the
expansion stays accurate.
"""

import numpy as np

from ._chunking import evenly_spaced_rows

#: Value of a padding column: larger than any real entry, whatever the data's scale.
_PADDING = np.inf

#: Magnitudes (powers of two) whose squared distances cannot overflow or underflow.
ORDINARY_MAGNITUDES = {
    np.dtype(np.float32): (2.0**-30, 2.0**30),
    np.dtype(np.float64): (2.0**-200, 2.0**200),
}

#: Rows a robust centre is computed on (evenly spaced, deterministic).
_CENTER_SAMPLE = 10_000

#: Rows a typical magnitude is estimated on (evenly spaced): it is only rounded to a
#: power of two, so a few thousand rows measure it as well as the whole pool.
_MAGNITUDE_SAMPLE = 2_000


def robust_center(X):
    """Coordinate-wise median of (at most 10,000 evenly spaced rows of) ``X``.

    The expansion ``||x||^2 - 2 x.y + ||y||^2`` loses precision when the
    rows are far from the origin; centring at the median instead of the mean
    keeps one outlying row from moving the centre (and with it every other
    row's precision).

    Examples
    --------
    >>> import numpy as np
    >>> from skbalance.utils._gemm import robust_center
    >>> robust_center(np.array([[0.0], [1.0], [1e12]]))
    array([1.])
    """
    rows = evenly_spaced_rows(X, _CENTER_SAMPLE)
    rows = np.asarray(rows.compute() if hasattr(rows, "compute") else rows)
    return np.median(rows, axis=0).astype(np.float64)


def typical_magnitude(X):
    """The 99th percentile of ``|x - median|`` over all entries of (a sample of) ``X``.

    The sample is at most 2,000 evenly spaced rows. The largest deviation when
    the percentile is zero, and 1 for constant data.

    Examples
    --------
    >>> import numpy as np
    >>> from skbalance.utils._gemm import typical_magnitude
    >>> float(typical_magnitude(np.array([[1.0], [3.0]])))
    1.0
    """
    rows = evenly_spaced_rows(X, _MAGNITUDE_SAMPLE)
    rows = np.asarray(rows.compute() if hasattr(rows, "compute") else rows, np.float64)
    deviation = np.abs(rows - np.median(rows, axis=0))
    magnitude = np.percentile(deviation, 99)
    if not magnitude > 0:
        magnitude = deviation.max(initial=0.0)
    return float(magnitude) if magnitude > 0 else 1.0


def power_of_two_unit(X):
    """A power of two near the typical magnitude of ``X`` about its median (1 if zero).

    Dividing data by a power of two is exact in floating point: distances
    keep their order and their ties, and squared distances neither overflow
    nor underflow however large or small the data's units. The magnitude is
    the 99th percentile of ``|x - median|`` over all entries of (at most
    10,000 rows of) ``X``, or the largest one when that is zero.

    Examples
    --------
    >>> import numpy as np
    >>> from skbalance.utils._gemm import power_of_two_unit
    >>> float(np.log2(power_of_two_unit(np.array([[1e20], [3e20]]))))  # 1e20 ~ 2**66
    66.0
    >>> float(power_of_two_unit(np.zeros((3, 2))))
    1.0
    """
    return float(2.0 ** np.round(np.log2(typical_magnitude(X))))


def shifted_rows(X, center, dtype, norms=True):
    """``[X - center, 1]`` in ``dtype``, and the norms ``||X - center||^2`` (float64).

    ``norms=False`` skips the norms (``None``): a row's nearest target does
    not depend on them.

    Examples
    --------
    >>> import numpy as np
    >>> from skbalance.utils._gemm import shifted_rows, shifted_targets
    >>> X, Y = np.array([[0.0, 0.0], [3.0, 4.0]]), np.array([[0.0, 0.0]])
    >>> rows, norms = shifted_rows(X, np.zeros(2), np.float64)
    >>> (rows @ shifted_targets(Y, np.zeros(2), np.float64).T).ravel() + norms
    array([ 0., 25.])
    """
    X = np.asarray(X)
    rows = np.empty((X.shape[0], X.shape[1] + 1), dtype=dtype)
    np.subtract(X, center, out=rows[:, :-1], casting="unsafe")
    rows[:, -1] = 1
    if not norms:
        return rows, None
    centred = rows[:, :-1]
    return rows, np.einsum("ij,ij->i", centred, centred, dtype=np.float64)


def shifted_targets(Y, center, dtype, n_columns=None, scale=1.0, ones=False):
    """Rows ``scale * [-2 (Y - center), ||Y - center||^2]`` in ``dtype``.

    With ``n_columns`` larger than ``len(Y)``, padding rows are appended whose
    products are ``_PADDING``: they are never among a row's smallest entries.
    ``ones=True`` appends a column of ones (for a per-row term carried by the
    rows). Computed in ``dtype`` (a float32 pool is never copied to float64).
    """
    Y = np.asarray(Y)
    n_samples, n_features = Y.shape
    n_columns = n_samples if n_columns is None else n_columns
    targets = np.zeros((n_columns, n_features + 1 + ones), dtype=dtype)
    body = targets[:n_samples, :n_features]
    np.subtract(Y, np.asarray(center, dtype=dtype), out=body, casting="unsafe")
    targets[:n_samples, n_features] = (
        np.einsum("ij,ij->i", body, body, dtype=np.float64) * scale
    )
    body *= -2 * scale
    targets[n_samples:, n_features] = _PADDING
    if ones:
        targets[:, -1] = 1
    return targets


def smallest_k(T, k):
    """Column indices of the ``k`` smallest entries of every row of ``T`` (in no order).

    Exact, and about one pass over ``T``: the columns are dealt into
    ``n_columns / b`` interleaved blocks of ``b`` columns each (column
    ``i * n_blocks + j`` is entry ``i`` of block ``j``). A row's ``k``
    smallest entries all lie in its ``k`` blocks with the smallest minima
    (those blocks alone hold ``k`` entries no larger than the ``k``-th
    smallest block minimum), so after one pass for the block minima only
    ``n_blocks`` minima and then ``k * b`` entries per row are selected from.
    The block size ``b`` (a divisor of the width, at most ``k``) minimises
    that work; when no block size pays (narrow ``T``), the whole row is
    selected from.

    Examples
    --------
    >>> import numpy as np
    >>> from skbalance.utils._gemm import smallest_k
    >>> T = np.array([[5.0, 1.0, 4.0, 0.0, 3.0, 2.0, 9.0, 8.0]])
    >>> np.sort(smallest_k(T, 2), axis=1)
    array([[1, 3]])
    """
    n_rows, n_columns = T.shape
    if k >= n_columns:
        return np.broadcast_to(np.arange(n_columns), (n_rows, n_columns))
    size = _block_size(n_columns, k)
    if size is None:
        return _argsmallest(T, k)
    n_blocks = n_columns // size
    groups = T.reshape(n_rows, size, n_blocks)
    best = _argsmallest(groups.min(axis=1), k)  # (n_rows, k) block numbers
    gathered = groups[
        np.arange(n_rows)[:, None, None],
        np.arange(size)[None, :, None],
        best[:, None, :],
    ]
    local = _argsmallest(
        gathered.reshape(n_rows, size * k), k
    )  # entry i of the m-th best block
    return (local // k) * n_blocks + np.take_along_axis(best, local % k, axis=1)


def _block_size(n_columns, k):
    """The block size of :func:`smallest_k` for rows of ``n_columns``.

    ``None`` when blocks do not pay.

    Selecting from a whole row costs about ``n_columns``; with blocks of ``b``
    columns, a cheap pass for the minima (about a third of that) plus
    selections from ``n_columns / b`` minima and from ``k * b`` entries
    (measured: 1.4-1.8x faster than the whole row for 1,000-8,000 columns
    and ``k = 32``).
    """
    best, best_cost = None, 0.75 * n_columns  # blocks must save a quarter to pay
    for size in range(2, k + 1):
        n_blocks = n_columns // size
        if n_columns % size or n_blocks <= k:
            continue
        cost = n_columns / 3 + n_blocks + k * size
        if cost < best_cost:
            best, best_cost = size, cost
    return best


def _argsmallest(T, k):
    """Column indices of the ``k`` smallest entries of every row (ties: leftmost first).

    ``np.partition`` finds each row's ``k``-th smallest value (it is much
    faster than ``np.argpartition``); a comparison pass then picks the
    entries below it, and the leftmost entries equal to it.
    """
    n_rows = T.shape[0]
    kth = np.partition(T, k - 1, axis=1)[:, k - 1 : k]
    take = T < kth
    equal = T == kth
    missing = k - row_counts(take)
    tied = np.flatnonzero(row_counts(equal) != missing)
    if (
        tied.size
    ):  # more entries equal the k-th value than are needed: keep the leftmost
        equal[tied] &= np.cumsum(equal[tied], axis=1) <= missing[tied, None]
    take |= equal
    # Exactly k per row, in row-major order (one index array, not a row and a column).
    return (np.flatnonzero(take) % T.shape[1]).reshape(n_rows, k)


#: 8-byte words summed at once by :func:`row_counts`: each byte lane of the sum counts
#: at most this many ones, so no lane carries into the next.
_WORDS_PER_SUM = 255


def row_counts(mask):
    """Per row, the ``True`` entries of a 2-D boolean array (as ``intp``).

    Equal to ``np.count_nonzero(mask, axis=1)``, about ten times faster on
    wide rows: each row's bytes are summed as 8-byte words (every byte is 0
    or 1, so each of a sum's 8 byte lanes counts the ones at that position,
    up to 255 words without a carry), then the 8 lanes are added; the last
    ``width % 8`` columns are counted directly.

    Examples
    --------
    >>> import numpy as np
    >>> from skbalance.utils._gemm import row_counts
    >>> row_counts(np.array([[True, False, True], [False, False, False]]))
    array([2, 0])
    """
    mask = np.ascontiguousarray(mask, dtype=bool)
    n_rows, width = mask.shape
    n_words = width // 8
    tail = mask[:, n_words * 8 :].view(np.uint8).sum(axis=1, dtype=np.intp)
    if not n_words:
        return tail
    if width % 8:
        mask = np.ascontiguousarray(mask[:, : n_words * 8])
    words = mask.view(np.uint64)
    counts = tail
    for first in range(0, n_words, _WORDS_PER_SUM):
        lanes = words[:, first : first + _WORDS_PER_SUM].sum(axis=1, dtype=np.uint64)
        counts += lanes.view(np.uint8).reshape(n_rows, 8).sum(axis=1, dtype=np.intp)
    return counts


def gemm_dtype(*arrays):
    """float32 when every array is float32, else float64 (dask arrays not computed)."""
    dtypes = (a.dtype if hasattr(a, "dtype") else np.asarray(a).dtype for a in arrays)
    return np.float32 if all(dtype == np.float32 for dtype in dtypes) else np.float64
