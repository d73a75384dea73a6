"""Metrics of how balanced a weighted set is."""

from ._balance import balance_error, effective_sample_size, weighted_class_distribution

__all__ = ["balance_error", "effective_sample_size", "weighted_class_distribution"]
