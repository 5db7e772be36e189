"""The benchmark scripts keep working (their figures are read by people, not asserted here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_planner_benchmark_runs_on_a_small_workload():
    result = subprocess.run(
        [sys.executable, "benchmarks/bench_planner.py", "300"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "weeks/s" in result.stdout


def test_planner_side_by_side_benchmark_runs_against_a_commit():
    result = subprocess.run(
        [sys.executable, "benchmarks/bench_planner_vs.py", "HEAD", "200", "1"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    assert "now / HEAD" in result.stdout


def test_cli_benchmark_runs_a_few_times():
    result = subprocess.run(
        [sys.executable, "benchmarks/bench_cli.py", "2"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "median" in result.stdout


def test_store_benchmark_runs():
    result = subprocess.run(
        [sys.executable, "benchmarks/bench_store.py"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "five years" in result.stdout and "52-week season" in result.stdout


def test_web_benchmark_runs_in_its_quick_mode():
    result = subprocess.run(
        [sys.executable, "benchmarks/bench_web.py", "--quick"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "GET /api/v1/athletes/{id}/week" in result.stdout and "p99" in result.stdout


def test_fit_benchmark_runs_in_its_quick_mode():
    result = subprocess.run(
        [sys.executable, "benchmarks/bench_fit.py", "--quick"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "runlift.io.fit" in result.stdout and "fitdecode" in result.stdout
    assert "MB/s" in result.stdout


def test_import_benchmark_runs_in_its_quick_mode():
    result = subprocess.run(
        [sys.executable, "benchmarks/bench_import.py", "--quick"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    assert "runlift import" in result.stdout and "fitdecode" in result.stdout
    assert "PASS" in result.stdout or "FAIL" in result.stdout
