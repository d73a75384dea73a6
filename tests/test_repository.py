"""The repository itself: README and CI in step, snippets run, ruff is clean."""

import importlib.util
import re
import subprocess
import sys
import types
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _quickstart_commands():
    readme = ROOT / "README.md"
    if not readme.exists():
        pytest.skip("not running from a source checkout")
    section = readme.read_text().split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```\n(.*?)\n```", section, flags=re.DOTALL)


def test_quickstart_has_exactly_two_commands():
    commands = _quickstart_commands()
    assert len(commands) == 2
    assert all("\n" not in c for c in commands)
    assert "skbalance compare" in commands[0]
    assert '".[test]"' in commands[1] and "pytest" in commands[1]


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert _quickstart_commands()[1] in ci


def test_readme_python_snippets_run(tmp_path, monkeypatch):
    readme = ROOT / "README.md"
    blocks = re.findall(r"```python\n(.*?)\n```", readme.read_text(), flags=re.DOTALL)
    assert len(blocks) >= 4
    monkeypatch.chdir(tmp_path)
    # A real module, so that classes defined in the snippets can be pickled.
    module = types.ModuleType("readme_snippets")
    monkeypatch.setitem(sys.modules, "readme_snippets", module)
    for block in blocks:
        exec(compile(block, "README.md", "exec"), module.__dict__)  # noqa: S102
    assert module.search.best_score_ > 0.5


def test_repository_passes_ruff():
    """``ruff check`` with the repository's configuration finds nothing."""
    if not (ROOT / "pyproject.toml").exists():
        pytest.skip("not running from a source checkout")
    if importlib.util.find_spec("ruff") is None:
        pytest.skip("ruff is not installed (it is in the test extra)")
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
