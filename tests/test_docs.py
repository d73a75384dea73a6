"""The documentation site builds with warnings as errors, gallery examples included."""

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
pytest.importorskip("torch")  # the DataLoader gallery example
pytest.importorskip("matplotlib")


@pytest.mark.slow
@pytest.mark.skipif(
    not (ROOT / "docs" / "conf.py").exists(), reason="not a source checkout"
)
def test_docs_build_without_warnings(tmp_path):
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
        env={**__import__("os").environ, "MPLBACKEND": "Agg"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    html = tmp_path / "docs" / "_build" / "html"
    assert (html / "generated" / "skbalance.AdaptiveVoronoiBalancer.html").exists()
    assert (html / "auto_examples" / "plot_weights_vs_oversampling.html").exists()
