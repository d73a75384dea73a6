"""Readers for MNIST's IDX files (the package never ships or downloads them)."""

import gzip
import os
from pathlib import Path

import numpy as np

_IDX_DTYPES = {
    0x08: np.uint8,
    0x09: np.int8,
    0x0B: np.dtype(">i2"),
    0x0C: np.dtype(">i4"),
    0x0D: np.dtype(">f4"),
    0x0E: np.dtype(">f8"),
}


def read_idx(path):
    """Read one IDX file (optionally gzip-compressed) into an ndarray.

    Parameters
    ----------
    path : str or path-like
        An IDX file such as ``t10k-images-idx3-ubyte.gz``.

    Returns
    -------
    array : ndarray
        With the shape stored in the file's header.

    Raises
    ------
    ValueError
        If the file is not a valid IDX file.
    """
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as f:
        data = f.read()
    if len(data) < 4 or data[0] != 0 or data[1] != 0 or data[2] not in _IDX_DTYPES:
        raise ValueError(f"{path} is not an IDX file (bad magic number).")
    dtype = np.dtype(_IDX_DTYPES[data[2]])
    n_dims = data[3]
    header_end = 4 + 4 * n_dims
    shape = tuple(
        int.from_bytes(data[4 + 4 * i : 8 + 4 * i], "big") for i in range(n_dims)
    )
    expected = int(np.prod(shape)) * dtype.itemsize
    if len(data) - header_end != expected:
        raise ValueError(
            f"{path} is truncated or corrupt: header promises {expected} bytes of "
            f"data, found {len(data) - header_end}."
        )
    return (
        np.frombuffer(data, dtype=dtype, offset=header_end)
        .reshape(shape)
        .astype(dtype.newbyteorder("="), copy=True)
    )


def _find(directory, stem):
    for name in (stem, stem + ".gz"):
        candidate = Path(directory) / name
        if candidate.exists():
            return candidate
    raise FileNotFoundError(
        f"{stem}[.gz] not found in {os.fspath(directory)!r}; expected the MNIST "
        "IDX files there."
    )


def load_mnist(directory, subset="t10k"):
    """Load MNIST images as float features in [0, 1] and their labels.

    Parameters
    ----------
    directory : str or path-like
        Folder holding ``{subset}-images-idx3-ubyte[.gz]`` and
        ``{subset}-labels-idx1-ubyte[.gz]``.
    subset : {"t10k", "train"}, default="t10k"
        Which split to read.

    Returns
    -------
    X : ndarray of shape (n_samples, 784), dtype float32
        Pixel intensities scaled to [0, 1].
    y : ndarray of shape (n_samples,), dtype int64
        Digit labels.
    """
    if subset not in ("t10k", "train"):
        raise ValueError(f"subset must be 't10k' or 'train', got {subset!r}.")
    images = read_idx(_find(directory, f"{subset}-images-idx3-ubyte"))
    labels = read_idx(_find(directory, f"{subset}-labels-idx1-ubyte"))
    if images.shape[0] != labels.shape[0]:
        raise ValueError(
            f"{images.shape[0]} images but {labels.shape[0]} labels in {directory!r}."
        )
    X = images.reshape(images.shape[0], -1).astype(np.float32) / 255.0
    return X, labels.astype(np.int64)
