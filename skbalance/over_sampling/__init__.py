"""Oversamplers: grow a dataset towards balance (imbalanced-learn API)."""

from ._balancer_over_sampler import BalancerOverSampler

__all__ = ["BalancerOverSampler"]
