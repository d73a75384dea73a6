"""A check suite for balancers, in the style of ``sklearn.utils.estimator_checks``.

scikit-learn's own checks never call :meth:`compute_sample_weight`, so every
balancer, ours or a third party's, is also checked here: the weight contract
(shape, dtype, finite, non-negative, mean 1), determinism, permutation
equivariance, no mutation of inputs, clear errors on bad input, dtype and
pandas support and pickling.

Use :func:`check_balancer` to run every check on one instance, or
:func:`parametrize_with_checks` to get one pytest test per check::

    from skbalance.utils.estimator_checks import parametrize_with_checks

    @parametrize_with_checks([MyBalancer()])
    def test_my_balancer(balancer, check):
        check(balancer)
"""

import pickle
import re

import numpy as np
from numpy.testing import assert_allclose, assert_array_equal
from scipy import sparse
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from ._random import with_random_state

__all__ = [
    "check_balancer",
    "check_balancer_deterministic",
    "check_balancer_does_not_mutate_input",
    "check_balancer_dtypes",
    "check_balancer_empty_input",
    "check_balancer_feature_mismatch",
    "check_balancer_fit_returns_self",
    "check_balancer_ignores_y",
    "check_balancer_nan_inf",
    "check_balancer_not_fitted",
    "check_balancer_pandas",
    "check_balancer_permutation_equivariance",
    "check_balancer_pickle",
    "check_balancer_single_sample",
    "check_balancer_sparse_input",
    "check_balancer_transformer",
    "check_balancer_weights_contract",
    "parametrize_with_checks",
]


class _Skip(Exception):
    """Raised by a check that does not apply (turned into a pytest skip)."""


