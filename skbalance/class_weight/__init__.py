"""Sample weights from known labels, for 1-D and multi-label targets."""

from ._label_weighter import LabelWeighter

__all__ = ["LabelWeighter"]
