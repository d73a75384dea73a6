"""Bring features in unrelated units to one unit; leave commensurable features alone."""

from numbers import Real

import numpy as np
from sklearn.base import BaseEstimator, OneToOneFeatureMixin, TransformerMixin, clone
from sklearn.preprocessing import QuantileTransformer
from sklearn.utils import gen_batches
from sklearn.utils.validation import check_is_fitted, validate_data

from .._compat import HasMethods, Interval, StrOptions, fit_context
from ..utils._chunking import evenly_spaced_rows

#: Rows the spreads are measured on (evenly spaced rows of a larger ``X``): the 1st and
#: 99th percentiles of 20,000 rows have about 200 rows beyond each, which puts them
#: within about 1% of the whole column's for smooth distributions, and the partial sort
#: of more rows cost as much as the rest of a balancer's fit.
_MAX_SAMPLES = 20_000

#: Quantiles between which ``method="rank"`` interpolates a feature's rank.
_N_QUANTILES = 1000

#: Rows scaled at a time by ``transform``.
_BATCH_ROWS = 8192


class UnitScaler(OneToOneFeatureMixin, TransformerMixin, BaseEstimator):
    """Divide every feature by its spread, but only when the features' units differ.

    Distance-based balancers compare rows by Euclidean distance, so a column
    in millimetres outweighs one in metres a thousand-fold. Scaling every
    column to the same spread fixes that, but it is wrong for features that
    already share a unit: the near-empty border pixels of images, or the
    faint halo of a blurred stroke, would be blown up to the weight of the
    strokes themselves. ``UnitScaler`` decides from the data. A feature's
    *spread* is the distance between its ``quantile_range`` percentiles
    (robust to outliers; measured on at most 20,000 evenly spaced rows).
    Features in one unit share an upper bound (pixels: the full ink range),
    so the largest spreads are about the typical one;
    faint or empty features have smaller spreads and stay small. When some
    feature's spread exceeds ``max_spread_ratio`` times the median spread of
    the others (zero spreads aside), it is in a larger unit than the others
    and would dominate every distance: then each feature is divided by its
    own spread (or, with ``method="rank"``, mapped to its rank). Otherwise
    the features are left as they are (``scale_`` is all ones).

    Ranks suit tabular data: once the columns' units are unrelated, no unit
    is more natural for a column than any monotone re-expression of it (a
    log, a cube, rounding, another currency), and a column's rank, the share
    of the fitted rows below a value, is the same under all of them. Spreads
    keep a column's shape, so a log-normal or cubed column stays dominated by
    its tail.

    Parameters
    ----------
    quantile_range : tuple of float, default=(1.0, 99.0)
        Percentiles whose distance is a feature's spread.
    max_spread_ratio : float, default=10.0
        How many times the median spread a feature's spread may be before
        the features are taken to be in unrelated units and scaled.
    method : {"spread", "rank"}, default="spread"
        How features in unrelated units are brought to one: ``"spread"``
        divides each by its spread; ``"rank"`` maps each to its rank in the
        fitted data, in [0, 1] (linear between 1,000 quantiles, averaged over
        ties; values beyond the fitted range get 0 or 1). Features in one unit
        are left alone either way.
    then : transformer or None, default=None
        Fitted on the scaled (or ranked) features and applied after them, only
        when the features were found in unrelated units: a metric for data
        that brings none of its own, e.g.
        :class:`ClusterDiscriminantAnalysis` (what
        :func:`~skbalance.default_balancer` uses). Features in one unit are
        still left alone.

    Attributes
    ----------
    spread_ : ndarray of shape (`n_features_in_`,)
        Each feature's spread in the data ``fit`` saw.
    scaled_ : bool
        Whether the features were found in unrelated units, and so are divided
        by their spreads (``method="spread"``) or mapped to their ranks
        (``method="rank"``).
    scale_ : ndarray of shape (`n_features_in_`,)
        What each feature is divided by: its spread (1 where the spread is
        zero) when ``scaled_`` with ``method="spread"``, else 1.
    ranker_ : QuantileTransformer or None
        Maps each feature to its rank when ``scaled_`` with ``method="rank"``
        (fitted on the rows the spreads were measured on); ``None`` otherwise.
    then_ : transformer or None
        The fitted clone of ``then`` when the features were ``scaled_`` (fitted
        on the same rows, scaled); ``None`` otherwise.
    n_features_in_ : int
        Number of features seen in :meth:`fit`.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Feature names seen in :meth:`fit`, when ``X`` has string column names.

    See Also
    --------
    sklearn.preprocessing.RobustScaler : Always scales (and centres).

    Examples
    --------
    >>> import numpy as np
    >>> from skbalance.preprocessing import UnitScaler
    >>> rng = np.random.RandomState(0)
    >>> metres_and_grams = rng.normal(size=(100, 2)) * [1.0, 1000.0]
    >>> UnitScaler().fit(metres_and_grams).scaled_
    True
    >>> pixels = rng.uniform(size=(100, 4)) * [1.0, 1.0, 1.0, 0.01]  # one faint pixel
    >>> UnitScaler().fit(pixels).scaled_
    False
    >>> grams = rng.normal(size=100) * 1000
    >>> lognormal_and_grams = np.c_[rng.lognormal(size=100), grams]
    >>> ranks = UnitScaler(method="rank").fit_transform(lognormal_and_grams)
    >>> float(ranks.min()), float(ranks.max())
    (0.0, 1.0)
    """

    _parameter_constraints = {
        "quantile_range": [tuple],
        "max_spread_ratio": [Interval(Real, 1, None, closed="left")],
        "method": [StrOptions({"spread", "rank"})],
        "then": [HasMethods(["fit", "transform"]), None],
    }

    def __init__(
        self,
        quantile_range=(1.0, 99.0),
        max_spread_ratio=10.0,
        method="spread",
        then=None,
    ):
        self.quantile_range = quantile_range
        self.max_spread_ratio = max_spread_ratio
        self.method = method
        self.then = then

    @fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y=None):
        """Measure the features' spreads and decide whether to scale.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : None
            Ignored.

        Returns
        -------
        self : object
        """
        low, high = self._percentiles()
        X = validate_data(self, X, reset=True, dtype=(np.float64, np.float32))
        X = evenly_spaced_rows(X, _MAX_SAMPLES)  # their percentiles suffice
        bounds = _column_percentiles(X, [low, high])
        self.spread_ = bounds[1] - bounds[0]
        positive = np.sort(self.spread_[self.spread_ > 0])
        # The largest spread against the median of the others.
        self.scaled_ = bool(
            positive.size > 1
            and positive[-1] > self.max_spread_ratio * np.median(positive[:-1])
        )
        self.scale_ = np.ones(X.shape[1])
        self.ranker_ = None
        if self.scaled_ and self.method == "spread":
            self.scale_ = np.where(self.spread_ > 0, self.spread_, 1.0)
        elif self.scaled_:
            # Every row seen (at most _MAX_SAMPLES): no random subsample.
            self.ranker_ = QuantileTransformer(
                n_quantiles=min(_N_QUANTILES, X.shape[0]), subsample=X.shape[0]
            ).fit(X)
        self.then_ = None
        if self.scaled_ and self.then is not None:
            self.then_ = clone(self.then).fit(self._scale(X))
        return self

    def transform(self, X):
        """Divide each feature by ``scale_``, or map it to its rank; then ``then_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        X_scaled : ndarray of shape (n_samples, n_features_out)
            A new array, in the input's float dtype; ``n_features`` columns
            unless ``then_`` changes their number.
        """
        check_is_fitted(self, "scale_")
        X = validate_data(self, X, reset=False, dtype=(np.float64, np.float32))
        scaled = self._scale(X)
        return scaled if self.then_ is None else self.then_.transform(scaled)

    def _scale(self, X):
        """``X`` divided by ``scale_`` or mapped to its ranks, as a new array."""
        if self.ranker_ is not None:
            return self.ranker_.transform(X)  # a new array, X's dtype
        if not self.scaled_:
            return X.copy()  # what dividing by ones gives, without the pass
        out = np.empty_like(X)
        # In batches: the float64 quotient of a float32 X never exists whole.
        for rows in gen_batches(X.shape[0], _BATCH_ROWS):
            out[rows] = X[rows] / self.scale_
        return out

    def inverse_transform(self, X):
        """Undo :meth:`transform` (not available once ``then_`` was applied).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        X_original : ndarray of shape (n_samples, n_features)
        """
        check_is_fitted(self, "scale_")
        if self.then_ is not None:
            raise ValueError(
                "UnitScaler.inverse_transform cannot undo `then`: it was applied "
                "because the features were in unrelated units."
            )
        X = validate_data(self, X, reset=False, dtype=(np.float64, np.float32))
        if self.ranker_ is not None:
            return self.ranker_.inverse_transform(X)
        return (X * self.scale_).astype(X.dtype, copy=False)

    def get_feature_names_out(self, input_features=None):
        """Output feature names: the input's, or ``then_``'s when it was applied.

        Parameters
        ----------
        input_features : array-like of str or None, default=None

        Returns
        -------
        feature_names_out : ndarray of str objects
        """
        names = super().get_feature_names_out(input_features)  # checks fitted
        if self.then_ is None:
            return names
        return self.then_.get_feature_names_out(names)

    def _percentiles(self):
        q = tuple(self.quantile_range)
        valid = len(q) == 2 and all(isinstance(v, Real) for v in q)
        if not valid or not 0 <= q[0] < q[1] <= 100:
            raise ValueError(
                "quantile_range must be two percentiles 0 <= low < high <= 100; "
                f"got {self.quantile_range!r}."
            )
        return q


