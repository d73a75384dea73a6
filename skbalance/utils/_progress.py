"""Progress reports for long pool passes (``verbose`` balancers).

A balancer with ``verbose > 0`` opens a :func:`progress` context around its
work; the batch loops (:func:`skbalance.utils._chunking.map_batches`) report
through it, so no kernel needs a ``verbose`` argument. Reports go to stderr,
about every 10% of a pass (every batch with ``verbose >= 2``). Dask pools are
computed by dask itself: use ``dask.diagnostics.ProgressBar`` there.
"""

import sys
import time
from contextlib import contextmanager
from contextvars import ContextVar

_REPORTER = ContextVar("skbalance_progress", default=None)


class _Reporter:
    def __init__(self, label, verbose, stream):
        self.label = label
        self.verbose = verbose
        self.stream = stream
        self.start = time.perf_counter()
        self.tenths = {}  # per pass (total): the last tenth reported

    def __call__(self, done, total, unit):
        tenth = 10 * done // max(total, 1)
        if self.verbose >= 2 or tenth > self.tenths.get(total, 0) or done == total:
            self.tenths[total] = tenth
            elapsed = time.perf_counter() - self.start
            print(
                f"[{self.label}] {done:,}/{total:,} {unit} "
                f"({100 * done / max(total, 1):.0f}%), {elapsed:.1f} s",
                file=self.stream,
                flush=True,
            )
        if done == total:  # the pass is over: a later one of the same size starts anew
            self.tenths.pop(total, None)


@contextmanager
def progress(verbose, label, stream=None):
    """Report batch progress of the work inside the ``with`` block when ``verbose > 0``.

    Examples
    --------
    >>> import io
    >>> from skbalance.utils._progress import progress, report
    >>> out = io.StringIO()
    >>> with progress(1, "demo", stream=out):
    ...     report(10, 10)
    >>> out.getvalue().startswith("[demo] 10/10 rows (100%)")
    True
    """
    if not verbose:
        yield
        return
    token = _REPORTER.set(
        _Reporter(label, verbose, stream if stream is not None else sys.stderr)
    )
    try:
        yield
    finally:
        _REPORTER.reset(token)


def report(done, total, unit="rows"):
    """Tell the enclosing :func:`progress` that ``done`` of ``total`` are done."""
    reporter = _REPORTER.get()
    if reporter is not None:
        reporter(done, total, unit)
