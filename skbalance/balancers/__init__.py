"""Label-free balancers: learn from an unlabeled pool, re-weight any subset."""

from ._box_voronoi import BoxVoronoiBalancer
from ._cluster import ClusterBalancer
from ._density import DensityBalancer
from ._kde import KDEBalancer
from ._smooth_voronoi import SmoothVoronoiBalancer
from ._uniform import UniformBalancer
from ._voronoi import VoronoiBalancer

__all__ = [
    "BoxVoronoiBalancer",
    "ClusterBalancer",
    "DensityBalancer",
    "KDEBalancer",
    "SmoothVoronoiBalancer",
    "UniformBalancer",
    "VoronoiBalancer",
]
