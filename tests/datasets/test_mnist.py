import gzip

import numpy as np
import pytest

from skbalance.datasets import load_mnist, read_idx


def _write_idx(path, array, type_code=0x08, compress=True):
    header = bytes([0, 0, type_code, array.ndim]) + b"".join(
        int(n).to_bytes(4, "big") for n in array.shape
    )
    payload = header + array.astype(array.dtype.newbyteorder(">")).tobytes()
    opener = gzip.open if compress else open
    with opener(path, "wb") as f:
        f.write(payload)


def test_read_idx_round_trip(tmp_path):
    images = np.arange(2 * 3 * 4, dtype=np.uint8).reshape(2, 3, 4)
    _write_idx(tmp_path / "x-idx3-ubyte.gz", images)
    np.testing.assert_array_equal(read_idx(tmp_path / "x-idx3-ubyte.gz"), images)
    ints = np.array([1, -2, 300], dtype=np.int32)
    _write_idx(tmp_path / "y-idx1", ints, type_code=0x0C, compress=False)
    np.testing.assert_array_equal(read_idx(tmp_path / "y-idx1"), ints)


def test_read_idx_rejects_bad_magic(tmp_path):
    (tmp_path / "bad").write_bytes(b"\x01\x02\x03\x04rest")
    with pytest.raises(ValueError, match="not an IDX file"):
        read_idx(tmp_path / "bad")


def test_read_idx_rejects_truncated(tmp_path):
    _write_idx(tmp_path / "t", np.zeros((4, 2), dtype=np.uint8), compress=False)
    (tmp_path / "t").write_bytes((tmp_path / "t").read_bytes()[:-1])
    with pytest.raises(ValueError, match="truncated"):
        read_idx(tmp_path / "t")


def test_load_mnist_from_synthetic_files(tmp_path):
    images = np.random.RandomState(0).randint(0, 256, size=(5, 28, 28)).astype(np.uint8)
    labels = np.array([0, 1, 2, 3, 4], dtype=np.uint8)
    _write_idx(tmp_path / "t10k-images-idx3-ubyte.gz", images)
    _write_idx(tmp_path / "t10k-labels-idx1-ubyte.gz", labels)
    X, y = load_mnist(tmp_path)
    assert X.shape == (5, 784) and X.dtype == np.float32
    assert X.min() >= 0 and X.max() <= 1
    np.testing.assert_allclose(X[0], images[0].ravel() / 255.0, rtol=1e-6)
    np.testing.assert_array_equal(y, labels)


def test_load_mnist_missing_files(tmp_path):
    with pytest.raises(FileNotFoundError, match="t10k-images-idx3-ubyte"):
        load_mnist(tmp_path)
    with pytest.raises(ValueError, match="subset"):
        load_mnist(tmp_path, subset="validation")


def test_load_real_mnist(mnist_dir):
    X, y = load_mnist(mnist_dir)
    assert X.shape == (10000, 784)
    assert np.bincount(y).tolist()[:2] == [980, 1135]
