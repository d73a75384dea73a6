"""The repository itself: README and CI in step, snippets run, ruff is clean."""

import contextlib
import importlib.util
import io
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


def _readme_snippets():
    """``(code, expected output or None)`` for every Python block of the README."""
    readme = ROOT / "README.md"
    if not readme.exists():
        pytest.skip("not running from a source checkout")
    pattern = r"```python\n(.*?)\n```(?:\s*```text\n(.*?)\n```)?"
    return re.findall(pattern, readme.read_text(), flags=re.DOTALL)


def _same_output(printed, expected, tolerance=0.011):
    """Words equal, numbers within ``tolerance`` (BLAS rounding varies by machine)."""
    number = r"(-?\d+(?:\.\d+)?)"
    got, want = re.split(number, printed.strip()), re.split(number, expected.strip())
    if len(got) != len(want):
        return False
    for i, (a, b) in enumerate(zip(got, want)):
        if i % 2 == 0:
            if a.split() != b.split():
                return False
        elif abs(float(a) - float(b)) > tolerance:
            return False
    return True


def test_readme_snippets_run_on_their_own_and_print_what_the_readme_shows(
    tmp_path, monkeypatch
):
    snippets = _readme_snippets()
    assert len(snippets) >= 3
    monkeypatch.chdir(tmp_path)
    for code, expected in snippets:
        # A fresh module per snippet: each must run on its own (its own imports).
        module = types.ModuleType("readme_snippet")
        monkeypatch.setitem(sys.modules, "readme_snippet", module)
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(code, "README.md", "exec"), module.__dict__)  # noqa: S102
        if expected:
            assert _same_output(out.getvalue(), expected), (out.getvalue(), expected)


def test_output_comparison_can_fail():
    assert _same_output("error 0.41 -> 0.03", "error 0.41 -> 0.035")
    assert not _same_output("error 0.41 -> 0.10", "error 0.41 -> 0.03")
    assert not _same_output("share 0.41", "error 0.41")


@pytest.mark.parametrize(
    "command", [["check", "--no-cache", "."], ["format", "--check", "--no-cache", "."]]
)
def test_repository_passes_ruff(command):
    """``ruff check`` and ``ruff format --check`` with the repository's settings."""
    if not (ROOT / "pyproject.toml").exists():
        pytest.skip("not running from a source checkout")
    if importlib.util.find_spec("ruff") is None:
        pytest.skip("ruff is not installed (it is in the test extra)")
    result = subprocess.run(
        [sys.executable, "-m", "ruff", *command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_readme_figures_come_from_their_reports():
    """Every count and mean error the README quotes is in the report it links."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## How well it balances", 1)[1].split("\n## ", 1)[0]
    quality = (ROOT / "docs" / "results" / "balance_quality.md").read_text()
    totals = [line for line in quality.splitlines() if line.startswith("| **all** |")]
    counts = re.findall(r"(\d+/\d+), (?:mean error )?(\d\.\d{3})", section)
    assert len(counts) == 9  # three families x three balancers
    for count, error in counts:
        assert any(f"**{count}**" in t and f"**{error}**" in t for t in totals), count
    seed = (ROOT / "docs" / "results" / "seed_comparison.md").read_text()
    mean_row = next(line for line in seed.splitlines() if line.startswith("| mean |"))
    for figure in re.findall(r"error is (\d\.\d{3}), against\s+(\d\.\d{3})", section)[
        0
    ]:
        assert figure in mean_row