def _column_percentiles(X, percentiles):
    """``(len(percentiles), n_features)`` float64: numpy's linear-method percentiles.

    Each column sorted as a contiguous row of ``X.T``, then the two order
    statistics around each percentile interpolated: the same values as
    ``np.percentile(X, percentiles, axis=0)`` up to rounding, about six
    times faster on wide float32 data (``np.percentile`` partitions along
    the strided axis, a vectorised sort of contiguous rows does not).

    Examples
    --------
    >>> import numpy as np
    >>> from skbalance.preprocessing._unit_scaler import _column_percentiles
    >>> _column_percentiles(np.array([[0.0, 10.0], [1.0, 30.0], [2.0, 20.0]]), [50, 75])
    array([[ 1. , 20. ],
           [ 1.5, 25. ]])
    """
    # Always a copy (X.T of a Fortran-ordered X is already contiguous): X is
    # never sorted in place.
    ordered = np.array(X.T, order="C", copy=True)
    ordered.sort(axis=1)
    position = np.asarray(percentiles, dtype=np.float64) / 100 * (X.shape[0] - 1)
    below = np.floor(position).astype(np.intp)
    above = np.minimum(below + 1, X.shape[0] - 1)
    fraction = (position - below)[:, None]
    low = ordered[:, below].T.astype(np.float64)
    high = ordered[:, above].T.astype(np.float64)
    return low + (high - low) * fraction
