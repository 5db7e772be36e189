"""The domain stays pure: standard library only, no clock, no files."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

DOMAIN = Path(__file__).resolve().parents[1] / "src" / "runlift" / "domain"
FORBIDDEN_CALLS = {("date", "today"), ("datetime", "now"), ("time", "time"), ("Path", "open")}


def _modules():
    return sorted(DOMAIN.rglob("*.py"))


def test_the_domain_imports_only_the_standard_library_and_itself():
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                allowed = top in sys.stdlib_module_names or name.startswith("runlift.domain")
                assert allowed, f"{path.name} imports {name}"


def test_the_domain_reads_no_clock_and_opens_no_file():
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                if isinstance(func, ast.Name):
                    assert func.id != "open", f"{path.name} opens a file"
                if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                    assert (func.value.id, func.attr) not in FORBIDDEN_CALLS, (
                        f"{path.name}: {func.value.id}.{func.attr}"
                    )


def test_modules_stay_small():
    for path in (DOMAIN.parent).rglob("*.py"):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= 400, f"{path.relative_to(DOMAIN.parent)} has {lines} lines; split it"
