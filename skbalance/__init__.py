"""skbalance: label-free dataset balancing, scikit-learn compatible.

Balancers learn from an unlabeled pool (``fit``) and return sample weights for
any set with the same features (``compute_sample_weight``) so that regions,
and therefore unseen classes, carry similar total weight.
"""

from . import feature_extraction, preprocessing
from .balancers import (
    AdaptiveVoronoiBalancer,
    BoxVoronoiBalancer,
    ClassifierRatioBalancer,
    ClusterBalancer,
    DensityBalancer,
    KDEBalancer,
    SmoothVoronoiBalancer,
    TemperedBalancer,
    UniformBalancer,
    VoronoiBalancer,
    default_balancer,
)
from .base import BaseBalancer
from .class_weight import LabelWeighter
from .meta import BalancedEstimator, Pool
from .over_sampling import (
    BalancerOverSampler,
    ClassBalanceOverSampler,
    GenerativeOverSampler,
    MixUpOverSampler,
)
from .under_sampling import BalancerUnderSampler, ClassBalanceUnderSampler

__version__ = "0.1.0"

__all__ = [
    "AdaptiveVoronoiBalancer",
    "BalancedEstimator",
    "BalancerOverSampler",
    "BalancerUnderSampler",
    "BaseBalancer",
    "BoxVoronoiBalancer",
    "ClassBalanceOverSampler",
    "ClassBalanceUnderSampler",
    "ClassifierRatioBalancer",
    "ClusterBalancer",
    "DensityBalancer",
    "GenerativeOverSampler",
    "KDEBalancer",
    "LabelWeighter",
    "MixUpOverSampler",
    "Pool",
    "SmoothVoronoiBalancer",
    "TemperedBalancer",
    "UniformBalancer",
    "VoronoiBalancer",
    "__version__",
    "default_balancer",
    "feature_extraction",
    "preprocessing",
]
