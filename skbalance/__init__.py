"""skbalance: label-free dataset balancing, scikit-learn compatible.

Balancers learn from an unlabeled pool (``fit``) and return sample weights for
any set with the same features (``compute_sample_weight``) so that regions,
and therefore unseen classes, carry similar total weight.
"""

from ._pool import Pool
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
)
from .base import BaseBalancer
from .class_weight import ClassWeightBalancer
from .meta import BalancedEstimator
from .over_sampling import (
    BalancerOverSampler,
    ClassBalanceSampler,
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
    "ClassBalanceSampler",
    "ClassBalanceUnderSampler",
    "ClassWeightBalancer",
    "ClassifierRatioBalancer",
    "ClusterBalancer",
    "DensityBalancer",
    "GenerativeOverSampler",
    "KDEBalancer",
    "MixUpOverSampler",
    "Pool",
    "SmoothVoronoiBalancer",
    "TemperedBalancer",
    "UniformBalancer",
    "VoronoiBalancer",
    "__version__",
]
