"""Generative oversampling: fit a density model per class and sample from it."""

import numpy as np
from sklearn.base import clone
from sklearn.mixture import GaussianMixture

from .._compat import HasMethods
from .._sampling import BaseSyntheticOverSampler


class GenerativeOverSampler(BaseSyntheticOverSampler):
    """Oversample each class by sampling a density model fitted on that class.

    For every class to grow, a clone of ``estimator`` (any scikit-learn
    density model with ``fit`` and ``sample``, e.g.
    :class:`~sklearn.mixture.GaussianMixture` or
    :class:`~sklearn.neighbors.KernelDensity`) is fitted on the class's
    samples, optionally in the space of a ``transformer`` (e.g. ``PCA``)
    fitted on the same samples, and the requested number of new samples is
    drawn and mapped back with ``inverse_transform``. This is the
    estimator-agnostic form of oversampling with a per-class VAE.

    Parameters
    ----------
    estimator : density estimator, default=None
        Needs ``fit`` and ``sample``. ``None`` uses
        ``GaussianMixture(n_components=1, covariance_type="full",
        reg_covar=1e-4)``. A mixture's ``n_components`` is lowered to the
        class size when the class is smaller.
    transformer : transformer object, default=None
        Fitted per class; must have ``inverse_transform``.
    sampling_strategy : float, str, dict or callable, default="auto"
        Which classes to grow and to what size (imbalanced-learn's vocabulary).
    random_state : int, RandomState instance or None, default=None
        Seeds the models and the sampling.

    Attributes
    ----------
    sampling_strategy_ : dict
        ``{class: number of synthetic samples}``.
    estimators_ : dict
        ``{class: fitted density model}`` for the grown classes.
    transformers_ : dict
        ``{class: fitted transformer}`` (empty without ``transformer``).
    n_features_in_ : int
        Number of features seen.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Feature names seen, when ``X`` has string column names.

    See Also
    --------
    MixUpOverSampler : Interpolates same-class pairs.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.decomposition import PCA
    >>> from skbalance.over_sampling import GenerativeOverSampler
    >>> rng = np.random.RandomState(0)
    >>> X = np.r_[rng.normal(0, 1, size=(100, 5)), rng.normal(4, 1, size=(12, 5))]
    >>> y = np.r_[np.zeros(100, dtype=int), np.ones(12, dtype=int)]
    >>> sampler = GenerativeOverSampler(transformer=PCA(2), random_state=0)
    >>> X_res, y_res = sampler.fit_resample(X, y)
    >>> np.bincount(y_res)
    array([100, 100])
    >>> bool(abs(X_res[y_res == 1].mean() - 4) < 0.5)
    True
    """

    _parameter_constraints = {
        **BaseSyntheticOverSampler._parameter_constraints,
        "estimator": [HasMethods(["fit", "sample"]), None],
        "transformer": [HasMethods(["fit", "transform", "inverse_transform"]), None],
    }

    def __init__(
        self,
        estimator=None,
        transformer=None,
        *,
        sampling_strategy="auto",
        random_state=None,
    ):
        super().__init__(sampling_strategy=sampling_strategy)
        self.estimator = estimator
        self.transformer = transformer
        self.random_state = random_state

    def _model(self, n_samples, seed):
        if self.estimator is None:
            model = GaussianMixture(
                n_components=1, covariance_type="full", reg_covar=1e-4
            )
        else:
            model = clone(self.estimator)
        params = model.get_params(deep=False)
        if "n_components" in params and isinstance(model, GaussianMixture):
            model.set_params(n_components=min(params["n_components"], n_samples))
        if "random_state" in params:
            model.set_params(random_state=seed)
        return model

    def _start_fit(self):
        self.estimators_, self.transformers_ = {}, {}

    def _generate(self, cls, X_class, n_new, rng):
        # Density models are fitted in float64 (float32 covariances can lose their
        # symmetry to rounding); the new rows are cast back to X's dtype.
        Z = np.asarray(X_class, dtype=np.float64)
        if self.transformer is not None:
            self.transformers_[cls] = clone(self.transformer).fit(Z)
            Z = self.transformers_[cls].transform(Z)
        seed = rng.randint(np.iinfo(np.int32).max)
        model = self._model(Z.shape[0], seed).fit(Z)
        self.estimators_[cls] = model
        if "random_state" in model.get_params():
            drawn = model.sample(n_new)
        else:
            drawn = model.sample(n_new, random_state=seed)
        new = np.asarray(drawn[0] if isinstance(drawn, tuple) else drawn)
        if self.transformer is not None:
            new = self.transformers_[cls].inverse_transform(new)
        return new
