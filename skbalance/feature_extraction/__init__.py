"""Representations that make neighbour-based balancing work on images."""

from ._image import ImageGradientFeatures
from ._scattering import ImageScatteringFeatures

__all__ = ["ImageGradientFeatures", "ImageScatteringFeatures"]
