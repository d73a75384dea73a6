"""Undersamplers: thin a dataset towards balance (imbalanced-learn API)."""

from ._balancer_under_sampler import BalancerUnderSampler
from ._class_balance_under_sampler import ClassBalanceUnderSampler

__all__ = ["BalancerUnderSampler", "ClassBalanceUnderSampler"]
