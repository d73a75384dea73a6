"""The documentation site builds with warnings as errors, gallery examples included."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytest.importorskip("sphinx")
pytest.importorskip("numpydoc")
pytest.importorskip("myst_parser")
pytest.importorskip("sphinx_gallery")
pytest.importorskip("matplotlib")


HIDE_TORCH = """
import sys


class HideTorch:
    def find_spec(self, name, path=None, target=None):
        if name == "torch" or name.startswith("torch."):
            raise ModuleNotFoundError(f"No module named {name!r}")


sys.meta_path.insert(0, HideTorch())
"""


def _build(tmp_path, env=None):
    # Build from a copy, so the generated API pages and gallery stay out of the tree.
    shutil.copytree(
        ROOT / "docs",
        tmp_path / "docs",
        ignore=shutil.ignore_patterns("_build", "generated", "auto_examples"),
    )
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "--keep-going",
            "-q",
            "-b",
            "html",
            "docs",
            "docs/_build/html",
        ],
        cwd=tmp_path,
        capture_output=True,
        check=False,
        text=True,
        env={**os.environ, "MPLBACKEND": "Agg", **(env or {})},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp_path / "docs" / "_build" / "html"


@pytest.mark.slow
@pytest.mark.skipif(
    not (ROOT / "docs" / "conf.py").exists(), reason="not a source checkout"
)
def test_docs_build_without_warnings(tmp_path):
    html = _build(tmp_path)
    assert (html / "generated" / "skbalance.AdaptiveVoronoiBalancer.html").exists()
    assert (html / "generated" / "skbalance.default_balancer.html").exists()
    assert (html / "auto_examples" / "plot_weights_vs_oversampling.html").exists()
    assert (html / "results" / "balance_quality.html").exists()


@pytest.mark.slow
@pytest.mark.skipif(
    not (ROOT / "docs" / "conf.py").exists(), reason="not a source checkout"
)
def test_docs_build_without_torch(tmp_path):
    # A sitecustomize that makes `import torch` fail, as on a machine without it.
    hide = tmp_path / "hide_torch"
    hide.mkdir()
    (hide / "sitecustomize.py").write_text(HIDE_TORCH)
    path = os.pathsep.join([str(hide), os.environ.get("PYTHONPATH", "")])
    html = _build(tmp_path, env={"PYTHONPATH": path})
    assert (
        html / "generated" / "skbalance.torch_sampler.BalancedSampler.html"
    ).exists()
    assert not (html / "auto_examples" / "plot_dataloader_sampler.html").exists()
