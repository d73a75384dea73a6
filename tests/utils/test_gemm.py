import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn.metrics import pairwise_distances

from skbalance.utils._gemm import _block_size, shifted_rows, shifted_targets, smallest_k


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_one_gemm_gives_squared_distances(dtype):
    rng = np.random.RandomState(0)
    X, Y = rng.normal(100, 1, size=(50, 7)), rng.normal(100, 1, size=(30, 7))
    center = X.mean(axis=0)  # far from the origin: centring keeps float32 accurate
    rows, norms = shifted_rows(X, center, dtype)
    targets = shifted_targets(Y, center, dtype, n_columns=32)
    shifted = rows @ targets.T
    assert rows.dtype == dtype and shifted.dtype == dtype
    assert_allclose(
        shifted[:, :30] + norms[:, None],
        pairwise_distances(X, Y) ** 2,
        rtol=1e-4 if dtype == np.float32 else 1e-10,
    )
    assert (shifted[:, 30:] > 1e29).all()  # padding columns are never small


def test_shifted_rows_do_not_modify_the_input():
    X = np.ones((3, 2))
    shifted_rows(X, np.full(2, 0.5), np.float32)
    assert (X == 1).all()


@pytest.mark.parametrize(
    "k, n_columns",
    [(k, n) for k in (1, 3, 16) for n in (16 * 40, 16 * 40 + 5, 20)]
    + [(32, 2016), (32, 4000), (32, 700)],
)
def test_smallest_k_is_exact(k, n_columns):
    rng = np.random.RandomState(k + n_columns)
    T = rng.normal(size=(300, n_columns)).astype(np.float32)
    T[:10] = np.round(T[:10])  # rows with many ties
    picked = np.sort(smallest_k(T, k), axis=1)
    assert picked.shape == (300, min(k, n_columns))
    assert (np.diff(picked, axis=1) > 0).all()  # distinct columns
    expected = np.sort(T, axis=1)[:, :k]
    assert_allclose(np.sort(np.take_along_axis(T, picked, axis=1), axis=1), expected)


def test_block_sizes_divide_the_width_and_pay_only_for_wide_rows():
    assert (
        _block_size(2016, 32) == 8
    )  # 252 block minima, then 256 entries, instead of 2016
    assert _block_size(224, 32) is None  # too narrow: the whole row is selected from
    for n_columns in range(33, 5000, 7):
        size = _block_size(n_columns, 32)
        assert size is None or (n_columns % size == 0 and n_columns // size > 32)


def test_smallest_k_keeps_the_leftmost_ties():
    T = np.zeros((2, 6))
    np.testing.assert_array_equal(smallest_k(T, 2), [[0, 1], [0, 1]])


@pytest.mark.parametrize("shape", [(0, 3), (4, 0), (5, 7), (3, 2000)])
def test_row_counts_equal_count_nonzero(shape):
    from skbalance.utils._gemm import row_counts

    mask = np.random.RandomState(0).rand(*shape) < 0.3
    np.testing.assert_array_equal(row_counts(mask), np.count_nonzero(mask, axis=1))
    strided = np.random.RandomState(1).rand(6, 10)[:, ::2] < 0.5  # not contiguous
    np.testing.assert_array_equal(
        row_counts(strided), np.count_nonzero(strided, axis=1)
    )


@pytest.mark.parametrize("width", [7, 8, 9, 2040, 2041, 2048, 4000, 10_001])
@pytest.mark.parametrize("share", [0.0, 0.5, 1.0])
def test_row_counts_of_any_width_without_carries(width, share):
    # Rows of ones are the carry case: a byte lane summed over more than 255 words
    # would overflow into its neighbour.
    from skbalance.utils._gemm import row_counts

    mask = np.random.RandomState(width).rand(5, width) < share
    np.testing.assert_array_equal(row_counts(mask), np.count_nonzero(mask, axis=1))
