"""Machinery shared by the resamplers: label-free, class-balance and synthetic bases."""

from ._class_balance import BaseClassBalanceSampler
from ._label_free import BaseLabelFreeSampler, total_variation
from ._synthetic import BaseSyntheticOverSampler
from ._targets import STRATEGY_WORDS, label_indicator, multilabel_targets

__all__ = [
    "STRATEGY_WORDS",
    "BaseClassBalanceSampler",
    "BaseLabelFreeSampler",
    "BaseSyntheticOverSampler",
    "label_indicator",
    "multilabel_targets",
    "total_variation",
]