def make_balancer_data(random_state=0, n_pool=120, n_subset=40, n_features=4):
    """A pool and an unbalanced subset of continuous data (no distance ties).

    The pool is two equal Gaussian blobs; the subset takes 3/4 of its samples
    from the first blob.

    Returns
    -------
    pool : ndarray of shape (n_pool, n_features)
    subset : ndarray of shape (n_subset, n_features)
    """
    rng = np.random.RandomState(random_state)
    centers = np.array([np.zeros(n_features), np.full(n_features, 3.0)])

    def blobs(sizes):
        return np.concatenate(
            [rng.normal(c, 1.0, size=(n, n_features)) for c, n in zip(centers, sizes)]
        )

    pool = blobs([n_pool // 2, n_pool - n_pool // 2])
    first = (3 * n_subset) // 4
    subset = blobs([first, n_subset - first])
    return pool, subset


def _assert_weight_contract(weights, n_samples, name):
    assert isinstance(weights, np.ndarray), f"{name}: weights must be an ndarray"
    assert weights.dtype == np.float64, (
        f"{name}: weights dtype {weights.dtype} != float64"
    )
    assert weights.shape == (n_samples,), (
        f"{name}: weights shape {weights.shape} != ({n_samples},)"
    )
    assert np.all(np.isfinite(weights)), f"{name}: weights must be finite"
    assert np.all(weights >= 0), f"{name}: weights must be non-negative"
    assert_allclose(
        weights.mean(), 1.0, rtol=1e-9, err_msg=f"{name}: weights mean != 1"
    )


def _assert_raises(exc_types, pattern, func, name, what):
    try:
        func()
    except exc_types as exc:
        if pattern is not None and not re.search(
            pattern, str(exc), flags=re.IGNORECASE
        ):
            raise AssertionError(
                f"{name}: {what} raised {type(exc).__name__} with an unclear message "
                f"{str(exc)!r} (expected to match {pattern!r})"
            ) from exc
        return
    except Exception as exc:  # wrong type
        raise AssertionError(
            f"{name}: {what} raised {type(exc).__name__}, expected "
            f"{' or '.join(t.__name__ for t in np.atleast_1d(exc_types))}"
        ) from exc
    raise AssertionError(f"{name}: {what} did not raise")


def check_balancer_weights_contract(name, balancer):
    """Weights are a float64 ndarray of shape (n,), finite, non-negative, mean 1."""
    pool, subset = make_balancer_data()
    fitted = with_random_state(balancer, 0).fit(pool)
    _assert_weight_contract(fitted.compute_sample_weight(subset), len(subset), name)
    _assert_weight_contract(fitted.compute_sample_weight(pool), len(pool), name)


def check_balancer_fit_returns_self(name, balancer):
    """``fit`` returns the estimator itself."""
    pool, _ = make_balancer_data()
    balancer = with_random_state(balancer, 0)
    assert balancer.fit(pool) is balancer, f"{name}.fit must return self"


def check_balancer_not_fitted(name, balancer):
    """``compute_sample_weight`` before ``fit`` raises ``NotFittedError``."""
    _, subset = make_balancer_data()
    _assert_raises(
        NotFittedError,
        None,
        lambda: clone(balancer).compute_sample_weight(subset),
        name,
        "compute_sample_weight before fit",
    )


def check_balancer_deterministic(name, balancer):
    """Two fits with the same ``random_state`` give identical weights."""
    pool, subset = make_balancer_data()
    first = with_random_state(balancer, 0).fit(pool).compute_sample_weight(subset)
    second = with_random_state(balancer, 0).fit(pool).compute_sample_weight(subset)
    assert_array_equal(first, second, err_msg=f"{name}: weights differ between runs")
    fitted = with_random_state(balancer, 0).fit(pool)
    assert_array_equal(
        fitted.compute_sample_weight(subset),
        fitted.compute_sample_weight(subset),
        err_msg=f"{name}: repeated compute_sample_weight calls differ",
    )


def check_balancer_permutation_equivariance(name, balancer):
    """Permuting the rows of ``X`` permutes the weights the same way."""
    pool, subset = make_balancer_data()
    perm = np.random.RandomState(1).permutation(len(subset))
    fitted = with_random_state(balancer, 0).fit(pool)
    weights = fitted.compute_sample_weight(subset)
    permuted = fitted.compute_sample_weight(subset[perm])
    assert_allclose(
        permuted,
        weights[perm],
        rtol=1e-7,
        atol=1e-10,
        err_msg=f"{name}: weights are not permutation equivariant",
    )


def check_balancer_does_not_mutate_input(name, balancer):
    """Neither ``fit`` nor ``compute_sample_weight`` modifies its input."""
    pool, subset = make_balancer_data()
    pool_copy, subset_copy = pool.copy(), subset.copy()
    fitted = with_random_state(balancer, 0).fit(pool)
    fitted.compute_sample_weight(subset)
    fitted.compute_sample_weight(pool)
    assert_array_equal(pool, pool_copy, err_msg=f"{name} modified the pool")
    assert_array_equal(subset, subset_copy, err_msg=f"{name} modified X")


def check_balancer_feature_mismatch(name, balancer):
    """A feature-count mismatch gives a ``ValueError`` that says so."""
    pool, subset = make_balancer_data()
    fitted = with_random_state(balancer, 0).fit(pool)
    wider = np.hstack([subset, subset[:, :1]])
    _assert_raises(
        ValueError,
        "feature",
        lambda: fitted.compute_sample_weight(wider),
        name,
        "compute_sample_weight with the wrong number of features",
    )


def check_balancer_nan_inf(name, balancer):
    """NaN or infinity in the pool or in ``X`` gives a clear ``ValueError``."""
    pool, subset = make_balancer_data()
    for bad in (np.nan, np.inf):
        bad_pool = pool.copy()
        bad_pool[3, 1] = bad
        _assert_raises(
            ValueError,
            "nan|inf",
            lambda bad_pool=bad_pool: with_random_state(balancer, 0).fit(bad_pool),
            name,
            f"fit on a pool containing {bad}",
        )
        bad_subset = subset.copy()
        bad_subset[2, 0] = bad
        fitted = with_random_state(balancer, 0).fit(pool)
        _assert_raises(
            ValueError,
            "nan|inf",
            lambda fitted=fitted, bad_subset=bad_subset: fitted.compute_sample_weight(
                bad_subset
            ),
            name,
            f"compute_sample_weight on X containing {bad}",
        )


def check_balancer_empty_input(name, balancer):
    """An empty pool or an empty ``X`` gives a clear ``ValueError``."""
    pool, subset = make_balancer_data()
    _assert_raises(
        ValueError,
        "0 sample|empty|minimum",
        lambda: with_random_state(balancer, 0).fit(pool[:0]),
        name,
        "fit on an empty pool",
    )
    fitted = with_random_state(balancer, 0).fit(pool)
    _assert_raises(
        ValueError,
        "0 sample|empty|minimum",
        lambda: fitted.compute_sample_weight(subset[:0]),
        name,
        "compute_sample_weight on an empty X",
    )


def check_balancer_sparse_input(name, balancer):
    """Sparse input is either supported or refused with a clear ``TypeError``."""
    pool, subset = make_balancer_data()
    try:
        fitted = with_random_state(balancer, 0).fit(sparse.csr_matrix(pool))
    except TypeError as exc:
        assert "sparse" in str(exc).lower(), (
            f"{name}: refusing sparse input needs a message naming it, got {exc!r}"
        )
        return
    weights = fitted.compute_sample_weight(sparse.csr_matrix(subset))
    _assert_weight_contract(weights, len(subset), name)


def check_balancer_single_sample(name, balancer):
    """A single-sample ``X`` gets the weight ``[1.0]``."""
    pool, subset = make_balancer_data()
    weights = with_random_state(balancer, 0).fit(pool).compute_sample_weight(subset[:1])
    _assert_weight_contract(weights, 1, name)


def check_balancer_dtypes(name, balancer):
    """float32 and integer input give float64 weights obeying the contract."""
    pool, subset = make_balancer_data()
    for dtype in (np.float32, np.int64):
        cast_pool = (pool * 10).astype(dtype)
        cast_subset = (subset * 10).astype(dtype)
        weights = (
            with_random_state(balancer, 0)
            .fit(cast_pool)
            .compute_sample_weight(cast_subset)
        )
        _assert_weight_contract(
            weights, len(subset), f"{name} ({np.dtype(dtype).name})"
        )


def check_balancer_pandas(name, balancer):
    """A DataFrame gives the same weights as the equivalent ndarray."""
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - pandas is a test dependency
        raise _Skip("pandas is not installed") from exc
    pool, subset = make_balancer_data()
    columns = [f"f{i}" for i in range(pool.shape[1])]
    expected = with_random_state(balancer, 0).fit(pool).compute_sample_weight(subset)
    fitted = with_random_state(balancer, 0).fit(pd.DataFrame(pool, columns=columns))
    assert list(fitted.feature_names_in_) == columns, f"{name}: feature names not kept"
    weights = fitted.compute_sample_weight(pd.DataFrame(subset, columns=columns))
    assert_allclose(
        weights, expected, err_msg=f"{name}: pandas input changes the weights"
    )


def check_balancer_pickle(name, balancer):
    """A pickled and restored fitted balancer gives identical weights."""
    pool, subset = make_balancer_data()
    fitted = with_random_state(balancer, 0).fit(pool)
    restored = pickle.loads(pickle.dumps(fitted))
    assert_array_equal(
        restored.compute_sample_weight(subset),
        fitted.compute_sample_weight(subset),
        err_msg=f"{name}: weights change after pickling",
    )


def check_balancer_ignores_y(name, balancer):
    """Labels passed to ``fit`` do not change the weights (balancers are label-free)."""
    pool, subset = make_balancer_data()
    y = np.random.RandomState(3).randint(0, 2, size=len(pool))
    without = with_random_state(balancer, 0).fit(pool).compute_sample_weight(subset)
    with_y = with_random_state(balancer, 0).fit(pool, y).compute_sample_weight(subset)
    assert_array_equal(without, with_y, err_msg=f"{name}: fit uses y")


def check_balancer_transformer(name, balancer):
    """With a ``transformer``, it is fitted on the pool and the contract holds."""
    if "transformer" not in balancer.get_params(deep=False):
        raise _Skip(f"{name} has no transformer parameter")
    from sklearn.decomposition import PCA

    pool, subset = make_balancer_data()
    fitted = (
        with_random_state(balancer, 0)
        .set_params(transformer=PCA(n_components=2))
        .fit(pool)
    )
    assert fitted.transformer_ is not fitted.transformer, (
        f"{name}: the transformer must be cloned, not fitted in place"
    )
    assert fitted.transformer_.n_components_ == 2
    _assert_weight_contract(fitted.compute_sample_weight(subset), len(subset), name)


def _yield_balancer_checks(balancer):
    yield check_balancer_weights_contract
    yield check_balancer_fit_returns_self
    yield check_balancer_not_fitted
    yield check_balancer_deterministic
    yield check_balancer_permutation_equivariance
    yield check_balancer_does_not_mutate_input
    yield check_balancer_feature_mismatch
    yield check_balancer_nan_inf
    yield check_balancer_empty_input
    yield check_balancer_sparse_input
    yield check_balancer_single_sample
    yield check_balancer_dtypes
    yield check_balancer_pandas
    yield check_balancer_pickle
    yield check_balancer_ignores_y
    yield check_balancer_transformer


def check_balancer(balancer):
    """Run every balancer check on ``balancer``; raise on the first failure.

    Parameters
    ----------
    balancer : BaseBalancer
        An unfitted balancer instance (it is cloned, never modified).

    Returns
    -------
    skipped : list of str
        Names of checks that did not apply (e.g. pandas not installed).

    Raises
    ------
    AssertionError
        Naming the failed check and what went wrong.

    Examples
    --------
    >>> from skbalance import VoronoiBalancer
    >>> from skbalance.utils.estimator_checks import check_balancer
    >>> check_balancer(VoronoiBalancer())
    []
    """
    name = type(balancer).__name__
    skipped = []
    for check in _yield_balancer_checks(balancer):
        try:
            check(name, balancer)
        except _Skip:
            skipped.append(check.__name__)
    return skipped


def _bind(check, name):
    """``check`` as a one-argument callable that turns ``_Skip`` into a pytest skip."""

    def run(balancer):
        try:
            check(name, balancer)
        except _Skip as exc:
            import pytest

            pytest.skip(str(exc))

    run.__name__ = check.__name__
    return run


def parametrize_with_checks(balancers):
    """pytest decorator: one test per (balancer, check) pair.

    Parameters
    ----------
    balancers : list of BaseBalancer
        Unfitted instances to check.

    Returns
    -------
    decorator : pytest.mark.parametrize
        Parametrizes ``balancer`` and ``check``; call ``check(balancer)``.

    Examples
    --------
    >>> from skbalance import UniformBalancer
    >>> from skbalance.utils.estimator_checks import parametrize_with_checks
    >>> @parametrize_with_checks([UniformBalancer()])
    ... def test_balancer(balancer, check):
    ...     check(balancer)
    """
    import pytest

    params, ids = [], []
    for balancer in balancers:
        name = type(balancer).__name__
        for check in _yield_balancer_checks(balancer):
            params.append((balancer, _bind(check, name)))
            ids.append(f"{balancer!r}-{check.__name__}")
    return pytest.mark.parametrize("balancer, check", params, ids=ids)
