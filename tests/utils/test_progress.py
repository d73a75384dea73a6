"""verbose balancers report their passes over the pool on stderr."""

import re

import numpy as np
import pytest
import sklearn

from skbalance import (
    AdaptiveVoronoiBalancer,
    DensityBalancer,
    KDEBalancer,
    VoronoiBalancer,
)

VERBOSE = [VoronoiBalancer, KDEBalancer, AdaptiveVoronoiBalancer, DensityBalancer]


def _data():
    rng = np.random.RandomState(0)
    return rng.normal(size=(3000, 5)), rng.normal(size=(200, 5))


@pytest.mark.parametrize("cls", VERBOSE)
def test_verbose_reports_every_pass_to_the_end(cls, capsys):
    pool, subset = _data()
    seeded = {"random_state": 0} if "random_state" in cls().get_params() else {}
    with sklearn.config_context(working_memory=1):  # many batches
        quiet = cls(**seeded).fit(pool).compute_sample_weight(subset)
        assert capsys.readouterr().err == ""
        loud = cls(verbose=1, **seeded).fit(pool).compute_sample_weight(subset)
    err = capsys.readouterr().err
    np.testing.assert_array_equal(loud, quiet)  # reporting changes nothing
    lines = err.strip().splitlines()
    assert lines and all(
        re.match(
            rf"\[{cls.__name__}\.(fit|compute_sample_weight)\] "
            r"[\d,]+/[\d,]+ rows \(\d+%\), [\d.]+ s$",
            line,
        )
        for line in lines
    )
    assert any(
        line.startswith(f"[{cls.__name__}.compute_sample_weight]") and "(100%)" in line
        for line in lines
    )


def test_passes_of_the_same_size_each_report_their_progress(capsys):
    # Weighting the pool itself: the samples' own pass and the pool's pass have the
    # same number of rows; the second must not stay silent until its end.
    pool, _ = _data()
    with sklearn.config_context(working_memory=1):  # many batches
        AdaptiveVoronoiBalancer(verbose=1, random_state=0).fit_compute_sample_weight(
            pool
        )
    lines = [
        line
        for line in capsys.readouterr().err.strip().splitlines()
        if line.startswith("[AdaptiveVoronoiBalancer.compute_sample_weight]")
    ]
    ends = [i for i, line in enumerate(lines) if "(100%)" in line]
    assert len(ends) == 2
    assert any("(100%)" not in line for line in lines[ends[0] + 1 : ends[1]])


def test_verbose_levels_and_threads(capsys):
    pool, subset = _data()
    with sklearn.config_context(working_memory=0.1):  # about 100 batches
        VoronoiBalancer(verbose=1).fit(pool).compute_sample_weight(subset)
        some = capsys.readouterr().err.strip().splitlines()
        VoronoiBalancer(verbose=2).fit(pool).compute_sample_weight(subset)
        every = capsys.readouterr().err.strip().splitlines()
        w = VoronoiBalancer(verbose=2, n_jobs=2).fit(pool).compute_sample_weight(subset)
        threaded = capsys.readouterr().err.strip().splitlines()
    assert 1 < len(some) <= 11 < len(every)
    # One line per batch, in order, from the main thread; with two threads every
    # batch is split in two (the batches in flight share working_memory).
    assert len(threaded) == 2 * len(every)
    done = [int(line.split()[1].split("/")[0].replace(",", "")) for line in threaded]
    assert done == sorted(done) and done[-1] == pool.shape[0]
    np.testing.assert_array_equal(
        w, VoronoiBalancer().fit(pool).compute_sample_weight(subset)
    )


def test_verbose_is_validated():
    pool, _ = _data()
    with pytest.raises(ValueError, match="verbose"):
        VoronoiBalancer(verbose="loud").fit(pool)
