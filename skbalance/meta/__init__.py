"""Meta-estimators that put balancing inside a model, and the pool handle they share."""

from ._balanced_estimator import BalancedEstimator
from ._pool import Pool

__all__ = ["BalancedEstimator", "Pool"]
