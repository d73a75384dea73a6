"""Preprocessing for the balancers' distances: features in one unit."""

from ._unit_scaler import UnitScaler

__all__ = ["UnitScaler"]
