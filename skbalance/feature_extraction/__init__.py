"""Representations that make neighbour-based balancing work on images."""

from ._image import ImageGradientFeatures

__all__ = ["ImageGradientFeatures"]
