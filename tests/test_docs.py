"""Docs that the tests keep honest: every rule documented, the README's commands real."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from runlift.domain.rules import all_rules

ROOT = Path(__file__).resolve().parents[1]


def test_every_rule_id_has_a_section_in_the_rules_page():
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    headings = set(re.findall(r"^#+ `([a-z-]+)`", text, flags=re.M))
    missing = set(all_rules()) - headings
    assert not missing, f"undocumented rules: {sorted(missing)}"


def test_the_readme_opens_with_the_two_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = re.search(r"```(?:sh|bash|console)?\n(.*?)```", text, flags=re.S)
    assert first_block is not None
    assert first_block.group(1).split() == ["make", "run", "make", "test"]


def test_the_readme_example_output_is_what_the_command_prints():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- example: (.+?) -->\n```text\n(.*?)```", text, flags=re.S)
    assert match is not None, "README needs its worked example between the markers"
    args = match.group(1).split()
    assert args[0] == "runlift"
    result = subprocess.run(
        [sys.executable, "-m", "runlift", *args[1:]],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    assert result.stdout.rstrip() == match.group(2).rstrip()


def test_every_feature_has_a_docs_page():
    pages = ("rules", "planner", "prescription", "plan-file", "cli", "exercises", "tracking",
             "progression", "web-app", "web-pages", "web-api", "benchmarks")  # fmt: skip
    for page in pages:
        assert (ROOT / "docs" / f"{page}.md").exists(), page
