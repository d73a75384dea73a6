"""Trade balance for effective sample size: temper another balancer's weights."""

from numbers import Real

from .._compat import HasMethods, Interval
from ..base import BaseBalancer
from ..utils._random import with_random_state
from ..utils._weights import cap_weights, cap_weights_to_ess
from ._default import default_balancer


class TemperedBalancer(BaseBalancer):
    """Temper another balancer's weights as ``w ** power``, optionally capped.

    ``power=1`` keeps the inner balancer's weights, ``power=0`` makes them
    uniform; values in between trade balance for effective sample size
    (Kish's ESS rises as the weights flatten). A cap at ``max_weight_ratio``
    times the median positive weight bounds the influence of any one sample.
    Both knobs are searchable with ``GridSearchCV`` next to the inner
    balancer's own parameters (``balancer__<param>``).

    Parameters
    ----------
    balancer : balancer, default=None
        The balancer whose weights are tempered; cloned and fitted on the
        pool. ``None`` uses :func:`default_balancer`.
    power : float, default=0.5
        Exponent applied to the inner weights, in ``[0, 1]``.
    max_weight_ratio : float or None, default=None
        Cap on a tempered weight relative to the median positive one.
    min_ess_fraction : float in (0, 1] or None, default=None
        After tempering and ``max_weight_ratio``, cap the largest weights just
        enough that Kish's effective sample size is at least this fraction of
        the number of samples (see :func:`skbalance.utils._weights.cap_weights_to_ess`).
        A guarantee for small subsets, where a few large weights would
        otherwise dominate; it also limits how far a very rare class can be
        up-weighted (perfectly balanced weights of a class at share ``p``
        of two classes have ESS ``4 p (1 - p)`` at best).
    transformer : transformer object, default=None
        Fitted on the pool and applied before the inner balancer (which may
        have a transformer of its own).
    random_state : int, RandomState instance or None, default=None
        Set on the inner balancer, and on the estimators inside it (its
        transformer's steps), wherever their ``random_state`` is ``None``
        (e.g. the default balancer), so that one seed makes the whole
        estimator reproducible. A ``random_state`` already set is kept.

    Attributes
    ----------
    balancer_ : balancer
        The fitted clone of ``balancer``.
    transformer_ : transformer object or None
        The fitted clone of ``transformer``.
    n_features_in_ : int
        Number of features seen in :meth:`fit`.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Feature names seen in :meth:`fit`, when ``X`` has string column names.
    n_pool_samples_ : int
        Number of pool samples seen in :meth:`fit`.

    Examples
    --------
    >>> import numpy as np
    >>> from skbalance import TemperedBalancer, VoronoiBalancer
    >>> from skbalance.metrics import effective_sample_size
    >>> rng = np.random.RandomState(0)
    >>> pool, subset = rng.normal(size=(300, 2)), rng.normal(size=(50, 2))
    >>> full = VoronoiBalancer().fit(pool).compute_sample_weight(subset)
    >>> half = TemperedBalancer(VoronoiBalancer(), power=0.5).fit(pool)
    >>> half = half.compute_sample_weight(subset)
    >>> bool(effective_sample_size(half) > effective_sample_size(full))
    True
    """

    _parameter_constraints = {
        **BaseBalancer._parameter_constraints,
        "balancer": [HasMethods(["fit", "compute_sample_weight"]), None],
        "power": [Interval(Real, 0, 1, closed="both")],
        "max_weight_ratio": [Interval(Real, 1, None, closed="left"), None],
        "min_ess_fraction": [Interval(Real, 0, 1, closed="right"), None],
        "random_state": ["random_state"],
    }

    def __init__(
        self,
        balancer=None,
        power=0.5,
        max_weight_ratio=None,
        min_ess_fraction=None,
        transformer=None,
        random_state=None,
    ):
        super().__init__(transformer=transformer)
        self.balancer = balancer
        self.power = power
        self.max_weight_ratio = max_weight_ratio
        self.min_ess_fraction = min_ess_fraction
        self.random_state = random_state

    # A dask pool is passed to the inner balancer, which accepts it or says it does not.
    _supports_dask_pool = True

    def _fit(self, Z):
        inner = default_balancer() if self.balancer is None else self.balancer
        self.balancer_ = with_random_state(
            inner, self.random_state, only_unset=True
        ).fit(Z)

    def _compute_weights(self, Z):
        weights = self.balancer_.compute_sample_weight(Z) ** self.power
        return cap_weights_to_ess(
            cap_weights(weights, self.max_weight_ratio), self.min_ess_fraction
        )
