"""Sample weights from known labels, for 1-D and multi-label targets."""

from numbers import Real

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.utils.validation import check_is_fitted

from .._compat import Interval, StrOptions, fit_context
from .._sampling import label_indicator
from ..utils._weights import normalize_weights

METHODS = ("balanced", "sqrt", "effective_number", "repeat_factor")


class LabelWeighter(BaseEstimator):
    """Per-sample weights from known labels, for 1-D and multi-label targets.

    For when labels are known (the balancers are for when they are not).
    Like scikit-learn's label transformers (``LabelEncoder``,
    ``MultiLabelBinarizer``) it works on ``y`` alone: :meth:`fit` learns a
    weight per class from the class frequencies, :meth:`compute_sample_weight`
    turns labels into sample weights (mean 1), for the labels it was fitted
    on or any other labels of the same classes. For a multi-label indicator
    ``y``, a sample's weight aggregates the weights of the classes it
    carries.

    Methods, with ``n_c`` the number of samples of class ``c`` (containing
    ``c`` for multi-label ``y``), ``n`` the number of samples and ``K`` the
    number of classes:

    - ``"balanced"``: ``n / (K * n_c)``. For 1-D ``y`` equal to
      ``sklearn.utils.class_weight.compute_sample_weight("balanced", y)``.
    - ``"sqrt"``: ``1 / sqrt(n_c)``, a softer inverse frequency.
    - ``"effective_number"``: ``(1 - beta) / (1 - beta ** n_c)`` (Cui et al.,
      2019), between uniform (``beta=0``) and inverse frequency
      (``beta -> 1``).
    - ``"repeat_factor"``: ``max(1, sqrt(threshold / f_c))`` with ``f_c = n_c /
      n`` (Gupta et al., 2019, LVIS): classes rarer than ``threshold`` are
      repeated, others not.

    Parameters
    ----------
    method : {"balanced", "sqrt", "effective_number", "repeat_factor"}, \
            default="balanced"
        How class weights follow class frequencies (see above).
    beta : float, default=0.999
        Parameter of ``"effective_number"``, in ``[0, 1)``.
    threshold : float, default=0.1
        Frequency threshold ``t`` of ``"repeat_factor"``, in ``(0, 1]``.
    aggregate : {"max", "mean"}, default="max"
        How a multi-label sample combines the weights of its classes. A
        sample with no label gets the smallest class weight.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        Class labels (column indices for an indicator ``y``).
    class_weight_ : dict
        ``{class: weight}``.
    class_counts_ : ndarray of shape (n_classes,)
        Samples per class seen in :meth:`fit`.
    multilabel_ : bool
        Whether ``y`` was a label-indicator matrix.

    See Also
    --------
    sklearn.utils.class_weight.compute_sample_weight : The 1-D "balanced" case.

    References
    ----------
    .. [1] Y. Cui et al., "Class-Balanced Loss Based on Effective Number of
       Samples", CVPR 2019.
    .. [2] A. Gupta, P. Dollar and R. Girshick, "LVIS: A Dataset for Large
       Vocabulary Instance Segmentation", CVPR 2019.

    Examples
    --------
    >>> import numpy as np
    >>> from skbalance import LabelWeighter
    >>> y = np.array([0, 0, 0, 1])
    >>> LabelWeighter().fit(y).compute_sample_weight(y)
    array([0.66666667, 0.66666667, 0.66666667, 2.        ])
    >>> Y = np.array([[1, 0], [1, 0], [1, 1], [0, 1]])  # multi-label
    >>> LabelWeighter(method="repeat_factor", threshold=0.9).fit(Y).class_weight_
    {0: 1.0954451150103321, 1: 1.3416407864998738}
    """

    _parameter_constraints = {
        "method": [StrOptions(set(METHODS))],
        "beta": [Interval(Real, 0, 1, closed="left")],
        "threshold": [Interval(Real, 0, 1, closed="right")],
        "aggregate": [StrOptions({"mean", "max"})],
    }

    def __init__(self, method="balanced", beta=0.999, threshold=0.1, aggregate="max"):
        self.method = method
        self.beta = beta
        self.threshold = threshold
        self.aggregate = aggregate

    @fit_context(prefer_skip_nested_validation=True)
    def fit(self, y):
        """Learn the class weights from the labels ``y``.

        Parameters
        ----------
        y : array-like of shape (n_samples,) or (n_samples, n_classes)
            Class labels, or a binary label-indicator matrix.

        Returns
        -------
        self : object
        """
        indicator, classes, multilabel = label_indicator(
            y, type(self).__name__, min_classes=1
        )
        counts = indicator.sum(axis=0).astype(np.float64)
        n_samples, n_classes = indicator.shape
        present = counts > 0
        weights = np.zeros(n_classes)
        c = counts[present]
        if self.method == "balanced":
            weights[present] = n_samples / (n_classes * c)
        elif self.method == "sqrt":
            weights[present] = 1.0 / np.sqrt(c)
        elif self.method == "effective_number":
            weights[present] = (
                (1.0 - self.beta) / (1.0 - self.beta**c) if self.beta > 0 else 1.0
            )
        else:  # repeat_factor
            weights[present] = np.maximum(
                1.0, np.sqrt(self.threshold / (c / n_samples))
            )
        self.classes_ = classes
        self.class_counts_ = counts.astype(np.int64)
        self.multilabel_ = multilabel
        keys = classes.tolist() if hasattr(classes, "tolist") else list(classes)
        self.class_weight_ = {k: float(w) for k, w in zip(keys, weights)}
        self._class_weight_array = weights
        return self

    def compute_sample_weight(self, y):
        """Sample weights (mean 1) for the labels ``y``.

        Parameters
        ----------
        y : array-like of shape (n_samples,) or (n_samples, n_classes)
            Labels of the same kind (1-D or indicator) and classes as in
            :meth:`fit`.

        Returns
        -------
        sample_weight : ndarray of shape (n_samples,), dtype float64
        """
        check_is_fitted(self, "class_weight_")
        multilabel = np.ndim(y) == 2 and np.shape(y)[1] > 1
        if multilabel != self.multilabel_:
            raise ValueError(
                "y is "
                + ("a label-indicator matrix" if multilabel else "1-D")
                + " but the balancer was fitted on "
                + ("a label-indicator matrix." if self.multilabel_ else "1-D labels.")
            )
        indicator, _, _ = label_indicator(
            y, type(self).__name__, classes=self.classes_, min_classes=1
        )
        weights = np.where(indicator, self._class_weight_array[None, :], np.nan)
        n_labels = indicator.sum(axis=1)
        sample = np.empty(indicator.shape[0])
        has_label = n_labels > 0
        if has_label.any():
            rows = weights[has_label]
            sample[has_label] = (
                np.nanmean(rows, axis=1)
                if self.aggregate == "mean"
                else np.nanmax(rows, axis=1)
            )
        positive = self._class_weight_array[self._class_weight_array > 0]
        sample[~has_label] = positive.min() if positive.size else 1.0
        return normalize_weights(sample)

    def fit_compute_sample_weight(self, y):
        """:meth:`fit` then :meth:`compute_sample_weight` on the same labels.

        Parameters
        ----------
        y : array-like of shape (n_samples,) or (n_samples, n_classes)

        Returns
        -------
        sample_weight : ndarray of shape (n_samples,), dtype float64
        """
        return self.fit(y).compute_sample_weight(y)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.target_tags.required = True
        tags.target_tags.one_d_labels = True
        tags.input_tags.two_d_array = False
        return tags
