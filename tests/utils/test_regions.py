import numpy as np
import pytest
import sklearn

from skbalance.utils._regions import lloyd_centers, nearest_centers


def _points(n=500, d=5, seed=0, dtype=np.float64):
    rng = np.random.RandomState(seed)
    return (rng.normal(size=(n, d)) * 3 + 100).astype(dtype)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_nearest_centers_is_the_brute_force_argmin(dtype):
    X = _points(dtype=dtype)
    centers = _points(40, seed=1)
    expected = ((X[:, None, :] - centers[None]) ** 2).sum(axis=2).argmin(axis=1)
    with sklearn.config_context(working_memory=0.01):  # many row batches
        labels = nearest_centers(X, centers, np.median(X, axis=0))
    np.testing.assert_array_equal(labels, expected)


def test_nearest_centers_threads_give_the_same_labels():
    X, centers = _points(3000), _points(50, seed=1)
    center = np.median(X, axis=0)
    with sklearn.config_context(working_memory=0.05):
        np.testing.assert_array_equal(
            nearest_centers(X, centers, center, n_jobs=2),
            nearest_centers(X, centers, center),
        )


def test_nearest_centers_ties_go_to_the_lower_index():
    centers = np.array([[1.0], [-1.0], [1.0]])
    labels = nearest_centers(np.array([[0.0], [2.0]]), centers, np.zeros(1))
    np.testing.assert_array_equal(labels, [0, 0])


def test_nearest_centers_of_no_rows():
    labels = nearest_centers(np.empty((0, 2)), np.zeros((3, 2)), np.zeros(2))
    assert labels.shape == (0,)


def test_lloyd_centers_are_means_of_their_points_after_an_iteration():
    X = _points()
    center = np.median(X, axis=0)
    before = lloyd_centers(X, 20, 1, center, random_state=0)
    after = lloyd_centers(X, 20, 2, center, random_state=0)
    labels = nearest_centers(X, before, center)
    for k in range(20):
        members = X[labels == k]
        expected = members.mean(axis=0) if len(members) else before[k]
        np.testing.assert_allclose(after[k], expected)


def test_lloyd_centers_start_at_distinct_points_and_lower_the_inertia():
    X = _points()
    center = np.median(X, axis=0)

    def inertia(centers):
        return ((X - centers[nearest_centers(X, centers, center)]) ** 2).sum()

    start = lloyd_centers(X, 25, 0, center, random_state=3)
    assert len(np.unique(start, axis=0)) == 25
    assert all(any((row == X).all(axis=1)) for row in start)  # pool points
    assert inertia(lloyd_centers(X, 25, 2, center, random_state=3)) < inertia(start)


def test_lloyd_centers_are_deterministic_and_keep_the_input():
    X = _points(dtype=np.float32)
    copy = X.copy()
    center = np.median(X, axis=0)
    a = lloyd_centers(X, 10, 2, center, random_state=7)
    b = lloyd_centers(X, 10, 2, center, random_state=7)
    np.testing.assert_array_equal(a, b)
    assert a.dtype == np.float64
    np.testing.assert_array_equal(X, copy)


def test_a_center_without_points_stays():
    X = np.array([[0.0], [0.0], [0.0], [5.0]])
    # Duplicates: two initial centres at 0 (the first takes the ties), one at 5.
    centers = lloyd_centers(X, 3, 2, np.zeros(1), random_state=0)
    assert np.isfinite(centers).all()
    assert sorted(np.unique(centers.ravel()).tolist()) == [0.0, 5.0]
