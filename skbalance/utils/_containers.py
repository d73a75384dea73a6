"""Containers: taking rows of any array-like, and polars <-> pandas round trips."""

import numpy as np
from scipy import sparse


def is_polars(obj):
    """Whether ``obj`` is a polars DataFrame or Series (polars is not imported)."""
    return type(obj).__module__.split(".")[0] == "polars"


def polars_to_pandas(obj):
    """A polars DataFrame/Series as pandas (through NumPy: no pyarrow needed)."""
    import pandas as pd

    if not is_polars(obj):
        return obj
    if hasattr(obj, "columns"):
        return pd.DataFrame({name: obj[name].to_numpy() for name in obj.columns})
    return pd.Series(obj.to_numpy(), name=obj.name)


def pandas_to_polars(obj, like):
    """Convert a pandas result back to polars when the input ``like`` was polars."""
    if not is_polars(like):
        return obj
    import polars as pl

    if hasattr(obj, "columns"):
        return pl.DataFrame({name: obj[name].to_numpy() for name in obj.columns})
    if hasattr(obj, "to_numpy"):
        return pl.Series(like.name, obj.to_numpy())
    return pl.Series(like.name, obj)


def take_rows(data, indices):
    """Rows ``indices`` of an array, list, sparse matrix, DataFrame or Series.

    pandas objects keep their columns, dtypes and the original index labels
    of the taken rows.
    """
    if data is None:
        return None
    if type(data).__module__.split(".")[0] == "dask":
        return _take_lazy(data, indices)
    if hasattr(data, "iloc"):
        return data.iloc[indices]
    if isinstance(data, list):
        return [data[i] for i in indices]
    if sparse.issparse(data) and data.format not in ("csr", "csc", "lil", "dok"):
        data = data.tocsr()  # COO, DIA and BSR matrices cannot be indexed by rows
    return data[indices]


def _take_lazy(data, indices):
    """Rows ``indices`` of a dask array, still lazy."""
    if not hasattr(data, "chunks"):  # a dask DataFrame or Series
        raise TypeError(
            "dask DataFrames have no row positions to select by; pass "
            "frame.to_dask_array(lengths=True) (and the labels likewise)."
        )
    return data[np.asarray(indices)]
