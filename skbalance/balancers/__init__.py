"""Label-free balancers: learn from an unlabeled pool, re-weight any subset."""

from ._adaptive_voronoi import AdaptiveVoronoiBalancer
from ._box_voronoi import BoxVoronoiBalancer
from ._classifier_ratio import ClassifierRatioBalancer
from ._cluster import ClusterBalancer
from ._default import default_balancer
from ._density import DensityBalancer
from ._kde import KDEBalancer
from ._smooth_voronoi import SmoothVoronoiBalancer
from ._tempered import TemperedBalancer
from ._uniform import UniformBalancer
from ._voronoi import VoronoiBalancer

__all__ = [
    "AdaptiveVoronoiBalancer",
    "BoxVoronoiBalancer",
    "ClassifierRatioBalancer",
    "ClusterBalancer",
    "DensityBalancer",
    "KDEBalancer",
    "SmoothVoronoiBalancer",
    "TemperedBalancer",
    "UniformBalancer",
    "VoronoiBalancer",
    "default_balancer",
]
