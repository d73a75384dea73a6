"""Every balancer on a dask.distributed cluster equals the in-memory path."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

da = pytest.importorskip("dask.array")
distributed = pytest.importorskip("distributed")

from skbalance import default_balancer
from skbalance.utils.discovery import all_balancers

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with distributed.Client(cluster) as client:
        yield client
    cluster.close()


def _make(cls):
    if cls is None:
        return default_balancer(random_state=0)
    return cls(random_state=0) if "random_state" in cls().get_params() else cls()


@pytest.mark.parametrize(
    "cls",
    [cls for _, cls in all_balancers()] + [None],
    ids=lambda c: getattr(c, "__name__", "default_balancer"),
)
def test_a_dask_pool_on_worker_processes_gives_the_in_memory_weights(client, cls):
    rng = np.random.RandomState(0)
    pool = np.r_[rng.normal(-2, 1, size=(1500, 4)), rng.normal(2, 1, size=(1500, 4))]
    subset = np.r_[rng.normal(-2, 1, size=(90, 4)), rng.normal(2, 1, size=(10, 4))]
    lazy = da.from_array(pool, chunks=500)
    with distributed.get_task_stream(client) as stream:
        weights = _make(cls).fit(lazy).compute_sample_weight(subset)
    assert_allclose(weights, _make(cls).fit(pool).compute_sample_weight(subset))
    assert stream.data, "the pool's blocks were processed on the cluster's workers"
