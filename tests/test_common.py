"""Every public balancer passes scikit-learn's and skbalance's check suites."""

import pytest
from sklearn.utils.estimator_checks import parametrize_with_checks as sklearn_checks

from skbalance import AdaptiveVoronoiBalancer
from skbalance.utils.discovery import all_balancers
from skbalance.utils.estimator_checks import parametrize_with_checks


def _instances():
    # pool_share: another path through AdaptiveVoronoiBalancer's support tests.
    return [cls() for _, cls in all_balancers()] + [
        AdaptiveVoronoiBalancer(pool_share=0.5)
    ]


@sklearn_checks(_instances())
def test_sklearn_compatible(estimator, check):
    check(estimator)


@parametrize_with_checks(_instances())
def test_balancer_checks(balancer, check):
    check(balancer)


def test_all_balancers_lists_the_seven_seed_balancers():
    names = {name for name, _ in all_balancers()}
    assert {
        "UniformBalancer",
        "DensityBalancer",
        "VoronoiBalancer",
        "BoxVoronoiBalancer",
        "SmoothVoronoiBalancer",
        "ClusterBalancer",
        "KDEBalancer",
    } <= names


@pytest.mark.parametrize("name, cls", all_balancers())
def test_public_from_top_level(name, cls):
    import skbalance

    assert getattr(skbalance, name) is cls
    assert name in skbalance.__all__
