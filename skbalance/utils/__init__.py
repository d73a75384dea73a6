"""Utilities: estimator discovery, the balancer check suite and helpers."""

from ._bandwidth import median_nn_distance, select_bandwidth
from .discovery import all_balancers

__all__ = ["all_balancers", "median_nn_distance", "select_bandwidth"]
