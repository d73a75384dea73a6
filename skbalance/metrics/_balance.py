"""How balanced a weighted labelled set is."""

import numpy as np
from sklearn.utils.validation import check_consistent_length, column_or_1d


def _check_weights(y, sample_weight):
    y = column_or_1d(y, input_name="y")
    if y.shape[0] == 0:
        raise ValueError("y is empty; at least one sample is required.")
    if y.dtype.kind == "f" and np.isnan(y).any() or y.dtype == object and _has_nan(y):
        raise ValueError("y contains NaN labels; drop or label those samples.")
    if sample_weight is None:
        sample_weight = np.ones(y.shape[0])
    else:
        sample_weight = np.asarray(sample_weight, dtype=np.float64)
        if sample_weight.ndim == 2 and sample_weight.shape[1] == 1:
            sample_weight = sample_weight.ravel()
        if sample_weight.ndim != 1:
            raise ValueError(
                "sample_weight must be 1-D (one weight per sample); got shape "
                f"{sample_weight.shape}."
            )
        check_consistent_length(y, sample_weight)
        if not np.all(np.isfinite(sample_weight)):
            raise ValueError("sample_weight contains NaN or infinity.")
        if np.any(sample_weight < 0):
            raise ValueError("sample_weight contains negative values.")
        if not sample_weight.sum() > 0:
            raise ValueError("sample_weight sums to zero.")
    return y, sample_weight


def _has_nan(values):
    return any(isinstance(v, float) and np.isnan(v) for v in values)


def weighted_class_distribution(y, sample_weight=None):
    """Share of the total weight that each class carries.

    Parameters
    ----------
    y : array-like of shape (n_samples,)
        Class labels.
    sample_weight : array-like of shape (n_samples,), default=None
        Non-negative weights; ``None`` weighs every sample 1.

    Returns
    -------
    distribution : dict
        ``{class: share}``, sorted by class, shares summing to 1.

    Examples
    --------
    >>> from skbalance.metrics import weighted_class_distribution
    >>> weighted_class_distribution([2, 2, 3], [1.0, 1.0, 2.0])
    {2: 0.5, 3: 0.5}
    """
    y, sample_weight = _check_weights(y, sample_weight)
    classes, inverse = np.unique(y, return_inverse=True)
    totals = np.bincount(inverse.ravel(), weights=sample_weight, minlength=len(classes))
    shares = totals / totals.sum()
    return {
        cls.item() if hasattr(cls, "item") else cls: float(s)
        for cls, s in zip(classes, shares)
    }


def balance_error(y, sample_weight=None, *, classes=None):
    """Largest deviation of a class's weighted share from ``1 / n_classes``.

    Parameters
    ----------
    y : array-like of shape (n_samples,)
        Class labels.
    sample_weight : array-like of shape (n_samples,), default=None
        Non-negative weights; ``None`` weighs every sample 1.
    classes : array-like, default=None
        All classes that should be balanced. A class listed here but absent
        from ``y`` has share 0. ``None`` uses the classes present in ``y``.

    Returns
    -------
    error : float
        ``max_c |share_c - 1/K|``; 0 for a perfectly balanced set.

    Examples
    --------
    >>> from skbalance.metrics import balance_error
    >>> balance_error([0, 0, 0, 1])
    0.25
    >>> balance_error([0, 0, 0, 1], [1, 1, 1, 3])
    0.0
    """
    distribution = weighted_class_distribution(y, sample_weight)
    if classes is not None:
        if np.size(classes) == 0:
            raise ValueError("classes is empty; list the classes to balance, or None.")
        distribution = {
            c: distribution.get(c, 0.0) for c in np.unique(classes).tolist()
        }
    shares = np.fromiter(distribution.values(), dtype=np.float64)
    return float(np.max(np.abs(shares - 1.0 / shares.size)))


def effective_sample_size(sample_weight):
    """Kish's effective sample size ``(sum w)^2 / sum w^2``.

    Equals ``n`` for equal weights and 1 when one sample carries all the
    weight. Divide by ``n`` for the fraction of the data that effectively
    counts.

    Parameters
    ----------
    sample_weight : array-like of shape (n_samples,)
        Non-negative weights with a positive sum.

    Returns
    -------
    ess : float

    Examples
    --------
    >>> from skbalance.metrics import effective_sample_size
    >>> effective_sample_size([1, 1, 1, 1])
    4.0
    >>> effective_sample_size([1, 0, 0, 0])
    1.0
    >>> effective_sample_size([1, 1, 2])
    2.6666666666666665
    """
    w = column_or_1d(np.asarray(sample_weight, dtype=np.float64))
    _check_weights(np.zeros(w.shape[0]), w)
    w = w / w.max()  # scale-free; avoids underflow of sum(w ** 2) for tiny weights
    return float(w.sum() ** 2 / np.dot(w, w))
