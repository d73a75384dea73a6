"""The one place where skbalance touches private scikit-learn API.

scikit-learn's declarative parameter validation (``_parameter_constraints``
checked against ``Interval``, ``StrOptions`` and ``HasMethods``) and the
``_fit_context`` decorator that runs it are private (stable since
scikit-learn 1.3; skbalance requires 1.6). Every other module imports them
from here, so a change in a scikit-learn release needs a fix in this file
only.
"""

import numpy as np
from sklearn.base import _fit_context
from sklearn.utils._param_validation import HasMethods, StrOptions
from sklearn.utils._param_validation import Interval as _Interval


class Interval(_Interval):
    """scikit-learn's ``Interval``, except that no numeric interval admits a boolean.

    (``True`` is an ``Integral`` in Python; as a count or a fraction it is a
    mistake, which would otherwise fail far from its cause.)
    """

    def is_satisfied_by(self, val):
        if isinstance(val, (bool, np.bool_)):
            return False
        return super().is_satisfied_by(val)


def fit_context(*, prefer_skip_nested_validation=False):
    """Decorate a ``fit`` method: validate the parameters once, then run it.

    Thin alias of scikit-learn's private ``_fit_context``.
    """
    return _fit_context(prefer_skip_nested_validation=prefer_skip_nested_validation)


def validate_params(estimator):
    """Check ``estimator``'s parameters against its constraints, as ``fit`` does.

    For parameters used only after fit, which ``set_params`` can change then.
    Thin alias of scikit-learn's private ``BaseEstimator._validate_params``.
    """
    estimator._validate_params()


__all__ = ["HasMethods", "Interval", "StrOptions", "fit_context", "validate_params"]
