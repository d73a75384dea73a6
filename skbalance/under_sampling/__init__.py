"""Undersamplers: thin a dataset towards balance (imbalanced-learn API)."""

from ._balancer_under_sampler import BalancerUnderSampler

__all__ = ["BalancerUnderSampler"]
