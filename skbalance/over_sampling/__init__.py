"""Oversamplers: grow a dataset towards balance (imbalanced-learn API)."""

from ._balancer_over_sampler import BalancerOverSampler
from ._class_balance import ClassBalanceSampler
from ._generative import GenerativeOverSampler
from ._mixup import MixUpOverSampler

__all__ = ["BalancerOverSampler", "ClassBalanceSampler", "GenerativeOverSampler", "MixUpOverSampler"]
