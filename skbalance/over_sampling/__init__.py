"""Oversamplers: grow a dataset towards balance (imbalanced-learn API)."""

from ._balancer_over_sampler import BalancerOverSampler
from ._class_balance_over_sampler import ClassBalanceOverSampler
from ._generative import GenerativeOverSampler
from ._mixup import MixUpOverSampler

__all__ = [
    "BalancerOverSampler",
    "ClassBalanceOverSampler",
    "GenerativeOverSampler",
    "MixUpOverSampler",
]
