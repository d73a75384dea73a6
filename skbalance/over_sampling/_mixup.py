"""Within-class MixUp oversampling (SMOTE is its nearest-neighbour special case)."""

from numbers import Integral, Real

import numpy as np
from scipy import sparse
from sklearn.neighbors import NearestNeighbors

from .._compat import Interval
from .._sampling import BaseSyntheticOverSampler


class MixUpOverSampler(BaseSyntheticOverSampler):
    """Oversample each class with convex combinations of same-class pairs.

    For every synthetic sample of class ``c``: draw a base sample ``x`` of
    class ``c`` uniformly, a partner ``x'`` of class ``c`` (any sample of the
    class, or one of the base's ``n_neighbors`` nearest same-class
    neighbours), ``lam ~ Beta(alpha, alpha)``, and emit
    ``lam * x + (1 - lam) * x'`` with label ``c``. Labels are never mixed
    across classes. With ``alpha=1`` (``lam`` uniform) and ``n_neighbors=5``
    this is SMOTE.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        Which classes to grow and to what size, in imbalanced-learn's
        vocabulary (``"auto"``, ``"minority"``, ``"not minority"``,
        ``"not majority"``, ``"all"``, a float for binary problems, a dict
        ``{class: n_samples}`` or a callable).
    alpha : float, default=0.4
        Parameter of the symmetric Beta distribution of the mixing weight.
        Small values keep synthetic samples close to real ones.
    n_neighbors : int or None, default=None
        ``None`` pairs each base sample with a random sample of its class;
        an int with one of its ``n_neighbors`` nearest same-class neighbours.
    random_state : int, RandomState instance or None, default=None
        Drives every draw.

    Attributes
    ----------
    sampling_strategy_ : dict
        ``{class: number of synthetic samples}``.
    n_features_in_ : int
        Number of features seen.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Feature names seen, when ``X`` has string column names.

    See Also
    --------
    imblearn.over_sampling.SMOTE : Nearest-neighbour interpolation.
    GenerativeOverSampler : Samples from a density model per class.

    References
    ----------
    .. [1] H. Zhang et al., "mixup: Beyond Empirical Risk Minimization",
       ICLR 2018.

    Examples
    --------
    >>> import numpy as np
    >>> from skbalance.over_sampling import MixUpOverSampler
    >>> rng = np.random.RandomState(0)
    >>> X = rng.normal(size=(110, 2))
    >>> y = np.r_[np.zeros(100, dtype=int), np.ones(10, dtype=int)]
    >>> X_res, y_res = MixUpOverSampler(random_state=0).fit_resample(X, y)
    >>> np.bincount(y_res)
    array([100, 100])
    >>> bool(np.allclose(X_res[:110], X))  # the originals come first, untouched
    True
    """

    _parameter_constraints = {
        **BaseSyntheticOverSampler._parameter_constraints,
        "alpha": [Interval(Real, 0, None, closed="neither")],
        "n_neighbors": [Interval(Integral, 1, None, closed="left"), None],
    }

    def __init__(
        self,
        *,
        sampling_strategy="auto",
        alpha=0.4,
        n_neighbors=None,
        random_state=None,
    ):
        super().__init__(sampling_strategy=sampling_strategy)
        self.alpha = alpha
        self.n_neighbors = n_neighbors
        self.random_state = random_state

    def _partners(self, X_class, base, rng):
        n = X_class.shape[0]
        if self.n_neighbors is None or n == 1:
            return rng.randint(n, size=base.size)
        k = min(self.n_neighbors, n - 1)
        neighbors = (
            NearestNeighbors(n_neighbors=k + 1)
            .fit(X_class)
            .kneighbors(X_class[base], return_distance=False)[:, 1:]
        )
        return neighbors[np.arange(base.size), rng.randint(k, size=base.size)]

    _accepts_sparse = True

    def _generate(self, cls, X_class, n_new, rng):
        base = rng.randint(X_class.shape[0], size=n_new)
        partner = self._partners(X_class, base, rng)
        lam = rng.beta(self.alpha, self.alpha, size=(n_new, 1))
        if sparse.issparse(X_class):  # rows scaled and added: stays sparse (CSR)
            return (
                X_class[base].multiply(lam) + X_class[partner].multiply(1.0 - lam)
            ).tocsr()
        return lam * X_class[base] + (1.0 - lam) * X_class[partner]
