"""Metrics of how balanced a weighted set is, and scorers for model selection."""

from ._balance import balance_error, effective_sample_size, weighted_class_distribution
from ._scorers import balance_scorer, ess_scorer

__all__ = [
    "balance_error",
    "balance_scorer",
    "effective_sample_size",
    "ess_scorer",
    "weighted_class_distribution",
]
