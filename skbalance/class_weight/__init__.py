"""Supervised class weights (labels known), for 1-D and multi-label targets."""

from ._class_weight_balancer import ClassWeightBalancer

__all__ = ["ClassWeightBalancer"]
