"""Preprocessing for the balancers' distances: one unit, a metric from the pool."""

from ._cluster_discriminant import ClusterDiscriminantAnalysis
from ._locality_preserving import LocalityPreservingProjection
from ._unit_scaler import UnitScaler

__all__ = ["ClusterDiscriminantAnalysis", "LocalityPreservingProjection", "UnitScaler"]
