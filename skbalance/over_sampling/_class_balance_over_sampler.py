"""Class-balance oversampling for 1-D and multi-label targets, with few duplicates."""

from collections.abc import Mapping
from numbers import Integral, Real

import numpy as np

from .._compat import Interval, StrOptions
from .._sampling import STRATEGY_WORDS, BaseClassBalanceSampler
from ..utils._random import stochastic_round

#: A step serves a class with ``deficit // _CHUNK_DIVISOR`` copies (at least one).
_CHUNK_DIVISOR = 10


class ClassBalanceOverSampler(BaseClassBalanceSampler):
    """Oversample towards a uniform class distribution, for 1-D and multi-label ``y``.

    Every original row is kept once; copies of existing rows are added until
    each targeted class reaches its target count (the number of samples
    containing it). Targets follow imbalanced-learn's ``sampling_strategy``
    vocabulary, for a 1-D label vector or a multi-label indicator matrix.
    In multi-label data a copy raises every class its row carries, so exact
    targets are generally out of reach: the sampler compromises between a
    uniform distribution and few duplicates.

    Two allocations:

    - ``"global"`` (repeat-factor sampling): class ``c`` gets the repeat
      factor ``r_c = max(1, target_c / n_c)``; a row's factor is the
      ``aggregate`` (max or mean) of its classes' factors, and the row appears
      ``r`` times (stochastically rounded). One vectorised pass.
    - ``"interclass"``: copies are added one class at a time, always to the
      class furthest below its target, each drawing from the rows that contain
      it. With ``minimize_duplicates=True`` a class cycles through its rows
      (every row gets a copy before any row gets two), preferring rows with
      few other labels and without the background class; otherwise rows are
      drawn uniformly with replacement.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        ``"auto"``/``"not majority"``: every class but the largest is raised
        to the largest class's count; ``"minority"``, ``"not minority"``,
        ``"all"``; a float (two classes only): the minority's target as a
        fraction of the majority; a dict ``{class: target count}`` (label
        column indices for an indicator ``y``); or a callable ``y -> dict``.
        The background class never counts as the largest class.
    allocation : {"interclass", "global"}, default="interclass"
        How copies are allocated (see above).
    minimize_duplicates : bool, default=True
        Spread copies evenly over a class's rows (``"interclass"``).
    background_class : label or None, default=None
        A dominant class that is never a target and never the reason a row
        is copied (it may still ride along with a rare class).
    max_repeats : int or None, default=None
        Most times one row may appear in the output (``>= 1``); limits
        duplicates at the price of balance. ``None``: no limit.
    aggregate : {"max", "mean"}, default="max"
        How ``"global"`` combines the repeat factors of a row's classes.
    random_state : int, RandomState instance or None, default=None
        Drives the random choices.

    Attributes
    ----------
    sample_indices_ : ndarray of shape (n_samples_out,)
        Rows of the input in the output, originals first, then copies.
    class_counts_before_ : dict
        ``{class: number of samples containing it}`` in the input.
    class_counts_after_ : dict
        The same for the output.
    class_targets_ : dict
        ``{class: target count}`` from ``sampling_strategy``.
    sampling_strategy_ : dict
        ``{class: samples to add}`` (imbalanced-learn's meaning): targets
        minus input counts, for the classes below target.
    n_duplicates_ : int
        Number of added copies.
    max_repeats_ : int
        Largest number of times any row appears.
    multilabel_ : bool
        Whether ``y`` was a label-indicator matrix.
    n_features_in_ : int
        Number of features seen.

    See Also
    --------
    skbalance.LabelWeighter : The same idea as sample weights.
    imblearn.over_sampling.RandomOverSampler : 1-D random oversampling.

    Examples
    --------
    >>> import numpy as np
    >>> from skbalance.over_sampling import ClassBalanceOverSampler
    >>> X = np.arange(12).reshape(6, 2)
    >>> Y = np.array([[1, 0, 0], [1, 0, 0], [1, 0, 0], [1, 1, 0], [0, 1, 0], [0, 0, 1]])
    >>> sampler = ClassBalanceOverSampler(random_state=0)
    >>> X_res, Y_res = sampler.fit_resample(X, Y)
    >>> sampler.class_counts_before_, sampler.class_counts_after_
    ({0: 4, 1: 2, 2: 1}, {0: 5, 1: 4, 2: 4})
    >>> Y_res.shape  # multi-hot rows are kept as they are
    (11, 3)
    """

    _parameter_constraints = {
        "sampling_strategy": [
            Interval(Real, 0, 1, closed="right"),
            StrOptions(STRATEGY_WORDS),
            Mapping,
            callable,
        ],
        "allocation": [StrOptions({"interclass", "global"})],
        "minimize_duplicates": ["boolean"],
        "background_class": "no_validation",
        "max_repeats": [Interval(Integral, 1, None, closed="left"), None],
        "aggregate": [StrOptions({"max", "mean"})],
        "random_state": ["random_state"],
    }

    _kind = "over"

    def __init__(
        self,
        *,
        sampling_strategy="auto",
        allocation="interclass",
        minimize_duplicates=True,
        background_class=None,
        max_repeats=None,
        aggregate="max",
        random_state=None,
    ):
        self.sampling_strategy = sampling_strategy
        self.allocation = allocation
        self.minimize_duplicates = minimize_duplicates
        self.background_class = background_class
        self.max_repeats = max_repeats
        self.aggregate = aggregate
        self.random_state = random_state

    # ------------------------------------------------------------ labels
    def _global_copies(self, Y, counts, targets, targeted, rng):
        factors = np.where(
            targeted & (counts > 0),
            np.maximum(1.0, targets / np.maximum(counts, 1)),
            1.0,
        )
        per_row = np.where(Y, factors[None, :], np.nan)
        has_label = Y.any(axis=1)
        row_factor = np.ones(Y.shape[0])
        if has_label.any():
            reduce = np.nanmax if self.aggregate == "max" else np.nanmean
            row_factor[has_label] = reduce(per_row[has_label], axis=1)
        multiplicity = np.maximum(1, stochastic_round(row_factor, rng))
        if self.max_repeats is not None:
            multiplicity = np.minimum(multiplicity, self.max_repeats)
        return multiplicity - 1

    def _interclass_copies(self, Y, counts, targets, targeted, bg_column, rng):
        n_rows = Y.shape[0]
        limit = np.inf if self.max_repeats is None else self.max_repeats - 1
        n_labels = Y.sum(axis=1)
        penalty = n_labels + (
            Y[:, bg_column] * n_labels.max() if bg_column is not None else 0
        )
        candidates = {}
        for c in np.flatnonzero(targeted):
            rows = np.flatnonzero(Y[:, c])
            if rows.size:
                tie_break = rng.random_sample(rows.size)  # drawn for every class
                if targets[c] <= counts[c]:
                    continue  # no copies for this class: its order is never used
                row_penalty = penalty[rows]
                if row_penalty.min() == row_penalty.max():  # e.g. single-label y
                    order = np.argsort(tie_break, kind="stable")
                else:
                    order = np.lexsort((tie_break, row_penalty))
                candidates[c] = rows[order]
        if n_labels.max(initial=0) <= 1:
            return self._single_label_copies(
                candidates, counts, targets, limit, n_rows, rng
            )
        return self._multilabel_copies(Y, candidates, counts, targets, limit, rng)

    def _single_label_copies(self, candidates, counts, targets, limit, n_rows, rng):
        """Classes do not interact: each class's copies are dealt in one step."""
        copies = np.zeros(n_rows, dtype=np.intp)
        for c, rows in candidates.items():
            needed = int(np.ceil(targets[c] - counts[c]))
            if needed <= 0:
                continue
            if self.minimize_duplicates:
                # Cycle through the rows: every row gets a copy before any gets two.
                dealt = needed // rows.size + (
                    np.arange(rows.size) < needed % rows.size
                )
            else:
                dealt = rng.multinomial(needed, np.full(rows.size, 1.0 / rows.size))
            copies[rows] = np.minimum(dealt, limit)
        return copies

    def _multilabel_copies(self, Y, candidates, counts, targets, limit, rng):
        """Copies for the class furthest below its target, a chunk at a time.

        Each step serves the class with the largest deficit with
        ``max(1, deficit // 10)`` copies (one at a time near the targets, so
        small requests are served copy by copy; large ones in O(log) steps).
        """
        copies = np.zeros(Y.shape[0], dtype=np.intp)
        pointers = dict.fromkeys(candidates, 0)
        current = counts.astype(np.float64).copy()
        active = {c for c in candidates if current[c] < targets[c]}
        Y_float = Y.astype(np.float64)
        while active:
            c = max(active, key=lambda k: (targets[k] - current[k], -k))
            rows = candidates[c]
            wanted = max(1, int((targets[c] - current[c]) // _CHUNK_DIVISOR))
            if self.minimize_duplicates:
                added = self._cycled_copies(rows, wanted, pointers[c], copies, limit)
                pointers[c] += wanted
            else:
                room = np.where(copies[rows] < limit, 1.0, 0.0)
                added = np.zeros(rows.size, dtype=np.intp)
                if room.any():
                    added = rng.multinomial(wanted, room / room.sum())
                    added = np.minimum(added, limit - copies[rows]).astype(np.intp)
            if not added.any():  # every row of the class is at max_repeats
                active.discard(c)
                continue
            copies[rows] += added
            current += added @ Y_float[rows]
            active = {k for k in active if current[k] < targets[k]}
        return copies

    @staticmethod
    def _cycled_copies(rows, wanted, pointer, copies, limit):
        """``wanted`` copies round-robin from ``pointer`` (rows below ``limit``)."""
        room = limit - copies[rows]
        open_rows = np.flatnonzero(room > 0)
        dealt = np.zeros(rows.size, dtype=np.intp)
        if open_rows.size == 0:
            return dealt
        # The open rows in cycle order, from the first one at or after the pointer.
        start = np.searchsorted(open_rows, pointer % rows.size) % open_rows.size
        cycle = np.roll(open_rows, -start)
        share = wanted // cycle.size + (np.arange(cycle.size) < wanted % cycle.size)
        dealt[cycle] = np.minimum(share, room[cycle])
        return dealt

    # ----------------------------------------------------------------- API
    def _select(self, Y, counts, targets, targeted, bg_column, rng):
        if self.allocation == "global":
            copies = self._global_copies(Y, counts, targets, targeted, rng)
        else:
            copies = self._interclass_copies(
                Y, counts, targets, targeted, bg_column, rng
            )
        return np.r_[np.arange(Y.shape[0]), np.repeat(np.arange(Y.shape[0]), copies)]

    def _describe(self, keys, counts, targets, after, n_rows):
        appearances = np.bincount(self.sample_indices_, minlength=n_rows)
        self.sampling_strategy_ = {
            k: int(np.ceil(t - b)) for k, t, b in zip(keys, targets, counts) if t > b
        }
        self.n_duplicates_ = int(self.sample_indices_.size - n_rows)
        self.max_repeats_ = int(appearances.max())
