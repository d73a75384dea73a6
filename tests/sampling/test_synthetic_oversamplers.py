import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_array_equal
from sklearn.decomposition import PCA
from sklearn.mixture import GaussianMixture
from sklearn.neighbors import KernelDensity, NearestNeighbors

from skbalance import GenerativeOverSampler, MixUpOverSampler


def _data(seed=0):
    rng = np.random.RandomState(seed)
    X = np.r_[
        rng.normal(0, 1, size=(100, 3)),
        rng.normal(6, 1, size=(15, 3)),
        rng.normal(-6, 1, size=(30, 3)),
    ]
    y = np.r_[np.zeros(100, dtype=int), np.ones(15, dtype=int), np.full(30, 2)]
    return X, y


@pytest.mark.parametrize(
    "sampler", [MixUpOverSampler(random_state=0), GenerativeOverSampler(random_state=0)]
)
def test_counts_originals_and_determinism(sampler):
    X, y = _data()
    X_copy = X.copy()
    X_res, y_res = sampler.fit_resample(X, y)
    assert np.bincount(y_res).tolist() == [100, 100, 100]
    assert_array_equal(X_res[: len(X)], X)  # every original row kept, first, unchanged
    assert_array_equal(y_res[: len(y)], y)
    assert_array_equal(X, X_copy)
    again, _ = type(sampler)(**sampler.get_params()).fit_resample(X, y)
    assert_array_equal(again, X_res)


@pytest.mark.parametrize("cls", [MixUpOverSampler, GenerativeOverSampler])
def test_sampling_strategy_vocabulary(cls):
    X, y = _data()
    _, y_res = cls(sampling_strategy="minority", random_state=0).fit_resample(X, y)
    assert np.bincount(y_res).tolist() == [100, 100, 30]
    _, y_res = cls(sampling_strategy={1: 50, 2: 40}, random_state=0).fit_resample(X, y)
    assert np.bincount(y_res).tolist() == [100, 50, 40]
    with pytest.raises(ValueError):
        cls(sampling_strategy={1: 5}).fit_resample(X, y)  # fewer than present
    with pytest.raises(ValueError):
        cls(sampling_strategy="rare").fit_resample(X, y)
    binary = y < 2
    _, y_res = cls(sampling_strategy=0.5, random_state=0).fit_resample(
        X[binary], y[binary]
    )
    assert np.bincount(y_res).tolist() == [100, 50]


def test_mixup_stays_inside_each_class_box():
    X, y = _data()
    X_res, y_res = MixUpOverSampler(random_state=0).fit_resample(X, y)
    for cls in (1, 2):
        new = X_res[len(X) :][y_res[len(X) :] == cls]
        own = X[y == cls]
        assert np.all(new >= own.min(axis=0) - 1e-12) and np.all(
            new <= own.max(axis=0) + 1e-12
        )


def test_mixup_small_alpha_stays_near_real_samples():
    X, y = _data()
    X_res, _y_res = MixUpOverSampler(alpha=0.01, random_state=0).fit_resample(X, y)
    new = X_res[len(X) :]
    dist = NearestNeighbors(n_neighbors=1).fit(X).kneighbors(new)[0][:, 0]
    assert np.median(dist) < 0.05


def test_mixup_with_neighbours_is_smote():
    X, y = _data()
    k = 3
    X_res, y_res = MixUpOverSampler(
        alpha=1.0, n_neighbors=k, random_state=0
    ).fit_resample(X, y)
    own = X[y == 1]
    neighbours = (
        NearestNeighbors(n_neighbors=k + 1)
        .fit(own)
        .kneighbors(own, return_distance=False)[:, 1:]
    )
    for p in X_res[len(X) :][y_res[len(X) :] == 1]:
        # p lies on the segment between some sample and one of its k neighbours.
        gaps = np.linalg.norm(p - own[:, None, :], axis=2)[:, 0][
            :, None
        ] + np.linalg.norm(p - own[neighbours], axis=2)
        assert (
            np.min(gaps - np.linalg.norm(own[:, None, :] - own[neighbours], axis=2))
            < 1e-9
        )


def test_generative_matches_class_statistics():
    X, y = _data()
    X_res, y_res = GenerativeOverSampler(random_state=0).fit_resample(X, y)
    new = X_res[len(X) :][y_res[len(X) :] == 2]
    assert np.allclose(new.mean(axis=0), X[y == 2].mean(axis=0), atol=0.5)
    assert np.allclose(new.std(axis=0), X[y == 2].std(axis=0), atol=0.4)


def test_generative_with_kde_transformer_and_big_mixture():
    X, y = _data()
    sampler = GenerativeOverSampler(
        KernelDensity(bandwidth=0.5), transformer=PCA(2), random_state=0
    )
    X_res, _y_res = sampler.fit_resample(X, y)
    assert X_res.shape == (300, 3)
    assert set(sampler.transformers_) == {1, 2}
    big = GenerativeOverSampler(GaussianMixture(n_components=50), random_state=0).fit(
        X, y
    )
    X_res, _ = big.fit_resample(X, y)
    assert big.estimators_[1].n_components == 15  # lowered to the class size


def test_generative_bad_components():
    X, y = _data()

    class NoInverse:
        def fit(self, X, y=None):
            return self

        def transform(self, X):
            return X

    with pytest.raises(ValueError, match="transformer"):
        GenerativeOverSampler(transformer=NoInverse()).fit_resample(X, y)
    with pytest.raises(ValueError, match="estimator"):
        GenerativeOverSampler(estimator=PCA()).fit_resample(X, y)


@pytest.mark.parametrize("cls", [MixUpOverSampler, GenerativeOverSampler])
def test_pandas_and_bad_input(cls):
    from scipy import sparse

    X, y = _data()
    frame = pd.DataFrame(X, columns=["a", "b", "c"])
    X_res, y_res = cls(random_state=0).fit_resample(frame, pd.Series(y, name="t"))
    assert isinstance(X_res, pd.DataFrame) and list(X_res.columns) == ["a", "b", "c"]
    assert isinstance(y_res, pd.Series) and y_res.name == "t"
    if cls is MixUpOverSampler:  # mixes sparse rows: CSR in, CSR out
        X_res, _ = cls(random_state=0).fit_resample(sparse.csr_matrix(X), y)
        dense, _ = cls(random_state=0).fit_resample(X, y)
        assert sparse.issparse(X_res) and np.allclose(X_res.toarray(), dense)
    else:
        with pytest.raises(TypeError, match="TruncatedSVD"):
            cls().fit_resample(sparse.csr_matrix(X), y)
    X_nan = X.copy()
    X_nan[0, 0] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        cls().fit_resample(X_nan, y)
