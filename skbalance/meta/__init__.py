"""Meta-estimators that put balancing inside a model."""

from ._balanced_estimator import BalancedEstimator

__all__ = ["BalancedEstimator"]
