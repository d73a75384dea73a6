"""Refuse, up front and by name, requests whose output cannot fit in memory."""

import os

#: Used when the available memory cannot be read (not Linux): 64 GiB.
_FALLBACK_BYTES = 64 * 2**30


def available_memory():
    """Bytes of physical memory available now (a fixed 64 GiB where unknown)."""
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, OSError, ValueError):  # pragma: no cover - not Linux
        return _FALLBACK_BYTES


def check_output_size(n_rows, row_bytes, what, unit="rows"):
    """Raise a ``ValueError`` when ``n_rows`` rows of ``row_bytes`` cannot fit.

    Parameters
    ----------
    n_rows : int or float
        Rows the request would create (may be a float such as ``inf``).
    row_bytes : int
        Bytes each row takes.
    what : str
        The request, as the message should name it (e.g. ``"n_samples=10**12"``).
    unit : str, default="rows"
        What the message calls the items counted (e.g. ``"links"``).

    Examples
    --------
    >>> from skbalance.utils._memory import check_output_size
    >>> check_output_size(1000, 8, "n_samples=1000")
    >>> check_output_size(10**15, 8, "n_samples=10**15")
    Traceback (most recent call last):
    ...
    ValueError: n_samples=10**15 asks for 1,000,000,000,000,000 rows (...
    """
    needed = float(n_rows) * max(int(row_bytes), 1)
    available = available_memory()
    if not needed <= available:
        rows = f"{n_rows:,.0f}" if n_rows != float("inf") else "infinitely many"
        raise ValueError(
            f"{what} asks for {rows} {unit} ({needed / 2**30:,.1f} GiB), more than "
            f"the {available / 2**30:,.1f} GiB of memory available; ask for fewer "
            f"{unit}."
        )
