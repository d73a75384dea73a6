import numpy as np
from numpy.testing import assert_array_equal

from skbalance import BoxVoronoiBalancer
from skbalance.balancers._box_voronoi import draw_box_references
from skbalance.metrics import weighted_class_distribution


def test_box_references_inside_bounding_box(two_blobs):
    _, subset, _ = two_blobs
    refs = draw_box_references(subset, 500, 0)
    assert refs.shape == (500, 2)
    assert np.all(refs >= subset.min(axis=0)) and np.all(refs <= subset.max(axis=0))


def test_box_voronoi_default_is_one_vote_per_sample(two_blobs):
    pool, subset, _ = two_blobs
    w = BoxVoronoiBalancer(random_state=0).fit(pool).compute_sample_weight(subset)
    # One reference per sample: the weights are the integer vote counts.
    assert_array_equal(w, np.round(w))
    assert w.sum() == len(subset)


def test_box_voronoi_raises_the_minority(two_blobs):
    pool, subset, y = two_blobs
    w = (
        BoxVoronoiBalancer(n_references=5000, random_state=0)
        .fit(pool)
        .compute_sample_weight(subset)
    )
    assert weighted_class_distribution(y, w)[1] > 0.3
