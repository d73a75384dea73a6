"""Reading features from CSV, Parquet and ``.npy`` files, and writing results."""

import os
import sys
from pathlib import Path

import numpy as np

from ._errors import CLIError

TABLE_SUFFIXES = (".csv", ".tsv", ".txt", ".parquet", ".pq")
ARRAY_SUFFIXES = (".npy",)


def _pandas():
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - pandas is in the test extra
        raise CLIError(
            "reading and writing CSV or Parquet needs pandas: "
            'pip install "skbalance[pandas]"'
        ) from exc
    return pd


def check_input(path):
    """``path`` as a Path, refused unless it is an existing file of a known format."""
    path = Path(path)
    if not path.is_file():
        raise CLIError(f"{path}: no such file")
    if path.suffix.lower() not in TABLE_SUFFIXES + ARRAY_SUFFIXES:
        raise CLIError(
            f"{path}: unknown format {path.suffix or '(no suffix)'}; use .csv, .tsv, "
            ".parquet or .npy"
        )
    return path


def check_output(path, suffixes=TABLE_SUFFIXES + ARRAY_SUFFIXES):
    """Refuse an output path that cannot be written, before any work is done."""
    path = Path(path)
    if path.suffix.lower() not in suffixes:
        raise CLIError(
            f"{path}: cannot write {path.suffix or 'a file without suffix'}; "
            f"use one of {', '.join(suffixes)}"
        )
    if path.is_dir():
        raise CLIError(f"{path} is a directory")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise CLIError(f"{path}: folder {folder} does not exist")
    if not os.access(folder, os.W_OK) or (
        path.exists() and not os.access(path, os.W_OK)
    ):
        raise CLIError(f"{path}: not writable")
    return path


def read_table(path):
    """A DataFrame of a CSV/TSV/Parquet file, or ``None`` and an array for ``.npy``."""
    path = check_input(path)
    suffix = path.suffix.lower()
    if suffix in ARRAY_SUFFIXES:
        try:
            array = np.load(path, allow_pickle=False)
        except ValueError as exc:
            raise CLIError(f"{path}: not a readable .npy array ({exc})") from exc
        if array.ndim != 2:
            raise CLIError(
                f"{path}: expected a 2-D array of rows, got shape {array.shape}"
            )
        return None, array
    pd = _pandas()
    try:
        if suffix in (".parquet", ".pq"):
            frame = pd.read_parquet(path)
        else:
            frame = pd.read_csv(path, sep="\t" if suffix == ".tsv" else ",")
    except ImportError as exc:
        raise CLIError(
            f"{path}: reading Parquet needs pyarrow: "
            'pip install "skbalance[pandas]" pyarrow'
        ) from exc
    except Exception as exc:  # pandas' parser errors have many types
        raise CLIError(f"{path}: cannot read it as a table ({exc})") from exc
    if frame.shape[0] == 0:
        raise CLIError(f"{path}: no rows")
    return frame, None


def features(frame, array, columns, exclude=(), path=""):
    """``(X, names)``: the feature columns (given, or every numeric column)."""
    if frame is None:
        if columns:
            indices = [_column_index(c, array.shape[1], path) for c in columns]
            array = array[:, indices]
        if not np.issubdtype(array.dtype, np.number):
            raise CLIError(f"{path}: the array is not numeric ({array.dtype})")
        return array.astype(np.float64, copy=False), [
            f"x{i}" for i in range(array.shape[1])
        ]
    if columns:
        missing = [c for c in columns if c not in frame.columns]
        if missing:
            raise CLIError(f"{path}: no column {listed_names(missing)}")
        chosen = frame[list(columns)]
        non_numeric = [c for c in chosen.columns if not _is_numeric(chosen[c])]
        if non_numeric:
            raise CLIError(f"{path}: column {listed_names(non_numeric)} is not numeric")
    else:
        chosen = frame[
            [c for c in frame.columns if c not in exclude and _is_numeric(frame[c])]
        ]
        if chosen.shape[1] == 0:
            raise CLIError(f"{path}: no numeric column to use as a feature")
    return chosen.to_numpy(dtype=np.float64), [str(c) for c in chosen.columns]


def listed_names(names, shown=5):
    """``'a', 'b', 'c'`` (and how many more) for an error message."""
    listed = ", ".join(repr(str(name)) for name in names[:shown])
    return listed + (f" and {len(names) - shown} more" if len(names) > shown else "")


def _is_numeric(column):
    return column.dtype.kind in "biuf"


def _column_index(column, n_columns, path):
    try:
        index = int(column)
    except ValueError as exc:
        raise CLIError(
            f"{path}: a .npy array has no column names; give indices"
        ) from exc
    if not 0 <= index < n_columns:
        raise CLIError(f"{path}: column {index} out of range (0..{n_columns - 1})")
    return index


def write_result(path, frame, array, extra):
    """Write ``frame`` (or ``array``) with the columns of ``extra`` added.

    ``.npy`` receives the extra columns alone (e.g. the weights); ``path=None``
    writes CSV to standard output.
    """
    suffix = ".csv" if path is None else Path(path).suffix.lower()
    if suffix in ARRAY_SUFFIXES:
        values = np.column_stack(list(extra.values()))
        np.save(path, values[:, 0] if values.shape[1] == 1 else values)
        return
    pd = _pandas()
    out = (
        pd.DataFrame(array, columns=[f"x{i}" for i in range(array.shape[1])])
        if frame is None
        else frame.copy()
    )
    for name, values in extra.items():
        out[name] = values
    if path is None:
        out.to_csv(sys.stdout, index=False)
    elif suffix in (".parquet", ".pq"):
        out.to_parquet(path, index=False)
    else:
        out.to_csv(path, index=False, sep="\t" if suffix == ".tsv" else ",")


def subset_columns(columns, pool_names, subset_frame):
    """The subset's feature columns: those given, or (for tables) the pool's."""
    if columns:
        return columns
    return pool_names if subset_frame is not None else None
