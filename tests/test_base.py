import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn.base import BaseEstimator, TransformerMixin, clone
from sklearn.decomposition import PCA
from sklearn.exceptions import NotFittedError
from sklearn.preprocessing import FunctionTransformer, StandardScaler

from skbalance import (
    AdaptiveVoronoiBalancer,
    ClassifierRatioBalancer,
    KDEBalancer,
    UniformBalancer,
    VoronoiBalancer,
)
from skbalance.base import BaseBalancer
from skbalance.utils._weights import normalize_weights


def test_normalize_weights_mean_one():
    w = normalize_weights([2, 2, 4])
    assert w.dtype == np.float64
    assert_allclose(w, [0.75, 0.75, 1.5])


@pytest.mark.parametrize(
    "raw, message",
    [
        ([1.0, np.nan], "non-finite"),
        ([1.0, np.inf], "non-finite"),
        ([1.0, -1.0], "negative"),
        ([0.0, 0.0], "all zero"),
    ],
)
def test_normalize_weights_rejects_bad_raw_weights(raw, message):
    with pytest.raises(ValueError, match=message):
        normalize_weights(raw)


def test_transformer_is_cloned_fitted_on_pool_and_applied(two_blobs):
    pool, subset, _ = two_blobs
    pca = PCA(n_components=1)
    balancer = VoronoiBalancer(transformer=pca).fit(pool)
    assert not hasattr(pca, "components_"), "the user's transformer must stay unfitted"
    assert balancer.transformer_.n_features_in_ == 2
    assert balancer.references_.shape == (len(pool), 1)
    # Same result as transforming by hand.
    z_pool = PCA(n_components=1).fit(pool)
    expected = (
        VoronoiBalancer()
        .fit(z_pool.transform(pool))
        .compute_sample_weight(z_pool.transform(subset))
    )
    assert_allclose(balancer.compute_sample_weight(subset), expected)


def test_transformer_output_with_nan_is_reported(two_blobs):
    pool, _subset, _ = two_blobs

    class NaNMaker(StandardScaler):
        def transform(self, X, copy=None):
            Z = super().transform(X, copy=copy)
            Z[0, 0] = np.nan
            return Z

    with pytest.raises(ValueError, match="NaN"):
        VoronoiBalancer(transformer=NaNMaker()).fit(pool)


def test_invalid_transformer_rejected(two_blobs):
    pool, _, _ = two_blobs
    with pytest.raises(ValueError, match="transformer"):
        UniformBalancer(transformer="pca").fit(pool)


def test_fit_compute_sample_weight_equals_two_calls(two_blobs):
    pool, _, _ = two_blobs
    b = VoronoiBalancer(n_references=50, random_state=0)
    assert_allclose(
        b.fit_compute_sample_weight(pool), b.fit(pool).compute_sample_weight(pool)
    )


def test_not_fitted_error():
    with pytest.raises(NotFittedError):
        UniformBalancer().compute_sample_weight(np.zeros((3, 2)))


def test_sparse_refused_with_type_error(two_blobs):
    from scipy import sparse

    pool, _, _ = two_blobs
    with pytest.raises(TypeError, match="[Ss]parse"):
        UniformBalancer().fit(sparse.csr_matrix(pool))


def test_float32_pool_stays_float32(two_blobs):
    pool, subset, _ = two_blobs
    b = VoronoiBalancer().fit(pool.astype(np.float32))
    assert b.references_.dtype == np.float32
    assert b.compute_sample_weight(subset.astype(np.float32)).dtype == np.float64


def test_one_dimensional_input_rejected():
    with pytest.raises(ValueError, match="2D"):
        UniformBalancer().fit(np.arange(5.0))


def test_subclass_needs_only_its_math(two_blobs):
    class LastFeatureBalancer(BaseBalancer):
        def _compute_weights(self, Z):
            return np.abs(Z[:, -1])

    pool, subset, _ = two_blobs
    w = LastFeatureBalancer().fit(pool).compute_sample_weight(subset)
    assert_allclose(w, np.abs(subset[:, -1]) / np.abs(subset[:, -1]).mean())


def test_weights_usable_as_sample_weight(two_blobs):
    from sklearn.linear_model import LogisticRegression

    pool, subset, y = two_blobs
    w = VoronoiBalancer().fit(pool).compute_sample_weight(subset)
    LogisticRegression().fit(subset, y, sample_weight=w)


@pytest.mark.parametrize(
    "balancer",
    [
        VoronoiBalancer(),
        AdaptiveVoronoiBalancer(random_state=0),
        KDEBalancer(),
        ClassifierRatioBalancer(random_state=0),
        VoronoiBalancer(n_references=20, random_state=0),
        ClassifierRatioBalancer(max_pool_samples=30, random_state=0),
    ],
    ids=repr,
)
def test_a_kept_pool_never_aliases_the_callers_array(two_blobs, balancer):
    # Balancers that keep the pool get a copy of the caller's array, so that changing
    # the array after fit changes nothing; a transformer's fresh output is kept as is.
    pool, subset, _ = two_blobs
    pool = pool.copy()
    before = clone(balancer).fit(pool.copy()).compute_sample_weight(subset)
    fitted = clone(balancer).fit(pool)
    kept = fitted.pool_ if hasattr(fitted, "pool_") else fitted.references_
    assert not np.shares_memory(kept, pool)
    pool[:] = 0.0
    assert_allclose(fitted.compute_sample_weight(subset), before)


def test_an_identity_transformer_does_not_make_the_pool_shared(two_blobs):
    pool, _, _ = two_blobs
    pool = pool.copy()
    fitted = VoronoiBalancer(transformer=FunctionTransformer()).fit(pool)
    assert not np.shares_memory(fitted.references_, pool)


def test_a_transformers_output_is_kept_without_a_second_copy(two_blobs, monkeypatch):
    pool, _, _ = two_blobs
    made = []
    real_fit_transform = PCA.fit_transform

    def recording(self, X, y=None):
        made.append(real_fit_transform(self, X))
        return made[-1]

    monkeypatch.setattr(PCA, "fit_transform", recording)
    fitted = VoronoiBalancer(transformer=PCA(n_components=1)).fit(pool)
    assert fitted.references_ is made[0]


def test_the_pool_is_transformed_once(two_blobs):
    # fit_transform, not fit then transform: an expensive representation (image
    # scattering) costs one pass over the pool.
    class Counting(TransformerMixin, BaseEstimator):
        def fit(self, X, y=None):
            self.rows_seen_ = 0
            return self

        def transform(self, X):
            self.rows_seen_ += len(X)
            return np.asarray(X)

    pool, subset, _ = two_blobs
    fitted = VoronoiBalancer(transformer=Counting()).fit(pool)
    assert fitted.transformer_.rows_seen_ == len(pool)
    fitted.compute_sample_weight(subset)
    assert fitted.transformer_.rows_seen_ == len(pool) + len(subset)


@pytest.mark.parametrize(
    "balancer",
    [
        VoronoiBalancer(n_references=50, random_state=0),
        ClassifierRatioBalancer(max_pool_samples=50, random_state=0),
    ],
    ids=repr,
)
def test_a_sampled_pool_is_not_copied_whole(balancer):
    import tracemalloc

    pool = np.random.RandomState(0).normal(size=(20_000, 50))
    tracemalloc.start()
    try:
        balancer.fit(pool)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < pool.nbytes / 2
