"""Readers for MNIST's IDX files (the package never ships or downloads them)."""

import gzip
import math
import os
import zlib
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

#: Largest data block ``read_idx`` accepts (16 GiB; MNIST's training images are 47 MB).
_MAX_IDX_BYTES = 16 * 2**30


def read_idx(path):
    """Read one IDX file (optionally gzip-compressed) into an ndarray.

    The header is read and checked first, then exactly the bytes it
    promises: a file that is truncated, holds more than its header says,
    is not gzip although named ``.gz``, or promises an impossible size is
    refused with a ``ValueError`` before anything large is read.

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
    try:
        with opener(path, "rb") as f:
            header = f.read(4)
            if len(header) < 4 or header[0] != 0 or header[1] != 0:
                raise ValueError(f"{path} is not an IDX file (bad magic number).")
            if header[2] not in _IDX_DTYPES:
                raise ValueError(
                    f"{path} is not an IDX file (unknown type {header[2]:#x})."
                )
            dtype = np.dtype(_IDX_DTYPES[header[2]])
            n_dims = header[3]
            dims = f.read(4 * n_dims)
            if len(dims) < 4 * n_dims:
                raise ValueError(f"{path} is truncated: its header is incomplete.")
            shape = tuple(
                int.from_bytes(dims[4 * i : 4 * i + 4], "big") for i in range(n_dims)
            )
            expected = math.prod(shape) * dtype.itemsize  # Python ints: no overflow
            if expected > _MAX_IDX_BYTES:
                raise ValueError(
                    f"{path}'s header promises {expected:,} bytes of data "
                    f"(shape {shape}), more than any IDX file this reader accepts "
                    f"({_MAX_IDX_BYTES:,} bytes); the header is corrupt."
                )
            data = f.read(expected)
            if len(data) < expected:
                raise ValueError(
                    f"{path} is truncated or corrupt: header promises {expected} "
                    f"bytes of data, found {len(data)}."
                )
            if f.read(1):
                raise ValueError(
                    f"{path} is corrupt: it holds more data than the {expected} bytes "
                    "its header promises."
                )
    except (EOFError, OSError, zlib.error) as exc:
        if isinstance(exc, FileNotFoundError):
            raise
        raise ValueError(f"{path} is not a readable IDX file: {exc}") from exc
    array = np.frombuffer(data, dtype=dtype).reshape(shape)
    return array.astype(dtype.newbyteorder("="), copy=True)


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
