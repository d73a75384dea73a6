"""The one place where skbalance touches private scikit-learn API.

scikit-learn's declarative parameter validation (``_parameter_constraints``,
``Interval``, ``StrOptions``, ``HasMethods``) and the ``_fit_context``
decorator are private. Every other module imports them from here, so a change
in a scikit-learn release needs a fix in this file only. When the private API
is missing, validation degrades to a no-op instead of breaking the import.
"""

from functools import wraps

try:  # scikit-learn >= 1.3
    from sklearn.base import _fit_context
    from sklearn.utils._param_validation import (
        HasMethods,
        Interval,
        Options,
        StrOptions,
        validate_parameter_constraints,
    )

    HAS_PARAM_VALIDATION = True
except ImportError:  # pragma: no cover - exercised only on exotic versions
    HAS_PARAM_VALIDATION = False

    class _Constraint:
        def __init__(self, *args, **kwargs):
            self.args = args
            self.kwargs = kwargs

    HasMethods = Interval = Options = StrOptions = _Constraint

    def validate_parameter_constraints(*args, **kwargs):
        return None

    def _fit_context(*, prefer_skip_nested_validation):
        def decorator(fit_method):
            @wraps(fit_method)
            def wrapper(estimator, *args, **kwargs):
                return fit_method(estimator, *args, **kwargs)

            return wrapper

        return decorator


def fit_context(*, prefer_skip_nested_validation=False):
    """Decorate a ``fit`` method: validate parameters once, then run it.

    Thin alias of scikit-learn's private ``_fit_context``.
    """
    return _fit_context(prefer_skip_nested_validation=prefer_skip_nested_validation)


def validate_params(estimator):
    """Validate ``estimator``'s constructor parameters against its constraints."""
    validate_parameter_constraints(
        estimator._parameter_constraints,
        estimator.get_params(deep=False),
        caller_name=type(estimator).__name__,
    )


__all__ = [
    "HAS_PARAM_VALIDATION",
    "HasMethods",
    "Interval",
    "Options",
    "StrOptions",
    "fit_context",
    "validate_params",
]
