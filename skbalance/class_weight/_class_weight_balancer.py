"""Supervised class weights for 1-D and multi-label targets."""

from numbers import Real

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.preprocessing import LabelEncoder
from sklearn.utils.multiclass import type_of_target
from sklearn.utils.validation import check_array, check_is_fitted, column_or_1d

from .._compat import Interval, StrOptions, fit_context
from ..base import normalize_weights

METHODS = ("balanced", "sqrt", "effective_number", "repeat_factor")


def _as_indicator(y, classes=None):
    """``(indicator, classes, multilabel)`` for a 1-D label vector or an indicator matrix."""
    y_array = np.asarray(y)
    if y_array.ndim == 2 and y_array.shape[1] > 1:
        kind = type_of_target(y_array)
        if kind != "multilabel-indicator":
            raise ValueError(
                f"A 2-D y must be a binary label-indicator matrix (multi-label); got {kind!r}."
            )
        indicator = check_array(y_array, dtype=np.float64, input_name="y") > 0
        n_classes = indicator.shape[1]
        if classes is not None and len(classes) != n_classes:
            raise ValueError(f"y has {n_classes} label columns, expected {len(classes)}.")
        return indicator, np.arange(n_classes) if classes is None else classes, True
    y_array = column_or_1d(y_array, warn=True)
    if y_array.shape[0] == 0:
        raise ValueError("y is empty; at least one sample is required.")
    kind = type_of_target(y_array)
    if kind not in ("binary", "multiclass"):
        raise ValueError(f"y must hold class labels; got a {kind!r} target.")
    if classes is None:
        classes = np.unique(y_array)
    encoder = LabelEncoder().fit(classes)
    unknown = np.setdiff1d(np.unique(y_array), encoder.classes_)
    if unknown.size:
        raise ValueError(f"y contains classes not seen in fit: {unknown.tolist()}.")
    codes = encoder.transform(y_array)
    indicator = np.zeros((y_array.shape[0], len(encoder.classes_)), dtype=bool)
    indicator[np.arange(y_array.shape[0]), codes] = True
    return indicator, encoder.classes_, False


class ClassWeightBalancer(BaseEstimator):
    """Per-sample weights from known labels, for 1-D and multi-label targets.

    A balancer-style object for when labels are known: :meth:`fit` learns a
    weight per class from the class frequencies, :meth:`compute_sample_weight`
    turns labels into sample weights (mean 1). For a multi-label indicator
    ``y``, a sample's weight aggregates the weights of the classes it carries.

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
    method : {"balanced", "sqrt", "effective_number", "repeat_factor"}, default="balanced"
        How class weights follow class frequencies (see above).
    beta : float, default=0.999
        Parameter of ``"effective_number"``, in ``[0, 1)``.
    threshold : float, default=0.1
        Frequency threshold ``t`` of ``"repeat_factor"``, in ``(0, 1]``.
    aggregate : {"mean", "max"}, default="mean"
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
    >>> from skbalance.class_weight import ClassWeightBalancer
    >>> y = np.array([0, 0, 0, 1])
    >>> ClassWeightBalancer().fit(None, y).compute_sample_weight(None, y)
    array([0.66666667, 0.66666667, 0.66666667, 2.        ])
    >>> Y = np.array([[1, 0], [1, 0], [1, 1], [0, 1]])  # multi-label
    >>> ClassWeightBalancer(method="repeat_factor", threshold=0.9).fit(None, Y).class_weight_
    {0: 1.0954451150103321, 1: 1.3416407864998738}
    """

    _parameter_constraints = {
        "method": [StrOptions(set(METHODS))],
        "beta": [Interval(Real, 0, 1, closed="left")],
        "threshold": [Interval(Real, 0, 1, closed="right")],
        "aggregate": [StrOptions({"mean", "max"})],
    }

    def __init__(self, method="balanced", beta=0.999, threshold=0.1, aggregate="mean"):
        self.method = method
        self.beta = beta
        self.threshold = threshold
        self.aggregate = aggregate

    @fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y):
        """Learn the class weights from the labels ``y``.

        Parameters
        ----------
        X : None or array-like
            Ignored (accepted for Pipeline compatibility).
        y : array-like of shape (n_samples,) or (n_samples, n_classes)
            Class labels, or a binary label-indicator matrix.

        Returns
        -------
        self : object
        """
        indicator, classes, multilabel = _as_indicator(y)
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
            weights[present] = (1.0 - self.beta) / (1.0 - self.beta**c) if self.beta > 0 else 1.0
        else:  # repeat_factor
            weights[present] = np.maximum(1.0, np.sqrt(self.threshold / (c / n_samples)))
        self.classes_ = classes
        self.class_counts_ = counts.astype(np.int64)
        self.multilabel_ = multilabel
        keys = classes.tolist() if hasattr(classes, "tolist") else list(classes)
        self.class_weight_ = {k: float(w) for k, w in zip(keys, weights)}
        self._class_weight_array = weights
        return self

    def compute_sample_weight(self, X, y):
        """Sample weights (mean 1) for the labels ``y``.

        Parameters
        ----------
        X : None or array-like
            Ignored.
        y : array-like of shape (n_samples,) or (n_samples, n_classes)
            Labels of the same kind as in :meth:`fit`.

        Returns
        -------
        sample_weight : ndarray of shape (n_samples,), dtype float64
        """
        check_is_fitted(self, "class_weight_")
        indicator, _, multilabel = _as_indicator(y, classes=self.classes_)
        if multilabel != self.multilabel_:
            raise ValueError(
                "y is "
                + ("a label-indicator matrix" if multilabel else "1-D")
                + " but the balancer was fitted on "
                + ("a label-indicator matrix." if self.multilabel_ else "1-D labels.")
            )
        weights = np.where(indicator, self._class_weight_array[None, :], np.nan)
        n_labels = indicator.sum(axis=1)
        sample = np.empty(indicator.shape[0])
        has_label = n_labels > 0
        if has_label.any():
            rows = weights[has_label]
            sample[has_label] = np.nanmean(rows, axis=1) if self.aggregate == "mean" else np.nanmax(rows, axis=1)
        positive = self._class_weight_array[self._class_weight_array > 0]
        sample[~has_label] = positive.min() if positive.size else 1.0
        return normalize_weights(sample)

    def fit_compute_sample_weight(self, X, y):
        """:meth:`fit` then :meth:`compute_sample_weight` on the same labels."""
        return self.fit(X, y).compute_sample_weight(X, y)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.target_tags.required = True
        tags.input_tags.two_d_array = False
        return tags
